// Collects stream items and hands them over in batches, so clients get a few messages a second, not thousands.

export interface BatcherOptions {
  /** Longest time an item waits, in milliseconds. */
  intervalMs?: number;
  /** Flush at once when this many items wait. */
  maxItems?: number;
}

export class Batcher<T> {
  private items: T[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly intervalMs: number;
  private readonly maxItems: number;

  constructor(
    private readonly deliver: (items: T[]) => void,
    options: BatcherOptions = {},
  ) {
    this.intervalMs = options.intervalMs ?? 30;
    this.maxItems = options.maxItems ?? 2000;
  }

  push(item: T): void {
    this.items.push(item);
    if (this.items.length >= this.maxItems) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), this.intervalMs);
  }

  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.items.length === 0) return;
    const items = this.items;
    this.items = [];
    this.deliver(items);
  }

  /** Drops what waits and stops the timer. */
  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.items = [];
  }
}
