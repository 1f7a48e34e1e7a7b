// The native backend (Linux): the host's own Docker Engine; its state follows whether the engine answers.
import { watch, type FSWatcher } from 'node:fs';
import { request, type ClientRequest } from 'node:http';
import { basename, dirname } from 'node:path';
import type { MachineResources, MachineStatus } from '../contract/dto/machine';
import { Backoff, type BackoffOptions } from '../core/backoff';
import { MachineRefusedError, type Machine } from './machine';
import { MachineStateHolder } from './machine-state-holder';

export interface NativeMachineOptions {
  /** The engine's unix socket, e.g. from findHostEngineSocket. */
  socketPath: string;
  /** Delays between checks while the engine does not answer; default 500 ms doubling to 30 s. */
  backoff?: BackoffOptions;
  /** How long one `GET /_ping` may take, in ms; default 5000. */
  pingTimeoutMs?: number;
}

/** An events stream shorter than this (ms) counts as ending early. */
const SHORT_STREAM_MS = 5000;

/** Daemon events only: the stream stays quiet and ends when the engine goes away. */
const EVENTS_PATH = `/events?filters=${encodeURIComponent(JSON.stringify({ type: ['daemon'] }))}`;

/**
 * Follows a Docker Engine Berth does not own. Nothing polls while it answers: a long-lived
 * `GET /events` request ends when the engine goes, which triggers a check at once. While it does
 * not answer, checks back off, and a watch on the socket's folder checks again as soon as the
 * socket is created or replaced. Starting, stopping and resetting that engine are not Berth's to
 * do, so those requests are refused with what to do instead.
 */
export class NativeMachine implements Machine {
  readonly kind = 'native' as const;
  readonly resources: MachineResources | undefined = undefined;
  readonly consoleLogPath: string | undefined = undefined;

  private readonly socketPath: string;
  private readonly pingTimeoutMs: number;
  private readonly backoff: Backoff;
  /** Delay before checking after the events stream ended: 100 ms, growing while streams keep ending early. */
  private readonly eventsBackoff = new Backoff({ initialMs: 100, maxMs: 30_000 });
  private readonly holder = new MachineStateHolder({ state: 'starting', progress: 'Looking for the Docker Engine' });
  private timer: ReturnType<typeof setTimeout> | undefined;
  private watcher: FSWatcher | undefined;
  private events: ClientRequest | undefined;
  private pinging: ClientRequest | undefined;
  private checking: Promise<void> | undefined;
  private disposed = false;

  constructor(options: NativeMachineOptions) {
    this.socketPath = options.socketPath;
    this.pingTimeoutMs = options.pingTimeoutMs ?? 5000;
    this.backoff = new Backoff(options.backoff ?? { initialMs: 500, maxMs: 30_000, jitter: 0.2 });
    void this.check();
  }

  get status(): MachineStatus {
    return this.holder.status;
  }

  get endpoint(): string | undefined {
    return this.holder.status.state === 'running' ? `unix://${this.socketPath}` : undefined;
  }

  onStatus(listener: (status: MachineStatus) => void): () => void {
    return this.holder.onStatus(listener);
  }

  /** Checks again at once: resolves if the engine answers, else refuses (Berth does not start it). */
  async start(): Promise<void> {
    this.backoff.reset();
    await this.check();
    const status = this.holder.status;
    if (status.state === 'running') return;
    throw new MachineRefusedError(
      'unsupported',
      `${status.reason ?? `No Docker Engine answers at ${this.socketPath}`} (Berth does not start the Docker Engine installed on this computer)`,
    );
  }

  async stop(): Promise<void> {
    throw this.notBerths('stop');
  }

  async restart(): Promise<void> {
    throw this.notBerths('restart');
  }

  async reset(): Promise<void> {
    throw new MachineRefusedError(
      'unsupported',
      `Reset wipes the data of Berth's VM; the Docker Engine at ${this.socketPath} belongs to this computer, and Berth never deletes its data (prune images, containers and volumes instead)`,
    );
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    this.clearTimer();
    this.watcher?.close();
    this.watcher = undefined;
    this.events?.destroy();
    this.events = undefined;
    this.pinging?.destroy();
    await this.checking;
  }

