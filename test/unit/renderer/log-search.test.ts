// LogSearch: case-insensitive matches across chunks and the tail, escapes ignored, incremental, shifting.
import { toLogBatch } from '../../../src-main/contract/log-batch';
import { describe, expect, it } from 'vitest';
import type { LogLine } from '../../../src-main/contract/dto/streams';
import { LogSearch } from '../../../src-renderer/src/components/logs/log-search';
import { LogStore } from '../../../src-renderer/src/components/logs/log-store';

const out = (text: string): LogLine => ({ stream: 'stdout', text });
const now = () => 0;

function storeOf(texts: string[], chunkLines = 3): LogStore {
  const store = new LogStore({ chunkLines });
  store.append(toLogBatch(texts.map(out)));
  return store;
}

function all(search: LogSearch): Array<[number, number]> {
  return Array.from({ length: search.count }, (_, k) => [search.lineOf(k), search.startOf(k)]);
}

describe('LogSearch', () => {
  it('finds every match, ignoring case, in packed chunks and the tail', () => {
    const store = storeOf(['Error one', 'fine', 'error two ERROR', 'ok', 'no errors here']);
    const search = new LogSearch();
    search.setQuery('error');
    expect(search.advance(store, now, Infinity)).toBe(true);
    expect(all(search)).toEqual([
      [0, 0],
      [2, 0],
      [2, 10],
      [4, 3],
    ]);
    expect(search.lineCount).toBe(3);
    expect([0, 1, 2].map((i) => search.matchingLine(i))).toEqual([0, 2, 4]);
    expect(search.rangesOn(2, 2)).toEqual([
      { start: 0, end: 5, current: false },
      { start: 10, end: 15, current: true },
    ]);
  });

  it('treats the query as text, not a pattern', () => {
    const store = storeOf(['a.b', 'axb', '(x)']);
    const search = new LogSearch();
    search.setQuery('a.b');
    search.advance(store, now, Infinity);
    expect(all(search)).toEqual([[0, 0]]);
    search.setQuery('(x)');
    search.advance(store, now, Infinity);
    expect(all(search)).toEqual([[2, 0]]);
  });

  it('matches the visible text of coloured lines, with offsets in visible characters', () => {
    const store = storeOf(['\x1b[31mred\x1b[0m alert', 'x \x1b[1malert\x1b[0m', 'plain alert'], 2);
    const search = new LogSearch();
    search.setQuery('red alert');
    search.advance(store, now, Infinity);
    expect(all(search)).toEqual([[0, 0]]);
    search.setQuery('31m');
    search.advance(store, now, Infinity);
    expect(search.count).toBe(0);
  });

  it('keeps line order when plain and coloured lines share a chunk', () => {
    const store = storeOf(
      ['hit a', '\x1b[31mhit\x1b[0m b \x1b[1mhit\x1b[0m', 'miss', 'hit c hit', '\x1b[32mno\x1b[0m', '\x1b[0mhit d'],
      6,
    );
    const search = new LogSearch();
    search.setQuery('hit');
    search.advance(store, now, Infinity);
    expect(all(search)).toEqual([
      [0, 0],
      [1, 0],
      [1, 6],
      [3, 0],
      [3, 6],
      [5, 0],
    ]);
    search.setQuery('[31m');
    search.advance(store, now, Infinity);
    expect(search.count).toBe(0);
  });

  it('searches lines added later, and resumes in a chunk sealed meanwhile', () => {
    const store = new LogStore({ chunkLines: 4 });
    store.append(toLogBatch(['hit 0', 'miss'].map(out)));
    const search = new LogSearch();
    search.setQuery('hit');
    search.advance(store, now, Infinity);
    expect(search.count).toBe(1);
    store.append(toLogBatch(['hit 2', 'hit 3', 'miss', 'hit 5'].map(out)));
    expect(search.done(store)).toBe(false);
    search.advance(store, now, Infinity);
    expect(all(search).map(([line]) => line)).toEqual([0, 2, 3, 5]);
  });

  it('stops at the deadline and carries on later', () => {
    const store = storeOf(
      Array.from({ length: 30 }, (_, i) => `x${i}`),
      3,
    );
    const search = new LogSearch();
    search.setQuery('x');
    let time = 0;
    expect(search.advance(store, () => time++, 2)).toBe(false);
    expect(search.count).toBeLessThan(30);
    expect(search.advance(store, now, Infinity)).toBe(true);
    expect(search.count).toBe(30);
  });

  it('drops matches of dropped lines and renumbers the rest', () => {
    const store = storeOf(['a', 'b a', 'c', 'a a'], 10);
    const search = new LogSearch();
    search.setQuery('a');
    search.advance(store, now, Infinity);
    search.shift(2);
    expect(all(search)).toEqual([
      [1, 0],
      [1, 2],
    ]);
    expect(search.lineCount).toBe(1);
    expect(search.matchingLine(0)).toBe(1);
  });

  it('finds the first match at or after a line', () => {
    const store = storeOf(['a', 'b', 'a', 'b', 'a']);
    const search = new LogSearch();
    search.setQuery('a');
    search.advance(store, now, Infinity);
    expect(search.firstFrom(1)).toBe(1);
    expect(search.firstFrom(5)).toBe(3);
    expect(search.matchingLineIndex(3)).toBe(2);
  });

  it('searches a million lines in well under a second', () => {
    const store = new LogStore();
    const batch = Array.from({ length: 1000 }, (_, i) => out(`2024-05-01 INFO worker processed request ${i}`));
    for (let i = 0; i < 1000; i++) store.append(toLogBatch(batch));
    const search = new LogSearch();
    search.setQuery('REQUEST 999');
    const started = performance.now();
    search.advance(store, now, Infinity);
    expect(search.count).toBe(1000);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
