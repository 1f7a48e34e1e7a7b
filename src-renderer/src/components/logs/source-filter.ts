// Which lines of a merged log are shown while some of its sources are turned off: an index of the visible lines.
import { IntList } from './int-list';
import type { LogStore } from './log-store';

/** Rows map to lines through it only while a source is hidden; with none hidden every line is a row. */
export class SourceFilter {
  private readonly hiddenSources = new Set<number>();
  /** The visible lines among 0..indexed-1, ascending. */
  private readonly visible = new IntList();
  private indexed = 0;

  /** Some source is hidden. */
  get active(): boolean {
    return this.hiddenSources.size > 0;
  }

  isHidden(source: number): boolean {
    return this.hiddenSources.has(source);
  }

  setHidden(source: number, hidden: boolean): void {
    if (hidden) this.hiddenSources.add(source);
    else this.hiddenSources.delete(source);
    this.reset();
  }

  /** Line `line` of `store` belongs to a hidden source. */
  hides(store: LogStore, line: number): boolean {
    if (!this.active) return false;
    const source = store.source(line);
    return source !== undefined && this.hiddenSources.has(source);
  }

  /** Indexes the lines added to `store` since the last call (a run of stored lines at a time). */
  update(store: LogStore): void {
    if (!this.active) return;
    while (this.indexed < store.length) {
      const span = store.spanAt(this.indexed);
      const { sources } = span;
      for (let j = this.indexed - span.first; j < span.count; j++) {
        const source = sources?.[j];
        if (source === undefined || !this.hiddenSources.has(source)) this.visible.push(span.first + j);
      }
      this.indexed = span.first + span.count;
    }
  }

  /** Visible lines indexed. */
  get count(): number {
    return this.visible.length;
  }

  /** The line shown in row `row`. */
  lineAt(row: number): number {
    return this.visible.at(row);
  }

  /** The row of `line`, or where it would be. */
  rowOf(line: number): number {
    return this.visible.lowerBound(line);
  }

  /** The store dropped its first `n` lines. */
  shift(n: number): void {
    if (n <= 0) return;
    this.visible.dropFront(this.visible.lowerBound(n), n);
    this.indexed = Math.max(0, this.indexed - n);
  }

  /** Forgets the index (the store was cleared, or what is hidden changed). */
  reset(): void {
    this.visible.clear();
    this.indexed = 0;
  }
}
