// Incremental, case-insensitive search over a LogStore: matches kept in typed arrays, new lines searched as they come.
import { stripAnsi } from './ansi';
import type { MatchRange } from './log-parts';
import { IntList } from './int-list';
import type { LogSpan, LogStore } from './log-store';

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Matches of one query, in line order. `advance` searches the lines not yet searched, within a time
 * budget, so a million lines never block the page for long and streaming lines are searched as they come.
 * Offsets are in visible characters (escape sequences removed).
 */
export class LogSearch {
  private pattern: RegExp | undefined;
  private query = '';
  private readonly lines = new IntList();
  private readonly starts = new IntList();
  private readonly ends = new IntList();
  /** Distinct matching lines, for "show matching lines only". */
  private readonly distinct = new IntList();
  /** Lines 0..searched-1 have been searched. */
  private searched = 0;

  /** @param hidden lines not shown (a merged log's services turned off): their matches are left out. */
  constructor(private readonly hidden?: (line: number) => boolean) {}

  get text(): string {
    return this.query;
  }

  get count(): number {
    return this.lines.length;
  }

  /** Number of distinct lines with a match. */
  get lineCount(): number {
    return this.distinct.length;
  }

  /** Starts over with a new query (one line; case is ignored). Returns false if it did not change. */
  setQuery(query: string): boolean {
    const text = query.split('\n')[0] ?? '';
    if (text === this.query) return false;
    this.query = text;
    this.pattern = text === '' ? undefined : new RegExp(escapeRegExp(text), 'gi');
    this.reset();
    return true;
  }

  /** Forgets the matches (the store was cleared or replaced). */
  reset(): void {
    this.lines.clear();
    this.starts.clear();
    this.ends.clear();
    this.distinct.clear();
    this.searched = 0;
  }

  /** The store dropped its first `n` lines: drop their matches and renumber the rest. */
  shift(n: number): void {
    if (n <= 0) return;
    this.lines.dropFront(this.lines.lowerBound(n), n);
    const kept = this.lines.length;
    this.starts.dropFront(this.starts.length - kept, 0);
    this.ends.dropFront(this.ends.length - kept, 0);
    this.distinct.dropFront(this.distinct.lowerBound(n), n);
    this.searched = Math.max(0, this.searched - n);
  }

  /** Whether every line of `store` has been searched. */
  done(store: LogStore): boolean {
    return !this.pattern || this.searched >= store.length;
  }

  /**
   * Searches the lines added since the last call until `now()` passes `deadline` (checked between runs
   * of stored lines). Returns true when every line has been searched.
   */
  advance(store: LogStore, now: () => number, deadline: number): boolean {
    if (!this.pattern) return true;
    while (this.searched < store.length) {
      const span = store.spanAt(this.searched);
      this.searchSpan(span, this.searched - span.first);
      this.searched = span.first + span.count;
      if (now() >= deadline) break;
    }
    return this.searched >= store.length;
  }

  lineOf(match: number): number {
    return this.lines.at(match);
  }

  /** The `index`-th distinct matching line. */
  matchingLine(index: number): number {
    return this.distinct.at(index);
  }

  /** Position of `line` among the distinct matching lines, or where it would be. */
  matchingLineIndex(line: number): number {
    return this.distinct.lowerBound(line);
  }

  /** Index of the first match on `line` or after it (count when there is none). */
  firstFrom(line: number): number {
    return this.lines.lowerBound(line);
  }

  /** The matches on `line` as ranges, `current` (a match index) marked. */
  rangesOn(line: number, current: number): MatchRange[] {
    const ranges: MatchRange[] = [];
    for (let k = this.lines.lowerBound(line); k < this.lines.length && this.lines.at(k) === line; k++) {
      ranges.push({ start: this.starts.at(k), end: this.ends.at(k), current: k === current });
    }
    return ranges;
  }

  /** Offset of the match in its line's visible text. */
  startOf(match: number): number {
    return this.starts.at(match);
  }

  private add(line: number, start: number, end: number): void {
    if (this.hidden?.(line)) return;
    this.lines.push(line);
    this.starts.push(start);
    this.ends.push(end);
    if (this.distinct.length === 0 || this.distinct.at(this.distinct.length - 1) !== line) this.distinct.push(line);
  }

  /** Searches `span` from its line `from` to its end. */
  private searchSpan(span: LogSpan, from: number): void {
    if (span.kind === 'list') {
      for (let j = from; j < span.count; j++) this.searchLine(span.first + j, span.lines[j]!);
      return;
    }
    // One pass over the packed text; lines with escape sequences are searched on their own, stripped, in order.
    const { text, starts, ansiLines } = span;
    const pattern = this.pattern!;
    let a = 0;
    while (a < ansiLines.length && ansiLines[a]! < from) a++;
    const stripped = (limit: number) => {
      for (; a < ansiLines.length && ansiLines[a]! < limit; a++) {
        const j = ansiLines[a]!;
        this.searchLine(span.first + j, text.slice(starts[j], starts[j + 1]! - 1));
      }
    };
    pattern.lastIndex = starts[from]!;
    let j = from;
    for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
      while (starts[j + 1]! <= m.index) j++;
      stripped(j);
      if (ansiLines[a] === j) continue;
      this.add(span.first + j, m.index - starts[j]!, m.index - starts[j]! + m[0].length);
    }
    stripped(span.count);
  }

  /** Searches one line's visible text. */
  private searchLine(line: number, raw: string): void {
    const pattern = this.pattern!;
    const text = stripAnsi(raw);
    const saved = pattern.lastIndex;
    pattern.lastIndex = 0;
    for (let m = pattern.exec(text); m; m = pattern.exec(text)) this.add(line, m.index, m.index + m[0].length);
    pattern.lastIndex = saved;
  }
}
