// Pauses the VM after a quiet spell (no running containers, no engine clients) and resumes it when the next client connects.
import type Dockerode from 'dockerode';
import { EngineEventFollower } from '../tunnel/engine-events';

export interface IdlePauserOptions {
  /** Quiet time before pausing, in ms. */
  idleMs: number;
  /** The engine, through a socket of Berth's own (its connections are not clients). */
  docker: Dockerode;
  /** Freezes the VM (QMP `stop`); the keepalive must be suspended first. */
  pause: () => Promise<void>;
  /** Thaws it (QMP `cont`) and sets the guest clock, which lags by the pause. */
  resume: () => Promise<void>;
  /** Paused or not, after each change. */
  onChange: (paused: boolean) => void;
  /** A pause or resume failed; the VM is left as it was. */
  onError: (error: Error) => void;
}

/**
 * Client connections come from the engine socket forwarder (`clientsChanged`); running containers
 * from the engine's events. The timer runs only while both are zero, and before pausing the
 * running containers are counted once more, so a missed event never freezes a container.
 */
export class IdlePauser {
  private readonly follower: EngineEventFollower;
  private clients = 0;
  /** Ids of the running containers; undefined until counted, or while the engine cannot be reached. */
  private running: Set<string> = new Set();
  private counted = false;
  private timer: NodeJS.Timeout | undefined;
  private paused = false;
  /** The pause or resume under way; the next one waits for it. */
  private transition: Promise<void> = Promise.resolve();
  private stopped = false;

  constructor(private readonly options: IdlePauserOptions) {
    this.follower = new EngineEventFollower(options.docker, { type: ['container'], event: ['start', 'die'] });
    this.follower.on('connected', () => void this.countRunning());
    // The engine may still list a container as running when its `die` event arrives: follow the events themselves.
    this.follower.on('event', ({ id, action }) => {
      if (action === 'start') this.running.add(id);
      else this.running.delete(id);
      this.rearm();
    });
  }

  get isPaused(): boolean {
    return this.paused;
  }

  start(): void {
    this.follower.start();
  }

  /** The number of client connections on the engine socket changed. */
  clientsChanged(count: number): void {
    this.clients = count;
    this.rearm();
  }

  /** Resolves once the VM runs; call before forwarding a client's connection. */
  wake(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    return this.after(async () => {
      if (!this.paused) return;
      await this.options.resume();
      this.paused = false;
      this.options.onChange(false);
    }).finally(() => this.rearm());
  }

  /** Stops watching; a paused VM is resumed, so the machine can be shut down normally. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    this.follower.stop();
    await this.wake().catch(() => undefined);
  }

  private async countRunning(): Promise<void> {
    try {
      const listed = await this.options.docker.listContainers({ filters: { status: ['running'] } });
      this.running = new Set(listed.map((container) => container.Id));
      this.counted = true;
    } catch {
      // The engine is unreachable: not idle in any sense that matters; the follower reconnects.
      this.counted = false;
    }
    this.rearm();
  }

  private get idle(): boolean {
    return !this.stopped && !this.paused && this.clients === 0 && this.counted && this.running.size === 0;
  }

  private rearm(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.idle) return;
    this.timer = setTimeout(() => void this.pauseIfStillIdle(), this.options.idleMs);
  }

  private pauseIfStillIdle(): Promise<void> {
    this.timer = undefined;
    return this.after(async () => {
      if (!this.idle) return;
      // One more count from the engine, so a missed event never freezes a running container.
      await this.countRunning();
      if (!this.idle) return;
      clearTimeout(this.timer);
      this.timer = undefined;
      await this.options.pause();
      this.paused = true;
      this.options.onChange(true);
    });
  }

  private after(step: () => Promise<void>): Promise<void> {
    const next = this.transition.then(step).catch((error: Error) => {
      this.options.onError(error);
      throw error;
    });
    this.transition = next.catch(() => undefined);
    return next;
  }
}
