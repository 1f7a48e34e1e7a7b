// The running VM's link to the host: one SSH session, the engine socket and published ports forwarded, the docker context.
import { readFile } from 'node:fs/promises';
import { request } from 'node:http';
import { basename, dirname } from 'node:path';
import type { MachineProgressStep } from '../contract/dto/machine';
import { HELPER_IMAGE } from '../core/helper-image-name';
import Dockerode from 'dockerode';
import { writeDockerContext } from '../tunnel/docker-context';
import { PortForwarder, type PortConflict } from '../tunnel/port-forwarder';
import { SocketForwarder } from '../tunnel/socket-forwarder';
import { SshSession } from '../tunnel/ssh-session';
import type { MachineKeys } from './machine-keys';

export interface GuestTunnelOptions {
  /** Host port on 127.0.0.1 that QEMU forwards to the guest's sshd. */
  sshPort: number;
  keys: MachineKeys;
  /** Host path of the forwarded engine socket. */
  dockerSocket: string;
  /** Give up at this time (ms since the epoch). */
  deadline: number;
  signal: AbortSignal;
  exposePortsOnAllInterfaces: boolean;
  /** The docker CLI's config folder, where the `berth` context is written. */
  dockerConfigDir: string;
  /** A published port could not get its host listener (the port is taken on this computer). */
  onPortConflict: (conflict: PortConflict) => void;
  onStep: (step: MachineProgressStep) => void;
  /** The SSH connection went away on its own after the tunnel was open. */
  onLost: (reason: string) => void;
}

/** Between login attempts while the guest boots, in ms. */
const LOGIN_RETRY_MS = 250;
/** One login attempt (TCP, handshake, key exchange, auth) under software emulation, in ms. */
const LOGIN_ATTEMPT_MS = 15_000;
const PING_RETRY_MS = 100;

export class GuestTunnel {
  private closing = false;

  private constructor(
    private readonly session: SshSession,
    private readonly socket: SocketForwarder,
    private readonly ports: PortForwarder,
  ) {}

  /** Logs in (retrying until the guest's sshd answers), forwards the engine socket and waits for the engine. */
  static async open(options: GuestTunnelOptions): Promise<GuestTunnel> {
    const session = await login(options);
    const socket = new SocketForwarder({
      session,
      dir: dirname(options.dockerSocket),
      name: basename(options.dockerSocket),
    });
    const ports = new PortForwarder({
      session,
      docker: new Dockerode({ socketPath: options.dockerSocket }),
      exposeOnAllInterfaces: options.exposePortsOnAllInterfaces,
    });
    ports.on('conflict', options.onPortConflict);
    try {
      options.onStep('Forwarding the engine socket');
      await socket.start();
      options.onStep('Waiting for the engine');
      await waitForEngine(options.dockerSocket, options.deadline, options.signal);
      await ports.start();
      await writeDockerContext({ configDir: options.dockerConfigDir, socketPath: options.dockerSocket });
    } catch (error) {
      await ports.stop();
      await socket.stop();
      await session.close();
      throw error;
    }
    const tunnel = new GuestTunnel(session, socket, ports);
    session.once('close', ({ error }) => {
      if (!tunnel.closing) options.onLost(`The SSH connection to the VM was lost: ${error?.message ?? 'closed'}`);
    });
    return tunnel;
  }

  /** Stops forwarding and closes the SSH session. */
  async close(): Promise<void> {
    this.closing = true;
    await this.ports.stop();
    await this.socket.stop();
    await this.session.close();
  }
}

async function login(options: GuestTunnelOptions): Promise<SshSession> {
  const privateKey = await readFile(options.keys.userPrivateKeyPath);
  let lastError: unknown;
  while (Date.now() < options.deadline) {
    options.signal.throwIfAborted();
    try {
      return await SshSession.connect({
        host: '127.0.0.1',
        port: options.sshPort,
        username: 'root',
        privateKey,
        hostKey: options.keys.hostPublicKey,
        readyTimeoutMs: Math.min(LOGIN_ATTEMPT_MS, Math.max(1000, options.deadline - Date.now())),
      });
    } catch (error) {
      if ((error as Error).name === 'HostKeyMismatchError') throw error;
      lastError = error;
      await pause(LOGIN_RETRY_MS);
    }
  }
  throw new Error(
    `The VM did not accept an SSH login in time (${(lastError as Error | undefined)?.message ?? 'no answer'})`,
  );
}

/**
 * Waits until the engine answers and holds the helper image, which the guest imports right after
 * the engine's first start on a new data disk (volume browsing and export need it).
 */
async function waitForEngine(socketPath: string, deadline: number, signal: AbortSignal): Promise<void> {
  let lastError = 'no answer';
  const helper = `/images/${encodeURIComponent(HELPER_IMAGE)}/json`;
  while (Date.now() < deadline) {
    signal.throwIfAborted();
    const ping = await get(socketPath, '/_ping').catch((error: Error) => error.message);
    const image = ping === 'OK' ? await get(socketPath, helper).catch((error: Error) => error.message) : '';
    if (ping === 'OK' && image.startsWith('{')) return;
    lastError = ping === 'OK' ? `the helper image ${HELPER_IMAGE} is not loaded yet` : ping;
    await pause(PING_RETRY_MS);
  }
  throw new Error(`The engine in the VM was not ready in time (${lastError})`);
}

/** The body of a 200 answer, or "HTTP <status>: <body>". */
function get(socketPath: string, path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request({ socketPath, path, timeout: 5000 }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (text: string) => (body += text));
      res.on('end', () => resolve(res.statusCode === 200 ? body : `HTTP ${res.statusCode}: ${body}`));
    });
    req.on('timeout', () => req.destroy(new Error('timed out')));
    req.on('error', reject);
    req.end();
  });
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