  private notBerths(action: 'stop' | 'restart'): MachineRefusedError {
    return new MachineRefusedError(
      'unsupported',
      `The Docker Engine at ${this.socketPath} belongs to this computer, not to Berth, which does not ${action} it: use your system's service manager (e.g. systemctl ${action} docker)`,
    );
  }

  /** One check at a time; callers during a check share it. */
  private check(): Promise<void> {
    this.checking ??= this.runCheck().finally(() => (this.checking = undefined));
    return this.checking;
  }

  private async runCheck(): Promise<void> {
    this.clearTimer();
    const failure = await this.ping();
    if (this.disposed) return;
    // A watch event during the ping may have scheduled a check: this one answers it.
    this.clearTimer();
    if (failure === undefined) {
      this.backoff.reset();
      this.stopWatchingFolder();
      this.followEvents();
      this.holder.apply({ type: 'engine-reachable' });
    } else {
      this.holder.apply({ type: 'engine-unreachable', reason: failure });
      this.watchFolder();
      this.timer = setTimeout(() => void this.check(), this.backoff.next());
    }
  }

  /** Undefined when `GET /_ping` answers 200, else why not, in words. */
  private ping(): Promise<string | undefined> {
    const path = this.socketPath;
    return new Promise((resolve) => {
      const req = request({ socketPath: path, path: '/_ping', method: 'GET', timeout: this.pingTimeoutMs }, (res) => {
        res.resume();
        resolve(
          res.statusCode === 200
            ? undefined
            : `The Docker Engine at ${path} answered /_ping with HTTP ${res.statusCode}`,
        );
      });
      req.on('timeout', () => {
        req.destroy();
        resolve(`The Docker Engine at ${path} did not answer within ${this.pingTimeoutMs / 1000} s`);
      });
      req.on('error', (error: NodeJS.ErrnoException) => resolve(unreachableReason(path, error)));
      req.on('close', () => {
        if (this.pinging === req) this.pinging = undefined;
      });
      req.end();
      this.pinging = req;
    });
  }

  /**
   * Holds `GET /events` open while the engine runs; its end means the engine went away. A stream
   * that ends soon after opening (an engine that refuses it) is re-checked with growing delays,
   * never in a tight loop.
   */
  private followEvents(): void {
    this.events?.destroy();
    const opened = Date.now();
    const req = request({ socketPath: this.socketPath, path: EVENTS_PATH, method: 'GET' }, (res) => {
      res.resume();
      res.on('end', onGone);
      res.on('close', onGone);
    });
    const onGone = () => {
      if (this.events !== req || this.disposed) return;
      this.events = undefined;
      req.destroy();
      if (Date.now() - opened >= SHORT_STREAM_MS) this.eventsBackoff.reset();
      this.clearTimer();
      this.timer = setTimeout(() => void this.check(), this.eventsBackoff.next());
    };
    req.on('error', onGone);
    req.on('close', onGone);
    req.end();
    this.events = req;
  }

  /** Checks soon after the socket appears or is replaced, rather than at the next backoff step. */
  private watchFolder(): void {
    if (this.watcher) return;
    const name = basename(this.socketPath);
    try {
      this.watcher = watch(dirname(this.socketPath), (_event, file) => {
        if (file !== null && file.toString() !== name) return;
        this.backoff.reset();
        this.clearTimer();
        this.timer = setTimeout(() => void this.check(), 100);
      });
      this.watcher.on('error', () => this.stopWatchingFolder());
    } catch {
      // The folder does not exist (yet): backoff alone will notice the engine.
    }
  }

  private stopWatchingFolder(): void {
    this.watcher?.close();
    this.watcher = undefined;
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }
}

function unreachableReason(path: string, error: NodeJS.ErrnoException): string {
  switch (error.code) {
    case 'ENOENT':
      return `No Docker Engine answers at ${path} (there is no socket): install docker.io or start the docker service`;
    case 'ECONNREFUSED':
      return `No Docker Engine answers at ${path} (connection refused): start the docker service`;
    case 'EACCES':
    case 'EPERM':
      return `No permission to use the Docker Engine at ${path}: add your user to the docker group (sudo usermod -aG docker $USER) and log in again`;
    default:
      return `Cannot reach the Docker Engine at ${path}: ${error.message}`;
  }
}
