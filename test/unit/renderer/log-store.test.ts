// LogStore: lines packed into chunks, read back by index, stderr flags and timestamps, dropping, clearing, export.
import { toLogBatch } from '../../../src-main/contract/log-batch';
import { describe, expect, it } from 'vitest';
import type { LogLine } from '../../../src-main/contract/dto/streams';
import { LogStore } from '../../../src-renderer/src/components/logs/log-store';

const lines = (from: number, to: number, extra: Partial<LogLine> = {}): LogLine[] =>
  Array.from({ length: to - from }, (_, i) => ({
    stream: (from + i) % 3 === 0 ? 'stderr' : 'stdout',
    text: `line ${from + i}`,
    ...extra,
  }));

describe('LogStore', () => {
  it('reads lines back across packed chunks and the open tail', () => {
    const store = new LogStore({ chunkLines: 4 });
    store.append(toLogBatch(lines(0, 7)));
    store.append(toLogBatch(lines(7, 10)));
    expect(store.length).toBe(10);
    expect(Array.from({ length: 10 }, (_, i) => store.text(i))).toEqual(lines(0, 10).map((l) => l.text));
    expect(Array.from({ length: 10 }, (_, i) => store.isStderr(i))).toEqual(
      lines(0, 10).map((l) => l.stream === 'stderr'),
    );
    expect(store.timestamp(3)).toBeUndefined();
  });

  it('keeps empty lines and lines with newlines-free unicode intact', () => {
    const store = new LogStore({ chunkLines: 2 });
    store.append(
      toLogBatch([
        { stream: 'stdout', text: '' },
        { stream: 'stdout', text: 'żółw 🐢' },
        { stream: 'stdout', text: '' },
      ]),
    );
    expect([store.text(0), store.text(1), store.text(2)]).toEqual(['', 'żółw 🐢', '']);
  });

  it('keeps timestamps next to their lines', () => {
    const store = new LogStore({ chunkLines: 3 });
    store.append(toLogBatch(lines(0, 5).map((l, i) => ({ ...l, timestamp: `2024-01-01T00:00:0${i}Z` }))));
    expect(store.timestamp(1)).toBe('2024-01-01T00:00:01Z');
    expect(store.timestamp(4)).toBe('2024-01-01T00:00:04Z');
  });

  it('drops whole old chunks beyond the limit and renumbers', () => {
    const store = new LogStore({ chunkLines: 4, maxLines: 10 });
    expect(store.append(toLogBatch(lines(0, 10)))).toBe(0);
    const dropped = store.append(toLogBatch(lines(10, 13)));
    expect(dropped).toBe(4);
    expect(store.length).toBe(9);
    expect(store.text(0)).toBe('line 4');
    expect(store.text(8)).toBe('line 12');
  });

  it('clears, then counts from zero again', () => {
    const store = new LogStore({ chunkLines: 4 });
    store.append(toLogBatch(lines(0, 9)));
    store.clear();
    expect(store.length).toBe(0);
    store.append(toLogBatch(lines(9, 11)));
    expect([store.text(0), store.text(1)]).toEqual(['line 9', 'line 10']);
  });

  it('exports plain text, escapes removed, timestamps when asked', () => {
    const store = new LogStore({ chunkLines: 2 });
    store.append(
      toLogBatch([
        { stream: 'stdout', text: 'plain 1', timestamp: 'T1' },
        { stream: 'stdout', text: 'plain 2', timestamp: 'T2' },
        { stream: 'stderr', text: '\x1b[31mred\x1b[0m', timestamp: 'T3' },
      ]),
    );
    expect(store.exportLog({ timestamps: false, ansi: false }).join('')).toBe('plain 1\nplain 2\nred\n');
    expect(store.exportLog({ timestamps: true, ansi: false }).join('')).toBe('T1 plain 1\nT2 plain 2\nT3 red\n');
    expect(store.exportLog({ timestamps: false, ansi: true }).join('')).toBe('plain 1\nplain 2\n\x1b[31mred\x1b[0m\n');
  });

  it('exports each line with its own line end, and long lines as the engine sent their pieces', () => {
    const long = 'a'.repeat(10) + '\x1b[1mb\x1b[0m' + 'c'.repeat(5);
    const sent: LogLine[] = [
      { stream: 'stdout', text: 'tty', timestamp: 'T1', end: 'crlf' },
      { stream: 'stdout', text: long, timestamp: 'T2', partials: [4, 10] },
      { stream: 'stdout', text: 'cut', timestamp: 'T3', end: 'none' },
      { stream: 'stdout', text: ' goes on', timestamp: 'T3' },
      { stream: 'stderr', text: 'last', timestamp: 'T4', end: 'none' },
    ];
    for (const chunkLines of [2, 4096]) {
      const store = new LogStore({ chunkLines });
      store.append(toLogBatch(sent));
      store.append(toLogBatch(lines(0, 1)));
      expect(store.exportLog({ timestamps: false, ansi: true }).join('')).toBe(
        `tty\r\n${long}\ncut goes on\nlastline 0\n`,
      );
      expect(store.exportLog({ timestamps: true, ansi: true }).join('')).toBe(
        `T1 tty\r\nT2 aaaaT2 aaaaaaT2 \x1b[1mb\x1b[0mccccc\nT3 cut goes on\nT4 lastline 0\n`,
      );
      expect(store.exportLog({ timestamps: true, ansi: false }).join('')).toContain('\nT2 aaaaT2 aaaaaaT2 bccccc\n');
    }
  });

  it('tells which lines go on in the next one', () => {
    const store = new LogStore({ chunkLines: 2 });
    store.append(toLogBatch([{ stream: 'stdout', text: 'cut', end: 'none' }, ...lines(0, 2)]));
    store.append(toLogBatch([{ stream: 'stdout', text: 'last, no line end', end: 'none' }]));
    expect([0, 1, 2, 3].map((i) => store.goesOn(i))).toEqual([true, false, false, false]);
  });

  it('counts the lines dropped past the limit and cleared by the user, until a reset', () => {
    const store = new LogStore({ chunkLines: 4, maxLines: 10 });
    store.append(toLogBatch(lines(0, 13)));
    expect([store.dropped, store.cleared]).toEqual([4, 0]);
    store.clear();
    expect([store.dropped, store.cleared]).toEqual([4, 9]);
    store.append(toLogBatch(lines(0, 2)));
    store.reset();
    expect([store.length, store.dropped, store.cleared]).toEqual([0, 0, 0]);
  });

  it('forgets the pieces of a dropped long line', () => {
    const store = new LogStore({ chunkLines: 2, maxLines: 2 });
    store.append(toLogBatch([{ stream: 'stdout', text: 'abcd', timestamp: 'T', partials: [2] }, ...lines(0, 1)]));
    store.append(toLogBatch(lines(1, 3)));
    expect(store.exportLog({ timestamps: true, ansi: false }).join('')).toBe('line 1\nline 2\n');
  });

  it('describes its storage as spans for searching', () => {
    const store = new LogStore({ chunkLines: 3 });
    store.append(toLogBatch(lines(0, 5)));
    const packed = store.spanAt(1);
    expect(packed).toMatchObject({ kind: 'packed', first: 0, count: 3, ansiLines: new Int32Array() });
    expect(store.spanAt(4)).toMatchObject({ kind: 'list', first: 3, count: 2 });
  });

  it('holds a million lines quickly', () => {
    const store = new LogStore();
    const batch = lines(0, 2000);
    const started = performance.now();
    for (let i = 0; i < 500; i++) store.append(toLogBatch(batch));
    expect(store.length).toBe(1_000_000);
    expect(store.text(999_999)).toBe('line 1999');
    expect(performance.now() - started).toBeLessThan(3000);
  });
});

