// Merges the log lines of several sources (a compose project's containers) into one stream in timestamp order.

/**
 * Timestamps are the engine's RFC 3339 ones with fixed nine-digit fractions in UTC
 * ("2026-01-02T03:04:05.123456789Z"), so comparing the strings orders them in time.
 */
interface Entry<T> {
  stamp: string;
  /** When it arrived, in ms (the `now` it was pushed at). */
  at: number;
  item: T;
}

interface Source<T> {
  /** Lines waiting, in arrival order (one source's lines come in timestamp order). */
  queue: Entry<T>[];
  /** Index of the first line still waiting in `queue`. */
  head: number;
  /** The timestamp of the last line pushed. */
  last: string;
  caughtUp: boolean;
  ended: boolean;
}

function newSource<T>(): Source<T> {
  return { queue: [], head: 0, last: '', caughtUp: false, ended: false };
}

/**
 * Each source delivers its lines in its own time order; `release` hands them on merged. Until every source has
 * caught up (delivered the history it held at opening), a line goes only when every source still reading history
 * has a later one waiting, so the history comes out fully sorted. After that, live lines wait `holdMs` (or until
 * every source still running has a line waiting) so lines that arrive out of order between sources are sorted.
 * Equal timestamps keep source order. A source added later takes part from then on like the others.
 */
export class LogMerge<T> {
  private readonly sources: Source<T>[];
  /** The latest timestamp of the history: lines up to it go without waiting once every source caught up. */
  private historyEnd = '';
  private live = false;

  constructor(
    count: number,
    private readonly emit: (source: number, item: T, stamp: string) => void,
    private readonly holdMs: number,
  ) {
    this.sources = Array.from({ length: count }, () => newSource<T>());
  }

  /** Adds a source (a container that joined while following); returns its index. */
  add(): number {
    return this.sources.push(newSource<T>()) - 1;
  }

  /** Every source has caught up: the history has gone out. */
  get caughtUp(): boolean {
    return this.live;
  }

  /** Every source has ended. */
  get ended(): boolean {
    return this.sources.every((s) => s.ended);
  }

  push(source: number, stamp: string, item: T, now: number): void {
    const s = this.sources[source]!;
    s.queue.push({ stamp, at: now, item });
    if (stamp > s.last) s.last = stamp;
  }

  /** `source` has delivered the history it held at opening (the lines pushed so far). */
  markCaughtUp(source: number): void {
    const s = this.sources[source]!;
    if (s.caughtUp) return;
    s.caughtUp = true;
    if (s.last > this.historyEnd) this.historyEnd = s.last;
  }

  /** `source` delivers no more lines. */
  markEnded(source: number): void {
    this.markCaughtUp(source);
    this.sources[source]!.ended = true;
  }

  /** `source` delivers lines again (its container started again); it counts as caught up. */
  reopen(source: number): void {
    this.sources[source]!.ended = false;
  }

  /** Hands on every line that may go at `now`, in order. Returns true when the history has gone out just now. */
  release(now: number): boolean {
    let historyOut = false;
    if (!this.live) {
      const reading = (s: Source<T>) => !s.caughtUp;
      this.drain(() => this.sources.some(reading) && this.sources.every((s) => !reading(s) || s.head < s.queue.length));
      if (this.sources.some(reading)) return false;
      this.live = historyOut = true;
    }
    const aged = this.agedStamp(now - this.holdMs);
    const history = this.historyEnd;
    this.drain(
      (stamp) => stamp <= history || stamp <= aged || this.sources.every((s) => s.ended || s.head < s.queue.length),
    );
    return historyOut;
  }

  /** When (ms) the oldest waiting line has waited long enough, or undefined when none waits. */
  get until(): number | undefined {
    let oldest: number | undefined;
    for (const s of this.sources) {
      const first = s.queue[s.head];
      if (first && (oldest === undefined || first.at < oldest)) oldest = first.at;
    }
    return oldest === undefined ? undefined : oldest + this.holdMs;
  }

  /** Hands on everything waiting, in order (the session ends). */
  flush(): void {
    this.drain(() => true);
  }

  /** The newest timestamp among the lines that arrived at or before `before` ('' when none did). */
  private agedStamp(before: number): string {
    let newest = '';
    for (const s of this.sources) {
      let k = s.head;
      while (k < s.queue.length && s.queue[k]!.at <= before) k++;
      if (k > s.head && s.queue[k - 1]!.stamp > newest) newest = s.queue[k - 1]!.stamp;
    }
    return newest;
  }

  /** Emits the earliest waiting line (first source on ties) while `may(its stamp)` holds. */
  private drain(may: (stamp: string) => boolean): void {
    for (;;) {
      let pick = -1;
      let stamp = '';
      for (let i = 0; i < this.sources.length; i++) {
        const s = this.sources[i]!;
        const entry = s.queue[s.head];
        if (entry && (pick < 0 || entry.stamp < stamp)) {
          pick = i;
          stamp = entry.stamp;
        }
      }
      if (pick < 0 || !may(stamp)) return;
      const s = this.sources[pick]!;
      const entry = s.queue[s.head++]!;
      if (s.head === s.queue.length) {
        s.queue = [];
        s.head = 0;
      } else if (s.head > 4096 && s.head * 2 > s.queue.length) {
        s.queue = s.queue.slice(s.head);
        s.head = 0;
      }
      this.emit(pick, entry.item, entry.stamp);
    }
  }
}
