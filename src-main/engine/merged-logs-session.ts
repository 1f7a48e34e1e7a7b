// A merged logs session: several containers' lines (a compose project's) in timestamp order, each marked with its
// source; containers can join while it follows.
import type Dockerode from 'dockerode';
import type { LineEnd, LogBatch } from '../contract/dto/streams';
import { LogMerge } from '../core/log-merge';
import { ContainerLogReader, type LogRead } from './container-log-reader';
import type { EventHub } from './event-hub';
import { LogBatcher } from './log-batcher';
import { LOG_REPLAY_LINES } from './logs-session';
import { newSessionId, type Session } from './sessions';

/** How long a live line waits for lines of other containers that are older but arrive later, in ms. */
export const MERGE_HOLD_MS = 150;

/** One container to read: its id, and the name its lines are shown with. */
export interface LogSource {
  id: string;
  name: string;
}

interface HeldLine {
  text: string;
  stderr: boolean;
  end: LineEnd;
  partials: number[] | undefined;
}

export class MergedLogsSession implements Session {
  readonly kind = 'logs' as const;
  readonly id = newSessionId('logs');
  private readonly batcher: LogBatcher;
  private readonly merge: LogMerge<HeldLine>;
  private readonly sources: LogSource[];
  private readonly readers: ContainerLogReader[];
  private readonly errors: string[] = [];
  /** The engine start read from, for the containers that join later. */
  private docker: Dockerode | undefined;
  private readonly closedListeners: Array<() => void> = [];
  private immediate: ReturnType<typeof setImmediate> | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private finished = false;

  /** @param timestamps deliver the engine's timestamps (they are always read: the merge orders by them). */
  constructor(
    readonly owner: string,
    private readonly hub: EventHub,
    sources: readonly LogSource[],
    timestamps: boolean,
  ) {
    const batcher = new LogBatcher((batch) => this.hub.emit('logs.data', { session: this.id, ...batch }), {
      replayLines: LOG_REPLAY_LINES,
    });
    this.batcher = batcher;
    this.merge = new LogMerge<HeldLine>(
      sources.length,
      (source, l, stamp) => batcher.add(l.text, l.stderr, timestamps ? stamp : undefined, l.end, l.partials, source),
      MERGE_HOLD_MS,
    );
    this.sources = [...sources];
    this.readers = this.sources.map((source, i) => this.readerFor(source, i));
  }

  private readerFor(source: LogSource, i: number): ContainerLogReader {
    return new ContainerLogReader({
      line: (text, stderr, stamp, end, partials) => {
        this.merge.push(i, stamp, { text, stderr, end, partials }, Date.now());
        this.schedule();
      },
      caughtUp: () => {
        this.merge.markCaughtUp(i);
        this.schedule();
      },
      end: (error) => this.ended(i, error && `${source.name}: ${error}`),
    });
  }

  /**
   * Starts reading every container; resolves once the engine accepted. A container it cannot read (removed
   * meanwhile) counts as ended, unless none can be read.
   */
  async start(docker: Dockerode, request: Omit<LogRead, 'id'>): Promise<void> {
    this.docker = docker;
    const started = await Promise.allSettled(
      this.readers.map((reader, i) => reader.start(docker, { ...request, id: this.sources[i]!.id })),
    );
    if (started.every((s) => s.status === 'rejected')) throw (started[0] as PromiseRejectedResult).reason;
    started.forEach((s, i) => {
      if (s.status === 'rejected') this.ended(i, `${this.sources[i]!.name}: ${(s.reason as Error).message}`);
    });
  }

  /**
   * The session's sources are now `sources`: the ones known (by id) keep their index and take the new name, the
   * others join at the end, read whole and followed (they just started; one that is gone by then just ends).
   * Clients get the names before any line of a new source. Nothing happens once the session has ended or closed.
   */
  join(sources: readonly LogSource[]): void {
    const docker = this.docker;
    if (this.finished || !docker) return;
    const index = new Map(this.sources.map((s, i) => [s.id, i]));
    let changed = false;
    for (const source of sources) {
      const known = index.get(source.id);
      if (known !== undefined) {
        changed ||= this.sources[known]!.name !== source.name;
        this.sources[known] = source;
        continue;
      }
      changed = true;
      const i = this.merge.add();
      this.sources.push(source);
      const reader = this.readerFor(source, i);
      this.readers.push(reader);
      reader.start(docker, { id: source.id, follow: true }).catch(() => this.ended(i, undefined));
    }
    if (changed) this.batcher.setSourceNames(this.sources.map((s) => s.name));
  }

  /** Calls `listener` once the session has ended or closed: it takes no more sources. */
  onClosed(listener: () => void): void {
    if (this.finished) listener();
    else this.closedListeners.push(listener);
  }

  private ended(source: number, error: string | undefined): void {
    if (error) this.errors.push(error);
    this.merge.markEnded(source);
    this.schedule();
  }

  /** Releases lines once per turn of the event loop (a socket read brings many), not once per line. */
  private schedule(): void {
    if (this.immediate || this.finished) return;
    this.immediate = setImmediate(() => {
      this.immediate = undefined;
      this.release();
    });
  }

  private release(): void {
    if (this.finished) return;
    if (this.merge.release(Date.now())) this.batcher.markCaughtUp();
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.merge.ended) {
      this.finished = true;
      this.batcher.flush();
      const error = this.errors.join('; ');
      this.hub.emit('logs.end', error ? { session: this.id, error } : { session: this.id });
      this.notifyClosed();
      return;
    }
    const until = this.merge.until;
    if (until !== undefined) this.timer = setTimeout(() => this.release(), Math.max(1, until - Date.now()));
  }

  replay(): LogBatch {
    return this.batcher.replay();
  }

  close(): void {
    this.finished = true;
    for (const reader of this.readers) reader.close();
    if (this.immediate) clearImmediate(this.immediate);
    clearTimeout(this.timer);
    this.batcher.dispose();
    this.notifyClosed();
  }

  private notifyClosed(): void {
    for (const listener of this.closedListeners.splice(0)) listener();
  }
}
