// Gives the data disk's freed blocks back to the host soon after images, volumes or containers go: a debounced fstrim in the guest.
import type Dockerode from 'dockerode';
import { EngineEventFollower, type EngineEventFilters } from '../tunnel/engine-events';

/** Where the guest mounts the data disk (vm-assets/guest/usr/lib/berth/supervisor: DATA). */
export const GUEST_DATA_MOUNT = '/mnt/data';

/** Engine events after which blocks are free on the data disk. */
const FREEING_EVENTS: EngineEventFilters = {
  type: ['image', 'volume', 'container'],
  event: ['delete', 'destroy', 'prune'],
};

export interface DataDiskTrimmerOptions {
  /** The machine's engine, for its events. */
  docker: Dockerode;
  /** Runs a shell command in the guest; rejects or resolves with a non-zero code on failure. */
  run: (command: string) => Promise<{ code: number | null; stderr: string }>;
  /** How long the engine must be quiet after a deletion before trimming, in ms (a prune deletes many things); default 2000. */
  quietMs?: number;
  /** Each trim's outcome: `undefined` when it worked, else why not. */
  onTrimmed?: (error: string | undefined) => void;
}

/**
 * Trims once the deletions have settled, never two at a time: a deletion during a trim queues
 * one more. The guest also trims every few minutes and at shutdown; this makes a deleted image's
 * space come back to the host within seconds.
 */
export class DataDiskTrimmer {
  private readonly follower: EngineEventFollower;
  private timer: NodeJS.Timeout | undefined;
  private trimming: Promise<void> | undefined;
  private again = false;
  private running = false;

  constructor(private readonly options: DataDiskTrimmerOptions) {
    this.follower = new EngineEventFollower(options.docker, FREEING_EVENTS);
    this.follower.on('event', () => this.schedule());
  }

  start(): void {
    this.running = true;
    this.follower.start();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.follower.stop();
    clearTimeout(this.timer);
    await this.trimming;
  }

  private schedule(): void {
    if (!this.running) return;
    if (this.trimming) {
      this.again = true;
      return;
    }
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.trim(), this.options.quietMs ?? 2000);
  }

  private async trim(): Promise<void> {
    this.timer = undefined;
    this.trimming = this.options
      // Blocks freed in a journal transaction that has not committed yet are not free to fstrim: commit first.
      .run(`sync -f ${GUEST_DATA_MOUNT} && fstrim ${GUEST_DATA_MOUNT}`)
      .then(
        ({ code, stderr }) => (code === 0 ? undefined : `sync and fstrim exited with ${code}: ${stderr.trim()}`),
        (error: Error) => error.message,
      )
      .then((error) => this.options.onTrimmed?.(error));
    await this.trimming;
    this.trimming = undefined;
    if (this.again) {
      this.again = false;
      this.schedule();
    }
  }
}
