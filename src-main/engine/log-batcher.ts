// Gathers log lines into LogBatch columns and hands them over every few milliseconds; keeps recent batches for replay.
import type { LogBatch } from '../contract/dto/streams';
import { RingBuffer } from '../core/ring-buffer';

export interface LogBatcherOptions {
  /** Longest time a line waits, in milliseconds. */
  intervalMs?: number;
  /** Hand over at once when this many lines wait. */
  maxLines?: number;
  /** Lines kept for replay. */
  replayLines: number;
}

export class LogBatcher {
  private lines: string[] = [];
  private stderr: number[] = [];
  private stamps: string[] | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
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

  add(text: string, isStderr: boolean, stamp?: string): void {
    if (isStderr) this.stderr.push(this.lines.length);
    if (stamp !== undefined || this.stamps) {
      this.stamps ??= new Array<string>(this.lines.length).fill('');
      this.stamps.push(stamp ?? '');
    }
    this.lines.push(text);
    if (this.lines.length >= this.maxLines) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), this.intervalMs);
  }

  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.lines.length === 0) return;
    const batch: LogBatch = { lines: this.lines, stderr: this.stderr };
    if (this.stamps) batch.timestamps = this.stamps;
    this.lines = [];
    this.stderr = [];
    this.stamps = undefined;
    this.kept.push(batch);
    this.deliver(batch);
  }

  /** The most recent lines (at least `replayLines` of them once that many came) as one batch. */
  replay(): LogBatch {
    const out: LogBatch = { lines: [], stderr: [] };
    const batches = this.kept.toArray();
    const stamped = batches.some((b) => b.timestamps);
    for (const b of batches) {
      const offset = out.lines.length;
      for (const i of b.stderr) out.stderr.push(offset + i);
      if (stamped) (out.timestamps ??= []).push(...(b.timestamps ?? new Array<string>(b.lines.length).fill('')));
      out.lines.push(...b.lines);
    }
    return out;
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.lines = [];
    this.stderr = [];
    this.stamps = undefined;
  }
}
