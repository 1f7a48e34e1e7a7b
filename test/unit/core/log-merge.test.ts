// LogMerge: several sources' lines in timestamp order — history held until every source caught up, live lines
// held for the window unless every running source has a later one waiting, ties in source order, ended sources,
// a source added while live, one that delivers again after it ended.
import { describe, expect, it } from 'vitest';
import { LogMerge } from '../../../src-main/core/log-merge';

const HOLD = 150;
/** "2026-01-01T00:00:0S.000000000Z" for a second S: the engine's fixed-width stamps. */
const at = (s: number) => `2026-01-01T00:00:${String(s).padStart(2, '0')}.000000000Z`;

function merge(sources: number) {
  const out: string[] = [];
  const m = new LogMerge<string>(sources, (source, item) => out.push(`${source}:${item}`), HOLD);
  return { m, out };
}

describe('LogMerge', () => {
  it('holds the history until every source has caught up, then hands it on fully sorted', () => {
    const { m, out } = merge(2);
    m.push(0, at(1), 'a1', 0);
    m.push(0, at(4), 'a4', 0);
    m.markCaughtUp(0);
    m.push(1, at(2), 'b2', 0);
    expect(m.release(0)).toBe(false);
    // Source 1 still reads history and has a line waiting: what is older than it may go, no more.
    expect(out).toEqual(['0:a1', '1:b2']);
    m.push(1, at(3), 'b3', 0);
    m.markCaughtUp(1);
    expect(m.release(1)).toBe(true);
    expect(out).toEqual(['0:a1', '1:b2', '1:b3', '0:a4']);
    expect(m.caughtUp).toBe(true);
    expect(m.release(2)).toBe(false);
  });

  it('keeps source order for equal timestamps', () => {
    const { m, out } = merge(3);
    for (const source of [2, 0, 1]) {
      m.push(source, at(5), `x${source}`, 0);
      m.markCaughtUp(source);
    }
    m.release(0);
    expect(out).toEqual(['0:x0', '1:x1', '2:x2']);
  });

  it('holds a live line for the window, so an older line of another source that arrives later goes first', () => {
    const { m, out } = merge(2);
    m.markCaughtUp(0);
    m.markCaughtUp(1);
    expect(m.release(0)).toBe(true);
    m.push(0, at(11), 'a11', 1000);
    m.release(1000);
    expect(out).toEqual([]);
    expect(m.until).toBe(1000 + HOLD);
    m.push(1, at(10), 'b10', 1100);
    // Both sources have a line waiting: the older one is safe to hand on at once.
    m.release(1100);
    expect(out).toEqual(['1:b10']);
    m.release(1000 + HOLD);
    expect(out).toEqual(['1:b10', '0:a11']);
    expect(m.until).toBeUndefined();
  });

  it('hands on live lines up to the newest one that waited the window, in order', () => {
    const { m, out } = merge(2);
    m.markCaughtUp(0);
    m.markCaughtUp(1);
    m.release(0);
    m.push(0, at(20), 'a20', 0);
    m.push(0, at(22), 'a22', 0);
    m.push(0, at(23), 'a23', 100);
    m.release(HOLD);
    expect(out).toEqual(['0:a20', '0:a22']);
    m.release(100 + HOLD);
    expect(out).toEqual(['0:a20', '0:a22', '0:a23']);
  });

  it('does not wait for a source that ended, and ends when every source has', () => {
    const { m, out } = merge(2);
    m.push(0, at(1), 'a1', 0);
    m.markEnded(1);
    expect(m.ended).toBe(false);
    // History of source 0 is all in once it caught up; live lines then wait only for running sources.
    m.markCaughtUp(0);
    expect(m.release(0)).toBe(true);
    expect(out).toEqual(['0:a1']);
    m.push(0, at(2), 'a2', 10);
    m.release(10);
    expect(out).toEqual(['0:a1', '0:a2']);
    m.markEnded(0);
    expect(m.ended).toBe(true);
  });

  it('hands on everything waiting on flush', () => {
    const { m, out } = merge(2);
    m.push(1, at(2), 'b2', 0);
    m.push(0, at(3), 'a3', 0);
    m.flush();
    expect(out).toEqual(['1:b2', '0:a3']);
  });

  it('takes a source added while live into the order from then on, ends only when it has ended too, reopens', () => {
    const { m, out } = merge(1);
    m.markCaughtUp(0);
    m.release(0);
    const added = m.add();
    expect(added).toBe(1);
    m.push(0, at(3), 'a3', 10);
    m.push(added, at(2), 'b2', 10);
    m.markCaughtUp(added);
    m.release(10);
    expect(out).toEqual(['1:b2']);
    m.release(10 + HOLD);
    expect(out).toEqual(['1:b2', '0:a3']);
    m.markEnded(0);
    expect(m.ended).toBe(false);
    m.markEnded(added);
    expect(m.ended).toBe(true);
    // The container started again: its source delivers once more.
    m.reopen(added);
    expect(m.ended).toBe(false);
    m.push(added, at(4), 'b4', 20);
    m.release(20);
    expect(out).toEqual(['1:b2', '0:a3', '1:b4']);
  });
});
