// Gathers log lines into LogBatch columns and hands them over every few milliseconds; keeps recent batches for replay.
import type { LineEnd, LogBatch } from '../contract/dto/streams';
import { RingBuffer } from '../core/ring-buffer';

export interface LogBatcherOptions {
  /** Longest time a line waits, in milliseconds. */
  intervalMs?: number;
  /** Hand over at once when this many lines wait. */
  maxLines?: number;
  /** Lines kept for replay. */
  replayLines: number;
}

/** The sparse columns of a batch: indices of lines, ascending. */
const INDEX_COLUMNS = ['stderr', 'crlf', 'open'] as const;

export class LogBatcher {
  private batch: LogBatch = { lines: [], stderr: [] };
  private timer: ReturnType<typeof setTimeout> | undefined;
  private caughtUp = false;
  /** A merged session's source names once they changed after opening (see LogBatch.sourceNames). */
  private sourceNames: string[] | undefined;
  private readonly intervalMs: number;
  private readonly maxLines: number;
  private readonly kept: RingBuffer<LogBatch>;

  constructor(
    private readonly deliver: (batch: LogBatch) => void,
    options: LogBatcherOptions,
  ) {
    this.intervalMs = options.intervalMs ?? 30;
    this.maxLines = options.maxLines ?? 2000;
    this.kept = new RingBuffer<LogBatch>({
      capacity: options.replayLines,
      maxWeight: options.replayLines + this.maxLines,
      weigh: (b) => b.lines.length,
    });
  }

  /** Adds a line; `end`, `partials` and `source` as in LogLine (a session gives every line a source or none). */
  add(
    text: string,
    isStderr: boolean,
    stamp?: string,
    end: LineEnd = 'lf',
    partials?: number[],
    source?: number,
  ): void {
    const batch = this.batch;
    const i = batch.lines.length;
    if (isStderr) batch.stderr.push(i);
    if (stamp !== undefined || batch.timestamps) {
      batch.timestamps ??= new Array<string>(i).fill('');
      batch.timestamps.push(stamp ?? '');
    }
    if (end !== 'lf') ((end === 'crlf' ? (batch.crlf ??= []) : (batch.open ??= [])) as number[]).push(i);
    if (partials) (batch.partials ??= []).push({ line: i, at: partials });
    if (source !== undefined) (batch.sources ??= []).push(source);
    batch.lines.push(text);
    if (batch.lines.length >= this.maxLines) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), this.intervalMs);
  }

  /** Hands over what waits at once, marked as the end of the lines the log held at opening. */
  markCaughtUp(): void {
    if (this.caughtUp) return;
    this.caughtUp = true;
    this.batch.caughtUp = true;
    this.flush();
  }

  /** A merged session's sources are now `names`: they go with the next batch, before any line of a new one. */
  setSourceNames(names: string[]): void {
    this.sourceNames = names;
    this.batch.sourceNames = names;
    this.timer ??= setTimeout(() => this.flush(), this.intervalMs);
  }

  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.batch;
    if (batch.lines.length === 0 && !batch.caughtUp && !batch.sourceNames) return;
    this.batch = { lines: [], stderr: [] };
    if (batch.lines.length > 0) this.kept.push(batch);
    this.deliver(batch);
  }

  /** The most recent lines (at least `replayLines` of them once that many came) as one batch. */
  replay(): LogBatch {
    const out: LogBatch = { lines: [], stderr: [] };
    const batches = this.kept.toArray();
    const stamped = batches.some((b) => b.timestamps);
    for (const b of batches) {
      const offset = out.lines.length;
      for (const column of INDEX_COLUMNS) {
        const from = b[column];
        if (from?.length) for (const i of from) (out[column] ??= []).push(offset + i);
      }
      for (const p of b.partials ?? []) (out.partials ??= []).push({ line: offset + p.line, at: p.at });
      if (stamped) (out.timestamps ??= []).push(...(b.timestamps ?? new Array<string>(b.lines.length).fill('')));
      if (b.sources) (out.sources ??= []).push(...b.sources);
      out.lines.push(...b.lines);
    }
    if (this.caughtUp) out.caughtUp = true;
    if (this.sourceNames) out.sourceNames = this.sourceNames;
    return out;
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.batch = { lines: [], stderr: [] };
  }
}