describe('LogStore with big batches', () => {
  it('packs a big batch on arrival and keeps order with the tail around it', () => {
    const store = new LogStore({ chunkLines: 4 });
    store.append(toLogBatch(lines(0, 4)));
    store.append(toLogBatch(lines(4, 402)));
    store.append(toLogBatch(lines(402, 403)));
    store.append(toLogBatch(lines(403, 1000)));
    store.append(toLogBatch(lines(1000, 1003, { timestamp: '2024-01-01T00:00:00Z' })));
    expect(store.length).toBe(1003);
    for (const i of [0, 3, 4, 401, 402, 403, 999, 1002]) expect(store.text(i)).toBe(`line ${i}`);
    expect(store.isStderr(999)).toBe(true);
    expect(store.isStderr(1000)).toBe(false);
    expect(store.spanAt(100)).toMatchObject({ kind: 'packed', first: 4, count: 398 });
    expect(store.timestamp(1001)).toBe('2024-01-01T00:00:00Z');
  });

  it('keeps timestamps of a big batch', () => {
    const store = new LogStore();
    store.append(toLogBatch(lines(0, 300).map((l, i) => ({ ...l, timestamp: i === 5 ? undefined : `T${i}` }))));
    expect(store.timestamp(4)).toBe('T4');
    expect(store.timestamp(5)).toBeUndefined();
    expect(store.exportLog({ timestamps: true, ansi: false }).join('').split('\n').slice(4, 6)).toEqual([
      'T4 line 4',
      'line 5',
    ]);
  });
});
