// The guest engine's socket on the host: a unix socket (mode 0600) whose every connection is a new stream to the guest's engine.
import { EventEmitter } from 'node:events';
import { chmod, lstat, mkdir, mkdtemp, rename, rm, unlink } from 'node:fs/promises';
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { dirname, join } from 'node:path';
import type { Duplex } from 'node:stream';
import { isNamedPipe } from '../core/host-socket';
import { BRIDGED_SERVER_OPTIONS, bridgeStreams, closeBridges, type StreamBridge } from './stream-bridge';

export interface SocketForwarderOptions {
  /**
   * Opens a stream to the engine for one client connection: the engine relay's socket
   * (EngineRelay.connect) or an SSH channel to the guest's socket (SshSession.openStreamLocal).
   */
  connect: () => Promise<Duplex>;
  /**
   * The host socket; its folder is created with mode 0700 when missing. A Windows named pipe
   * (`\\.\pipe\...`) is served as such.
   */
  socketPath: string;
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

/**
 * Serves `<dir>/<name>`. The socket is bound inside a fresh private folder, made 0600, then
 * renamed into place, so there is no moment when another user could connect to it.
 */
export class SocketForwarder extends EventEmitter<SocketForwarderEvents> {
  /** Absolute path of the host socket. */
  readonly socketPath: string;
  private server: Server | undefined;
  private readonly bridges = new Set<StreamBridge>();
  private readonly pending = new Set<Socket>();
  private readonly counters: SocketForwarderStats = { accepted: 0, active: 0, errors: 0 };

  constructor(private readonly options: SocketForwarderOptions) {
    super();
    this.socketPath = options.socketPath;
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
    if (isNamedPipe(this.socketPath)) return this.startPipe();
    const dir = dirname(this.socketPath);
    await mkdir(dir, { recursive: true, mode: 0o700 });
    await this.checkExisting();
    const staging = await mkdtemp(join(dir, '.berth-sock-'));
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

  /**
   * A Windows named pipe: no file to stage or chmod; its default access (full control for the
   * owner, administrators and SYSTEM, read-only for others) keeps other users from sending requests.
   */
  private async startPipe(): Promise<void> {
    if (await answers(this.socketPath)) {
      throw new Error(`${this.socketPath} is in use by another process (is another Berth running?)`);
    }
    const server = createServer(BRIDGED_SERVER_OPTIONS, (socket) => this.accept(socket));
    await new Promise<void>((resolve, reject) => {
      server.once('error', (error) =>
        reject(new Error(`Could not create the engine pipe ${this.socketPath}: ${error.message}`, { cause: error })),
      );
      server.listen(this.socketPath, () => resolve());
    });
    server.removeAllListeners('error');
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
    if (!isNamedPipe(this.socketPath)) await unlink(this.socketPath).catch(() => undefined);
    await closeBridges(this.bridges);
    await closed;
  }

  private accept(socket: Socket): void {
    this.counters.accepted += 1;
    this.pending.add(socket);
    this.emitActive();
    socket.on('error', () => undefined); // reported through the bridge, or moot if the channel never opens
    this.options.connect().then(
      (stream) => {
        this.pending.delete(socket);
        if (socket.destroyed || !this.server) {
          stream.destroy();
          socket.destroy();
          this.emitActive();
          return;
        }
        const bridge = bridgeStreams(socket, stream);
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
        this.report(error);
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
