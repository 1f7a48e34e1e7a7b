// The running VM's link to the host: the engine socket through the guest's relay, one SSH session that logs in again when it drops (published ports, commands), the docker context.
import { readFile } from 'node:fs/promises';
import { request } from 'node:http';
import type { MachineProgressStep } from '../contract/dto/machine';
import { HELPER_IMAGE } from '../core/helper-image-name';
import Dockerode from 'dockerode';
import { writeDockerContext } from '../tunnel/docker-context';
import { EngineRelay } from '../tunnel/engine-relay';
import { PortForwarder, type PortConflict, type UdpForwarding } from '../tunnel/port-forwarder';
import { SocketForwarder } from '../tunnel/socket-forwarder';
import { ReconnectingSession } from '../tunnel/reconnecting-session';
import { loginWithRetries } from '../tunnel/ssh-login';
import type { SshSession } from '../tunnel/ssh-session';
import { DataDiskTrimmer } from './data-disk-trimmer';
import { IdlePauser } from './idle-pauser';
import type { MachineKeys } from './machine-keys';
import { withDataDiskFrozen } from './snapshots/frozen-data-disk';

export interface GuestTunnelOptions {
  /** Host port on 127.0.0.1 that QEMU forwards to the guest's sshd. */
  sshPort: number;
  /** Host port on 127.0.0.1 that QEMU forwards to the guest's engine relay, and the relay's per-boot secret. */
  relay: { port: number; secret: Buffer };
  keys: MachineKeys;
  /** Host path of the forwarded engine socket, for clients (the docker CLI, the app). */
  dockerSocket: string;
  /** Host path of a second forwarded engine socket for Berth's own watchers, whose connections keep nothing awake. */
  internalSocket: string;
  /** Give up at this time (ms since the epoch). */
  deadline: number;
  signal: AbortSignal;
  exposePortsOnAllInterfaces: boolean;
  /** The docker CLI's config folder, where the `berth` context is written. */
  dockerConfigDir: string;
  /** A published port could not get its host listener (the port is taken on this computer). */
  onPortConflict: (conflict: PortConflict) => void;
  onStep: (step: MachineProgressStep) => void;
  /** The SSH connection went away on its own after the tunnel was open, and a new login did not come back in time. */
  onLost: (reason: string) => void;
  /** The SSH connection dropped (sshd restarted in the guest): logging in again; published ports wait meanwhile. */
  onReconnecting?: (reason: string) => void;
  /** Logged in again, `downMs` after the drop. */
  onReconnected?: (downMs: number) => void;
  /** A trim of the data disk after deletions failed. */
  onTrimFailed?: (reason: string) => void;
  /** Forwards published UDP ports (through QEMU); they are listed as skipped without it. */
  udp?: UdpForwarding;
  /** Pause the VM after this long with no running containers and no clients; off when unset. */
  idlePause?: IdlePauseControl;
}

export interface IdlePauseControl {
  idleMs: number;
  /** QMP `stop` and `cont`. */
  freeze: () => Promise<void>;
  thaw: () => Promise<void>;
  onPausedChange: (paused: boolean) => void;
  onError: (error: Error) => void;
}

/** Longest the guest clock fix after a pause may take, in ms. */
const CLOCK_FIX_TIMEOUT_MS = 10_000;
/** Longest a fstrim of the data disk may take, in ms. */
const TRIM_TIMEOUT_MS = 120_000;
/** Between login attempts while the guest boots, in ms. */
const LOGIN_RETRY_MS = 250;
/** One login attempt (TCP, handshake, key exchange, auth) under software emulation, in ms. */
const LOGIN_ATTEMPT_MS = 15_000;
const PING_RETRY_MS = 100;
/** How long a dropped SSH connection may take to come back (the guest restarts sshd within a second or two), in ms. */
const SSH_RECONNECT_MS = 60_000;

export class GuestTunnel {
  private closing = false;

  private constructor(
    private readonly session: ReconnectingSession,
    private readonly relay: EngineRelay,
    private readonly sockets: SocketForwarder[],
    private readonly ports: PortForwarder,
    private readonly trimmer: DataDiskTrimmer,
    private readonly pauser: IdlePauser | undefined,
  ) {}

  /** True while the VM is paused for being idle. */
  get paused(): boolean {
    return this.pauser?.isPaused ?? false;
  }

