// Engine API container JSON → contract DTOs.
import type Dockerode from 'dockerode';
import type {
  ContainerDetail,
  ContainerNetworkAttachment,
  ContainerSummary,
  MountSummary,
  PortMapping,
  PortProtocol,
} from '../../contract/dto/containers';
import { healthFromStatus, parseContainerState } from '../../core/container-status';
import { hideSecretEnvInInspect } from '../../core/secret-env';
import { isBerthContainer } from '../berth-labels';
import { stringList } from './json';

const COMPOSE_PROJECT = 'com.docker.compose.project';
const COMPOSE_SERVICE = 'com.docker.compose.service';

function protocolOf(value: string | undefined): PortProtocol {
  return value === 'udp' || value === 'sctp' ? value : 'tcp';
}

/** The engine lists a port once per address family; keep one entry, IPv4 first. */
function dedupePorts(ports: PortMapping[]): PortMapping[] {
  const seen = new Map<string, PortMapping>();
  for (const port of ports) {
    const key = `${port.containerPort}/${port.protocol}:${port.hostPort ?? ''}`;
    const existing = seen.get(key);
    if (!existing || (existing.hostIp?.includes(':') && !port.hostIp?.includes(':'))) seen.set(key, port);
  }
  return [...seen.values()].sort((a, b) => a.containerPort - b.containerPort || (a.hostPort ?? 0) - (b.hostPort ?? 0));
}

function mountOf(m: {
  Type?: string;
  Name?: string;
  Source?: string;
  Destination?: string;
  RW?: boolean;
}): MountSummary {
  const type = (m.Type ?? 'bind') as MountSummary['type'];
  const mount: MountSummary = {
    type,
    source: m.Source ?? '',
    destination: m.Destination ?? '',
    readOnly: m.RW === false,
  };
  if (m.Name) mount.name = m.Name;
  return mount;
}

export function toContainerSummary(c: Dockerode.ContainerInfo): ContainerSummary {
  const labels = c.Labels ?? {};
  const ports = dedupePorts(
    (c.Ports ?? []).map((p) => {
      const port: PortMapping = { containerPort: p.PrivatePort, protocol: protocolOf(p.Type) };
      if (p.PublicPort) {
        port.hostPort = p.PublicPort;
        if (p.IP) port.hostIp = p.IP;
      }
      return port;
    }),
  );
  const summary: ContainerSummary = {
    id: c.Id,
    name: (c.Names?.[0] ?? c.Id.slice(0, 12)).replace(/^\//, ''),
    image: c.Image,
    imageId: c.ImageID,
    command: c.Command,
    created: c.Created,
    state: parseContainerState(c.State),
    status: c.Status,
    health: healthFromStatus(c.Status),
    ports,
    labels,
    mounts: (c.Mounts ?? []).map(mountOf),
    networks: Object.keys(c.NetworkSettings?.Networks ?? {}),
    berthOwned: isBerthContainer(labels),
  };
  if (labels[COMPOSE_PROJECT]) summary.composeProject = labels[COMPOSE_PROJECT];
  if (labels[COMPOSE_SERVICE]) summary.composeService = labels[COMPOSE_SERVICE];
  return summary;
}

type PortMap = Record<string, Array<{ HostIp?: string; HostPort?: string }> | null>;

function portsFromInspect(exposed: Record<string, unknown> | undefined, bound: PortMap | undefined): PortMapping[] {
  const out: PortMapping[] = [];
  const keys = new Set([...Object.keys(exposed ?? {}), ...Object.keys(bound ?? {})]);
  for (const key of keys) {
    const [port = '0', proto] = key.split('/');
    const base = { containerPort: Number(port), protocol: protocolOf(proto) };
    const bindings = bound?.[key] ?? [];
    if (bindings.length === 0) out.push(base);
    for (const b of bindings) {
      const mapping: PortMapping = { ...base };
      if (b.HostPort) mapping.hostPort = Number(b.HostPort);
      if (b.HostIp) mapping.hostIp = b.HostIp;
      out.push(mapping);
    }
  }
  return dedupePorts(out);
}

/** The detail of an inspect answer; env values marked secret are hidden in `env` and `raw` alike. */
export function toContainerDetail(inspect: Dockerode.ContainerInspectInfo): ContainerDetail {
  const { inspect: c, names: secretEnv } = hideSecretEnvInInspect(inspect);
  const state = c.State;
  const config = c.Config;
  const host = c.HostConfig as Dockerode.HostConfig & { NanoCpus?: number };
  const health = state.Health?.Status;
  const networks: ContainerNetworkAttachment[] = Object.entries(c.NetworkSettings?.Networks ?? {}).map(
    ([network, n]) => ({
      network,
      ipAddress: n.IPAddress ?? '',
      ipv6Address: n.GlobalIPv6Address ?? '',
      macAddress: n.MacAddress ?? '',
      gateway: n.Gateway ?? '',
      aliases: (n.Aliases as string[] | null | undefined) ?? [],
    }),
  );
  return {
    id: c.Id,
    name: c.Name.replace(/^\//, ''),
    image: config.Image,
    imageId: c.Image,
    created: c.Created,
    state: parseContainerState(state.Status),
    running: state.Running,
    paused: state.Paused,
    exitCode: state.ExitCode,
    health: health === 'starting' || health === 'healthy' || health === 'unhealthy' ? health : 'none',
    startedAt: state.StartedAt,
    finishedAt: state.FinishedAt,
    oomKilled: state.OOMKilled,
    restartCount: c.RestartCount,
    tty: config.Tty,
    command: stringList(config.Cmd),
    entrypoint: stringList(config.Entrypoint),
    env: config.Env ?? [],
    secretEnv,
    workingDir: config.WorkingDir ?? '',
    user: config.User ?? '',
    labels: config.Labels ?? {},
    ports: portsFromInspect(config.ExposedPorts, c.NetworkSettings?.Ports as PortMap | undefined),
    mounts: (c.Mounts ?? []).map(mountOf),
    networks,
    restartPolicy: {
      name: host.RestartPolicy?.Name || 'no',
      maximumRetryCount: host.RestartPolicy?.MaximumRetryCount ?? 0,
    },
    memoryLimit: host.Memory ?? 0,
    memorySwap: host.MemorySwap ?? 0,
    cpuShares: host.CpuShares ?? 0,
    nanoCpus: host.NanoCpus ?? 0,
    autoRemove: host.AutoRemove ?? false,
    raw: c as unknown as Record<string, unknown>,
  };
}
