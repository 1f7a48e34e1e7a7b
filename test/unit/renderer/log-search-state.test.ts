// useLogSearch: the current match picked from the view's first line once searched, next/previous wrapping,
// streamed lines searched as they arrive, matches dropped with old lines and reset by a clear.
import { toLogBatch } from '../../../src-main/contract/log-batch';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LogLine } from '../../../src-main/contract/dto/streams';
import { LogStore } from '../../../src-renderer/src/components/logs/log-store';
import { useLogSearch } from '../../../src-renderer/src/components/logs/useLogSearch';
import type { StoreChange } from '../../../src-renderer/src/components/logs/useLogSession';

const out = (text: string): LogLine => ({ stream: 'stdout', text });

function fakeSession(maxLines?: number) {
  const store = new LogStore(maxLines ? { maxLines, chunkLines: 2 } : { chunkLines: 2 });
  const listeners = new Set<(change: StoreChange) => void>();
  return {
    store,
    onChange(listener: (change: StoreChange) => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    append(texts: string[]) {
      const dropped = store.append(toLogBatch(texts.map(out)));
      for (const l of listeners) l({ cleared: false, dropped });
    },
    clear() {
      store.clear();
      for (const l of listeners) l({ cleared: true });
    },
  };
}

describe('useLogSearch', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('picks the first match from the first visible line and reveals it', async () => {
    const session = fakeSession();
    session.append(['x', 'hit', 'y', 'hit', 'z', 'hit']);
    const revealed: number[] = [];
    const state = useLogSearch(session, { pickStart: () => 2, onReveal: (m) => revealed.push(m) });
    state.apply('HIT');
    expect(state.searching.value).toBe(true);
    await vi.runAllTimersAsync();
    expect(state.count.value).toBe(3);
    expect(state.current.value).toBe(1);
    expect(revealed).toEqual([1]);
    state.next();
    state.next();
    expect(state.current.value).toBe(0);
    state.previous();
    expect(state.current.value).toBe(2);
    expect(state.searching.value).toBe(false);
  });

  it('falls back to the last match when none is below the view', async () => {
    const session = fakeSession();
    session.append(['hit', 'hit', 'x']);
    const state = useLogSearch(session, { pickStart: () => 2, onReveal: () => undefined });
    state.apply('hit');
    await vi.runAllTimersAsync();
    expect(state.current.value).toBe(1);
  });

  it('searches lines as they stream in, and follows drops and clears', async () => {
    const session = fakeSession(4);
    const state = useLogSearch(session, { pickStart: () => 0, onReveal: () => undefined });
    state.apply('hit');
    await vi.runAllTimersAsync();
    expect(state.count.value).toBe(0);
    session.append(['hit 1', 'a', 'hit 2', 'b']);
    await vi.runAllTimersAsync();
    expect(state.count.value).toBe(2);
    state.select(1);
    session.append(['hit 3', 'c']);
    await vi.runAllTimersAsync();
    expect(session.store.length).toBe(4);
    expect(state.count.value).toBe(2);
    expect(state.current.value).toBe(0);
    expect(state.search.lineOf(0)).toBe(0);
    session.clear();
    await vi.runAllTimersAsync();
    expect(state.count.value).toBe(0);
    expect(state.current.value).toBe(-1);
  });

  it('ends the search with an empty query', async () => {
    const session = fakeSession();
    session.append(['hit']);
    const state = useLogSearch(session, { pickStart: () => 0, onReveal: () => undefined });
    state.apply('hit');
    await vi.runAllTimersAsync();
    state.apply('');
    await vi.runAllTimersAsync();
    expect(state.count.value).toBe(0);
    expect(state.query.value).toBe('');
    state.next();
    expect(state.current.value).toBe(-1);
  });
});
