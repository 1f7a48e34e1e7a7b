// A merged log in the renderer: a source index per line in the store (packed chunks and the open tail), the
// download with each line's prefix, the visible-line index while sources are hidden, search over shown lines, and
// the chips: one per name, hidden by name also for a source that joins later.
import { describe, expect, it } from 'vitest';
import { shallowRef } from 'vue';
import type { LogLine } from '../../../src-main/contract/dto/streams';
import { toLogBatch } from '../../../src-main/contract/log-batch';
import { LogSearch } from '../../../src-renderer/src/components/logs/log-search';
import { LogStore } from '../../../src-renderer/src/components/logs/log-store';
import { SourceFilter } from '../../../src-renderer/src/components/logs/source-filter';
import { useLogSources } from '../../../src-renderer/src/components/logs/useLogSources';

/** Lines from..to-1, alternating between sources 0 and 1 ("s0 line 0", "s1 line 1", …). */
const merged = (from: number, to: number): LogLine[] =>
  Array.from({ length: to - from }, (_, i) => {
    const n = from + i;
    return { stream: 'stdout', text: `s${n % 2} line ${n}`, source: n % 2 };
  });

function storeOf(count: number, chunkLines = 4): LogStore {
  const store = new LogStore({ chunkLines });
  store.append(toLogBatch(merged(0, count)));
  return store;
}

describe('a merged log in the store', () => {
  it('keeps a source per line in packed chunks and the open tail, none for a container’s lines', () => {
    const store = new LogStore({ chunkLines: 4 });
    store.append(toLogBatch(merged(0, 6)));
    store.append(toLogBatch(merged(6, 300)));
    expect(Array.from({ length: 300 }, (_, i) => store.source(i))).toEqual(merged(0, 300).map((l) => l.source));
    const plain = new LogStore();
    plain.append(toLogBatch([{ stream: 'stdout', text: 'x' }]));
    expect(plain.source(0)).toBeUndefined();
    expect(plain.spanAt(0).sources).toBeUndefined();
  });

  it('downloads every line with its source’s prefix, after the timestamp the way compose prints them', () => {
    const store = new LogStore({ chunkLines: 2 });
    store.append(
      toLogBatch([
        { stream: 'stdout', text: 'one', source: 0, timestamp: 'T1' },
        { stream: 'stderr', text: 'two', source: 1, timestamp: 'T2' },
        { stream: 'stdout', text: 'three', source: 0, timestamp: 'T3' },
      ]),
    );
    const prefixes = ['web   | ', 'worker | '];
    expect(store.exportLog({ timestamps: false, ansi: true, prefixes }).join('')).toBe(
      'web   | one\nworker | two\nweb   | three\n',
    );
    expect(store.exportLog({ timestamps: true, ansi: true, prefixes }).join('')).toBe(
      'web   | T1 one\nworker | T2 two\nweb   | T3 three\n',
    );
    expect(store.exportLog({ timestamps: false, ansi: true }).join('')).toBe('one\ntwo\nthree\n');
  });
});

describe('SourceFilter', () => {
  it('maps rows to the lines of the sources shown, growing with the store and shifting when it drops lines', () => {
    const store = storeOf(10);
    const filter = new SourceFilter();
    expect(filter.active).toBe(false);
    filter.setHidden(0, true);
    filter.update(store);
    expect(filter.count).toBe(5);
    expect(Array.from({ length: 5 }, (_, r) => filter.lineAt(r))).toEqual([1, 3, 5, 7, 9]);
    expect(filter.rowOf(5)).toBe(2);
    expect(filter.hides(store, 4)).toBe(true);
    expect(filter.hides(store, 5)).toBe(false);

    store.append(toLogBatch(merged(10, 13)));
    filter.update(store);
    expect(filter.count).toBe(6);
    expect(filter.lineAt(5)).toBe(11);

    filter.shift(4);
    expect(Array.from({ length: filter.count }, (_, r) => filter.lineAt(r))).toEqual([1, 3, 5, 7]);

    filter.setHidden(0, false);
    expect(filter.active).toBe(false);
    expect(filter.hides(store, 0)).toBe(false);
  });
});

describe('search in a merged log', () => {
  it('leaves out the lines of hidden sources, in packed chunks and the tail', () => {
    const store = storeOf(301, 64);
    const filter = new SourceFilter();
    const search = new LogSearch((line) => filter.hides(store, line));
    search.setQuery('line 1');
    search.advance(store, () => 0, Infinity);
    const all = search.count;
    expect(all).toBeGreaterThan(0);

    filter.setHidden(1, true);
    search.reset();
    search.advance(store, () => 0, Infinity);
    const shown = Array.from({ length: search.count }, (_, m) => search.lineOf(m));
    expect(shown.length).toBeGreaterThan(0);
    expect(shown.length).toBeLessThan(all);
    expect(shown.every((line) => store.source(line) === 0)).toBe(true);
  });
});

describe('useLogSources', () => {
  it('makes one chip per name, hides every source of a hidden name, a joining one too', () => {
    const names = shallowRef<readonly string[]>(['web', 'db']);
    const store = storeOf(0);
    const sources = useLogSources({ store, sources: names, onChange: () => () => undefined });
    expect(sources.chips.value).toEqual([
      { name: 'web', tone: 0, off: false },
      { name: 'db', tone: 1, off: false },
    ]);
    sources.toggle('web');
    expect([...sources.hidden.value]).toEqual([0]);
    // The web container was recreated: its successor shares the name, the chip, the colour, and stays hidden.
    names.value = ['web', 'db', 'web'];
    expect(sources.chips.value.map((c) => c.name)).toEqual(['web', 'db']);
    expect(sources.tone(2)).toBe(0);
    expect([...sources.hidden.value]).toEqual([0, 2]);
    expect(sources.filter.isHidden(2)).toBe(true);
    sources.toggle('web');
    expect(sources.hidden.value.size).toBe(0);
    expect(sources.chips.value[0]).toEqual({ name: 'web', tone: 0, off: false });
  });
});
