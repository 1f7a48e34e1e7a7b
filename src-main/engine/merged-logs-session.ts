// A merged logs session: several containers' lines (a compose project's) in timestamp order, each marked with its
// source; containers can join, and sources start again, while it follows.
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

/** One source as the session reads it. */
interface Part {
  source: LogSource;
  reader: ContainerLogReader;
  /** The timestamp of its last line ('' before the first). */
  last: string;
  ended: boolean;
  /** It started again while its reader was still reading: read it again once that ends. */
  again: boolean;
}

export class MergedLogsSession implements Session {
  readonly kind = 'logs' as const;
  readonly id = newSessionId('logs');
  private readonly batcher: LogBatcher;
  private readonly merge: LogMerge<HeldLine>;
  private readonly parts: Part[];
  private readonly errors: string[] = [];
  /** The engine start read from, for the containers that join or start again later. */
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
    this.parts = sources.map((source, i) => this.newPart(source, i));
  }

  private newPart(source: LogSource, i: number): Part {
    return { source, reader: this.readerFor(i, ''), last: '', ended: false, again: false };
  }

  /** A reader into source `i` that drops the lines up to `after` (what it delivered before its container restarted). */
  private readerFor(i: number, after: string): ContainerLogReader {
    return new ContainerLogReader({
      line: (text, stderr, stamp, end, partials) => {
        const part = this.parts[i]!;
        if (after && stamp <= after) return;
        if (stamp > part.last) part.last = stamp;
        this.merge.push(i, stamp, { text, stderr, end, partials }, Date.now());
        this.schedule();
      },
      caughtUp: () => {
        this.merge.markCaughtUp(i);
        this.schedule();
      },
      end: (error) => this.ended(i, error && `${this.parts[i]!.source.name}: ${error}`),
    });
  }

  /**
   * Starts reading every container; resolves once the engine accepted. A container it cannot read (removed
   * meanwhile) counts as ended, unless none can be read.
   */
  async start(docker: Dockerode, request: Omit<LogRead, 'id'>): Promise<void> {
    this.docker = docker;
    const started = await Promise.allSettled(
      this.parts.map((part) => part.reader.start(docker, { ...request, id: part.source.id })),
    );
    if (started.every((s) => s.status === 'rejected')) throw (started[0] as PromiseRejectedResult).reason;
    started.forEach((s, i) => {
      if (s.status === 'rejected') this.ended(i, `${this.parts[i]!.source.name}: ${(s.reason as Error).message}`);
    });
  }

  /**
   * The session's sources are now `sources`: the ones known (by id) keep their index and take the new name, the
   * others join at the end, read whole and followed (they just started; one that is gone by then just ends).
   * Clients get the names before any line of a new source. Nothing happens once the session has ended or closed.
   */
  join(sources: readonly LogSource[]): void {
    if (this.finished || !this.docker) return;
    const index = new Map(this.parts.map((p, i) => [p.source.id, i]));
    let changed = false;
    for (const source of sources) {
      const known = index.get(source.id);
      if (known !== undefined) {
        changed ||= this.parts[known]!.source.name !== source.name;
        this.parts[known]!.source = source;
        continue;
      }
      changed = true;
      const i = this.merge.add();
      this.parts.push(this.newPart(source, i));
      this.follow(i);
    }
    if (changed) this.batcher.setSourceNames(this.parts.map((p) => p.source.name));
  }

  /**
   * Container `id`, a source, started again (a restart): its lines since the last one delivered join the session
   * under its index, once its reader has seen the stop. Nothing happens once the session has ended or closed.
   */
  resume(id: string): void {
    const i = this.parts.findIndex((p) => p.source.id === id);
    const part = this.parts[i];
    if (this.finished || !part) return;
    if (!part.ended) part.again = true;
    else this.readAgain(i);
  }

  private readAgain(i: number): void {
    const part = this.parts[i]!;
    part.ended = false;
    this.merge.reopen(i);
    part.reader = this.readerFor(i, part.last);
    this.follow(i);
  }

  /** Starts source `i`'s reader, following: the whole log, or from the second of its last line on. */
  private follow(i: number): void {
    const part = this.parts[i]!;
    const since = part.last ? Math.floor(Date.parse(part.last.slice(0, 19) + 'Z') / 1000) : undefined;
    const request = since === undefined ? {} : { since };
    part.reader
      .start(this.docker!, { ...request, id: part.source.id, follow: true })
      .catch(() => this.ended(i, undefined));
  }

  /** Calls `listener` once the session has ended or closed: it takes no more sources. */
  onClosed(listener: () => void): void {
    if (this.finished) listener();
    else this.closedListeners.push(listener);
  }

  private ended(source: number, error: string | undefined): void {
    const part = this.parts[source]!;
    if (part.again && !this.finished) {
      part.again = false;
      this.readAgain(source);
      return;
    }
    part.ended = true;
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
    for (const part of this.parts) part.reader.close();
    if (this.immediate) clearImmediate(this.immediate);
    clearTimeout(this.timer);
    this.batcher.dispose();
    this.notifyClosed();
  }

  private notifyClosed(): void {
    for (const listener of this.closedListeners.splice(0)) listener();
  }
}
