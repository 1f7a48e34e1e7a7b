// Bounded FIFO of recent stream output (log lines, terminal chunks) kept for replay to late viewers.

/** Initial slot count; the store doubles up to `capacity` as items arrive. */
const INITIAL_SLOTS = 16;

/**
 * Keeps the newest items within both bounds: at most `capacity` items and, when `maxWeight` is
 * set, at most `maxWeight` total weight. Oldest items are evicted first; an item heavier than
 * `maxWeight` on its own empties the buffer and is dropped too. O(1) amortised per push.
 */
export class RingBuffer<T> {
  private readonly capacity: number;
  private readonly maxWeight: number;
  private readonly weigh: (item: T) => number;
  private items: Array<T | undefined> = [];
  private weights: number[] = [];
  private head = 0;
  private count = 0;
  private totalWeight = 0;
  private droppedCount = 0;

  /**
   * @param options.capacity most items kept (integer ≥ 1)
   * @param options.maxWeight most total weight kept; default unbounded
   * @param options.weigh weight of one item, e.g. string length; default 1 per item
   */
  constructor(options: { capacity: number; maxWeight?: number; weigh?: (item: T) => number }) {
    if (!Number.isInteger(options.capacity) || options.capacity < 1) {
      throw new RangeError(`capacity must be an integer >= 1, got ${options.capacity}`);
    }
    if (options.maxWeight !== undefined && !(options.maxWeight >= 0)) {
      throw new RangeError(`maxWeight must be >= 0, got ${options.maxWeight}`);
    }
    this.capacity = options.capacity;
    this.maxWeight = options.maxWeight ?? Infinity;
    this.weigh = options.weigh ?? (() => 1);
  }

  /** Appends an item, evicting the oldest ones as needed to respect both bounds. */
  push(item: T): void {
    const weight = this.weigh(item);
    if (!(weight >= 0)) throw new RangeError(`item weight must be >= 0, got ${weight}`);
    if (weight > this.maxWeight) {
      this.droppedCount += this.count + 1;
      this.reset();
      return;
    }
    while (this.count > 0 && (this.count === this.capacity || this.totalWeight + weight > this.maxWeight)) {
      this.evictOldest();
    }
    if (this.count === this.items.length) this.grow();
    const slot = (this.head + this.count) % this.items.length;
    this.items[slot] = item;
    this.weights[slot] = weight;
    this.count += 1;
    this.totalWeight += weight;
  }

  /** The kept items, oldest first. */
  toArray(): T[] {
    const out: T[] = [];
    for (let i = 0; i < this.count; i++) out.push(this.items[(this.head + i) % this.items.length] as T);
    return out;
  }

  /** Number of items kept. */
  get size(): number {
    return this.count;
  }

  /** Number of items evicted (or refused as too heavy) since creation or the last clear(). */
  get dropped(): number {
    return this.droppedCount;
  }

  /** Empties the buffer and resets `dropped` to 0. */
  clear(): void {
    this.reset();
    this.droppedCount = 0;
  }

  private evictOldest(): void {
    this.totalWeight -= this.weights[this.head] ?? 0;
    this.items[this.head] = undefined;
    this.head = (this.head + 1) % this.items.length;
    this.count -= 1;
    this.droppedCount += 1;
  }

  /** Doubles the slot array (up to capacity), laying the items out from index 0. */
  private grow(): void {
    const slots = Math.min(this.capacity, Math.max(INITIAL_SLOTS, this.items.length * 2));
    const items = this.toArray() as Array<T | undefined>;
    const weights = Array.from(
      { length: this.count },
      (_, i) => this.weights[(this.head + i) % this.items.length] ?? 0,
    );
    items.length = slots;
    this.items = items;
    this.weights = weights;
    this.head = 0;
  }

  private reset(): void {
    this.items = [];
    this.weights = [];
    this.head = 0;
    this.count = 0;
    this.totalWeight = 0;
  }
}