  /** Logs in (retrying until the guest's sshd answers), forwards the engine socket and waits for the engine. */
  static async open(options: GuestTunnelOptions): Promise<GuestTunnel> {
    const session = new ReconnectingSession(await login(options, options.deadline, options.signal), {
      connect: (deadline, signal) => login(options, deadline, signal),
      reconnectWithinMs: SSH_RECONNECT_MS,
    });
    const docker = new Dockerode({ socketPath: options.internalSocket });
    const pauser = options.idlePause && idlePauser(options.idlePause, session, docker);
    // Engine connections go through the relay, not SSH: measured in test/bench/tunnel.bench.ts.
    const relay = new EngineRelay({ host: '127.0.0.1', port: options.relay.port, secret: options.relay.secret });
    const socket = new SocketForwarder({
      // Each client connection first wakes a paused VM.
      connect: async () => {
        await pauser?.wake();
        return relay.connect();
      },
      socketPath: options.dockerSocket,
    });
    if (pauser) socket.on('active', (count) => pauser.clientsChanged(count));
    const internal = new SocketForwarder({
      connect: () => relay.connect(),
      socketPath: options.internalSocket,
    });
    const ports = new PortForwarder({
      session,
      docker,
      exposeOnAllInterfaces: options.exposePortsOnAllInterfaces,
      ...(options.udp ? { udp: options.udp } : {}),
    });
    const trimmer = new DataDiskTrimmer({
      docker,
      run: (command) => session.exec(command, { timeoutMs: TRIM_TIMEOUT_MS }),
      onTrimmed: (error) => error && options.onTrimFailed?.(error),
    });
    ports.on('conflict', options.onPortConflict);
    try {
      options.onStep('Forwarding the engine socket');
      await internal.start();
      await socket.start();
      options.onStep('Waiting for the engine');
      await waitForEngine(options.internalSocket, options.deadline, options.signal);
      await ports.start();
      trimmer.start();
      pauser?.start();
      await writeDockerContext({ configDir: options.dockerConfigDir, socketPath: options.dockerSocket });
    } catch (error) {
      await pauser?.stop();
      await trimmer.stop();
      await ports.stop();
      await socket.stop();
      await internal.stop();
      relay.close();
      await session.close();
      throw error;
    }
    const tunnel = new GuestTunnel(session, relay, [socket, internal], ports, trimmer, pauser);
    session.on('reconnecting', (reason) => options.onReconnecting?.(reason));
    session.on('reconnected', (downMs) => options.onReconnected?.(downMs));
    session.once('lost', (reason) => {
      if (!tunnel.closing) options.onLost(reason);
    });
    return tunnel;
  }

  /** Runs `work` (a live snapshot) with the guest's data disk frozen; wakes a VM paused while idle first. */
  async withDataDiskFrozen<T>(work: () => Promise<T>): Promise<T> {
    await this.pauser?.wake();
    return withDataDiskFrozen((command) => this.session.execChannel(command), work);
  }

  /** Stops forwarding and closes the SSH session. */
  async close(): Promise<void> {
    this.closing = true;
    // A dropped connection is not waited for: what waits on a login (a trim, a forwarded connection) ends now.
    this.session.stopReconnecting();
    await this.pauser?.stop();
    await this.trimmer.stop();
    await this.ports.stop();
    for (const socket of this.sockets) await socket.stop();
    this.relay.close();
    await this.session.close();
  }
}

/**
 * The pauser with the SSH side of a pause: the keepalive is suspended before the VM freezes (it
 * cannot answer then) and the guest clock, which lags by the pause, is set from the RTC after.
 */
function idlePauser(control: IdlePauseControl, session: ReconnectingSession, docker: Dockerode): IdlePauser {
  return new IdlePauser({
    idleMs: control.idleMs,
    docker,
    pause: async () => {
      session.suspendKeepalive();
      await control.freeze().catch((error: Error) => {
        session.resumeKeepalive();
        throw error;
      });
    },
    resume: async () => {
      await control.thaw();
      session.resumeKeepalive();
      const fix = await session.exec('busybox hwclock -s', { timeoutMs: CLOCK_FIX_TIMEOUT_MS });
      if (fix.code !== 0) throw new Error(`Could not set the VM's clock after a pause: ${fix.stderr.trim()}`);
    },
    onChange: control.onPausedChange,
    onError: control.onError,
  });
}

/** Logs in as root, retrying until the guest's sshd answers, `deadline` (ms since the epoch) or `signal`. */
async function login(options: GuestTunnelOptions, deadline: number, signal: AbortSignal): Promise<SshSession> {
  const target = {
    host: '127.0.0.1',
    port: options.sshPort,
    username: 'root',
    privateKey: await readFile(options.keys.userPrivateKeyPath),
    hostKey: options.keys.hostPublicKey,
  };
  return loginWithRetries(target, {
    deadline,
    signal,
    retryMs: LOGIN_RETRY_MS,
    attemptMs: LOGIN_ATTEMPT_MS,
    server: 'The VM',
  });
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
