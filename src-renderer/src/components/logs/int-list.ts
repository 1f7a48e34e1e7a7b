// A growable, sorted-friendly Int32Array: line numbers kept without an object or a boxed number each.
/** A growable Int32Array. */
export class IntList {
  data = new Int32Array(256);
  length = 0;

  push(value: number): void {
    if (this.length === this.data.length) {
      const next = new Int32Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = value;
  }

  at(i: number): number {
    return this.data[i]!;
  }

  /** First index whose value is >= `value` (the list is sorted). */
  lowerBound(value: number): number {
    let lo = 0;
    let hi = this.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.data[mid]! < value) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Removes the first `n` entries and subtracts `by` from the rest. */
  dropFront(n: number, by: number): void {
    this.data.copyWithin(0, n, this.length);
    this.length -= n;
    for (let i = 0; i < this.length; i++) this.data[i]! -= by;
  }

  clear(): void {
    this.length = 0;
  }
}
