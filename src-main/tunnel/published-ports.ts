// Which host listeners the guest's published container ports call for: bind address, guest target, skipped ports, clashes.

/** A running container's published ports, as the engine's container list reports them. */
export interface ContainerPorts {
  id: string;
  /** Without the leading slash. */
  name: string;
  ports: Array<{
    /** Guest address the port is published on; '', '0.0.0.0' or '::' mean every address. */
    ip?: string;
    privatePort: number;
    /** Unset when the port is only exposed, not published. */
    publicPort?: number;
    type: string;
  }>;
}

export interface PlanOptions {
  /** Listen on every host interface (0.0.0.0) instead of loopback only. Never for ports published on the guest's loopback. */
  exposeOnAllInterfaces: boolean;
  /** Host address of listeners that stay on this computer, e.g. '127.0.0.1'. */
  loopbackAddress: string;
  /** UDP ports can be forwarded too (QEMU's own forwarding); otherwise they are listed as skipped. */
  udp?: boolean;
}

/** One host listener: `hostAddress:port` on the host forwards to `guestAddress:port` in the guest. */
export interface PortForward {
  /** `hostAddress:port` for TCP, `hostAddress:port/udp` for UDP: unique per listener. */
  key: string;
  protocol: 'tcp' | 'udp';
  hostAddress: string;
  port: number;
  /** For TCP; UDP reaches the VM's own network address. */
  guestAddress: string;
  /** The port on the other side when it is not `port` (a remote engine's port forwarded to another local one). */
  guestPort?: number;
  containerId: string;
  containerName: string;
}

/** A published port Berth does not forward, and why. */
export interface SkippedPort {
  port: number;
  protocol: string;
  containerId: string;
  containerName: string;
  reason: string;
}

/** A published port that has no host listener because the host port is taken. */
export interface PortConflict {
  port: number;
  hostAddress: string;
  containerId: string;
  containerName: string;
  /** The listen error code, e.g. 'EADDRINUSE', or 'DUPLICATE' when another container's port already has the listener. */
  code: string;
  message: string;
}

export interface ForwardPlan {
  forwards: PortForward[];
  skipped: SkippedPort[];
  conflicts: PortConflict[];
}

const WILDCARDS = new Set(['', '0.0.0.0', '::']);

/**
 * Every TCP port the containers publish becomes one listener on the same port number on the
 * host. Ports published on the guest's loopback stay on the host's loopback whatever
 * `exposeOnAllInterfaces` says. The IPv4 and IPv6 entries the engine lists for one port become one
 * listener. When two containers claim the same listener, the first keeps it and the second gets
 * a conflict. UDP ports are forwarded when `udp` is set, except those published on the guest's
 * loopback, which QEMU's forwarding cannot reach; other protocols are listed as skipped.
 */
export function planForwards(containers: ContainerPorts[], options: PlanOptions): ForwardPlan {
  const forwards = new Map<string, PortForward>();
  const skipped: SkippedPort[] = [];
  const conflicts: PortConflict[] = [];
  for (const container of containers) {
    for (const port of container.ports) {
      if (port.publicPort === undefined || port.publicPort <= 0) continue;
      const base = { port: port.publicPort, containerId: container.id, containerName: container.name };
      const ip = port.ip ?? '';
      const onGuestLoopback = isLoopback(ip);
      const skip = (reason: string) => {
        if (!skipped.some((s) => s.containerId === container.id && s.port === base.port && s.protocol === port.type)) {
          skipped.push({ ...base, protocol: port.type, reason });
        }
      };
      if (port.type !== 'tcp' && !(port.type === 'udp' && options.udp)) {
        skip(`${port.type.toUpperCase()} ports are not forwarded to this computer yet (only TCP is)`);
        continue;
      }
      if (port.type === 'udp' && onGuestLoopback) {
        skip(`UDP port ${base.port} is published on the VM's ${ip} only, which QEMU's UDP forwarding cannot reach`);
        continue;
      }
      const protocol = port.type === 'udp' ? 'udp' : 'tcp';
      const wildcard = WILDCARDS.has(ip);
      const hostAddress = options.exposeOnAllInterfaces && !onGuestLoopback ? '0.0.0.0' : options.loopbackAddress;
      const guestAddress = wildcard ? (ip === '::' ? '::1' : '127.0.0.1') : ip;
      const key = `${hostAddress}:${base.port}${protocol === 'udp' ? '/udp' : ''}`;
      const existing = forwards.get(key);
      if (!existing) {
        forwards.set(key, { key, protocol, hostAddress, guestAddress, ...base });
      } else if (existing.containerId === container.id) {
        // The engine lists 0.0.0.0 and :: for one port: reach it over IPv4.
        if (existing.guestAddress.includes(':') && !guestAddress.includes(':')) existing.guestAddress = guestAddress;
      } else if (!conflicts.some((c) => c.containerId === container.id && c.port === base.port)) {
        conflicts.push({
          ...base,
          hostAddress,
          code: 'DUPLICATE',
          message: `${protocol === 'udp' ? 'UDP port' : 'Port'} ${base.port} is already forwarded for container "${existing.containerName}", so container "${container.name}" cannot be reached on ${where(hostAddress, base.port)}`,
        });
      }
    }
  }
  return { forwards: [...forwards.values()], skipped, conflicts };
}

/** The message for a host listener that could not be opened, from the listen error's code. */
export function listenFailureMessage(forward: PortForward, code: string, detail: string): string {
  const target = `container "${forward.containerName}" cannot be reached on ${where(forward.hostAddress, forward.port)}`;
  switch (code) {
    case 'EADDRINUSE':
      return `${forward.protocol === 'udp' ? 'UDP port' : 'Port'} ${forward.port} is already in use on this computer (by another program), so ${target}`;
    case 'EACCES':
      return `Port ${forward.port} needs administrator rights on this computer, so ${target}; publish it on a port above 1023`;
    case 'EADDRNOTAVAIL':
      return `Address ${forward.hostAddress} does not exist on this computer, so ${target}`;
    default:
      return `Could not listen on ${forward.hostAddress}:${forward.port} (${detail}), so ${target}`;
  }
}

/** How a user reaches a host listener: localhost:PORT, or port PORT on every interface. */
function where(hostAddress: string, port: number): string {
  if (hostAddress === '0.0.0.0') return `port ${port} of this computer`;
  return isLoopback(hostAddress) ? `localhost:${port}` : `${hostAddress}:${port}`;
}

function isLoopback(ip: string): boolean {
  return ip === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(ip);
}
