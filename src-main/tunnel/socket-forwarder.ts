// The guest engine's socket on the host: a unix socket (mode 0600) whose every connection is an SSH stream to the guest's docker.sock.
import { EventEmitter } from 'node:events';
import { chmod, lstat, mkdir, mkdtemp, rename, rm, unlink } from 'node:fs/promises';
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import type { ClientChannel } from 'ssh2';
import { BRIDGED_SERVER_OPTIONS, bridgeStreams, closeBridges, type StreamBridge } from './stream-bridge';

/** What the forwarder needs from the SSH session (SshSession has it). */
export interface StreamLocalOpener {
  openStreamLocal(socketPath: string): Promise<ClientChannel>;
}

export interface SocketForwarderOptions {
  session: StreamLocalOpener;
  /** Folder for the host socket; created with mode 0700 when missing. */
  dir: string;
  /** File name of the host socket inside `dir` (default 'docker.sock'). */
  name?: string;
  /** The engine socket inside the guest (default '/var/run/docker.sock'). */
  guestSocketPath?: string;
}

export interface SocketForwarderStats {
  /** Connections accepted since start. */
  accepted: number;
  /** Connections being forwarded now. */
  active: number;
  /** Connections that failed (the guest socket could not be reached, or a stream broke). */
  errors: number;
  lastError?: string;
}

export type SocketForwarderEvents = {
  /** A forwarded connection failed; the forwarder itself keeps serving. */
  'connection-error': [error: Error];
  /** The number of connections being forwarded (or opened) changed. */
  active: [count: number];
};

const DEFAULT_GUEST_SOCKET = '/var/run/docker.sock';

/**
 * Serves `<dir>/<name>`. The socket is bound inside a fresh private folder, made 0600, then
 * renamed into place, so there is no moment when another user could connect to it.
 */
export class SocketForwarder extends EventEmitter<SocketForwarderEvents> {
  /** Absolute path of the host socket. */
  readonly socketPath: string;
  private readonly guestSocketPath: string;
  private server: Server | undefined;
  private readonly bridges = new Set<StreamBridge>();
  private readonly pending = new Set<Socket>();
  private readonly counters: SocketForwarderStats = { accepted: 0, active: 0, errors: 0 };

  constructor(private readonly options: SocketForwarderOptions) {
    super();
    this.socketPath = join(options.dir, options.name ?? 'docker.sock');
    this.guestSocketPath = options.guestSocketPath ?? DEFAULT_GUEST_SOCKET;
  }

  get stats(): SocketForwarderStats {
    return { ...this.counters, active: this.bridges.size + this.pending.size };
  }

  /**
   * Starts serving. A stale socket file left by an earlier run is replaced; a live one (something
   * answers on it) or a file that is not a socket is an error, and nothing is removed.
   */
  async start(): Promise<void> {
    if (this.server) return;
    await mkdir(this.options.dir, { recursive: true, mode: 0o700 });
    await this.checkExisting();
    const staging = await mkdtemp(join(this.options.dir, '.berth-sock-'));
    const staged = join(staging, 'sock');
    const server = createServer(BRIDGED_SERVER_OPTIONS, (socket) => this.accept(socket));
    try {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(staged, () => {
          server.removeListener('error', reject);
          resolve();
        });
      });
      await chmod(staged, 0o600);
      await rename(staged, this.socketPath);
    } catch (error) {
      server.close();
      throw new Error(`Could not create the engine socket ${this.socketPath}: ${(error as Error).message}`, {
        cause: error,
      });
    } finally {
      await rm(staging, { recursive: true, force: true });
    }
    server.on('error', (error) => this.report(error));
    this.server = server;
  }

  /** Stops accepting, closes every forwarded connection (resolving once they are closed) and removes the socket file. */
  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const socket of this.pending) socket.destroy();
    await unlink(this.socketPath).catch(() => undefined);
    await closeBridges(this.bridges);
    await closed;
  }

  private accept(socket: Socket): void {
    this.counters.accepted += 1;
    this.pending.add(socket);
    this.emitActive();
    socket.on('error', () => undefined); // reported through the bridge, or moot if the channel never opens
    this.options.session.openStreamLocal(this.guestSocketPath).then(
      (channel) => {
        this.pending.delete(socket);
        if (socket.destroyed || !this.server) {
          channel.close();
          socket.destroy();
          this.emitActive();
          return;
        }
        const bridge = bridgeStreams(socket, channel);
        this.bridges.add(bridge);
        socket.resume();
        void bridge.done.then((error) => {
          this.bridges.delete(bridge);
          this.emitActive();
          if (error && !isPeerHangUp(error)) this.report(error);
        });
      },
      (error: Error) => {
        this.pending.delete(socket);
        socket.destroy();
        this.emitActive();
        this.report(new Error(`Could not reach the engine in the machine: ${error.message}`));
      },
    );
  }

  private emitActive(): void {
    this.emit('active', this.bridges.size + this.pending.size);
  }

  private report(error: Error): void {
    this.counters.errors += 1;
    this.counters.lastError = error.message;
    this.emit('connection-error', error);
  }

  private async checkExisting(): Promise<void> {
    const info = await lstat(this.socketPath).catch(() => undefined);
    if (!info) return;
    if (!info.isSocket()) {
      throw new Error(
        `${this.socketPath} exists and is not a socket; move it away so Berth can create the engine socket`,
      );
    }
    if (await answers(this.socketPath)) {
      throw new Error(`${this.socketPath} is in use by another process (is another Berth running?)`);
    }
  }
}

/** True when something accepts connections on the unix socket `path`. */
function answers(path: string): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createConnection(path);
    probe.once('connect', () => {
      probe.destroy();
      resolve(true);
    });
    probe.once('error', () => resolve(false));
  });
}

/** A client that goes away mid-stream is not a forwarding failure. */
function isPeerHangUp(error: Error): boolean {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'ECONNRESET' || code === 'EPIPE';
}
