// useResourceList: one fetch at start, debounced re-fetch on invalidation, overlapping fetches collapsed, errors kept.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const listeners = new Map<string, Array<(payload: unknown) => void>>();
vi.mock('../../../src-renderer/src/api', () => ({
  berth: {
    on: (event: string, listener: (payload: unknown) => void) => {
      listeners.set(event, [...(listeners.get(event) ?? []), listener]);
      return () => undefined;
    },
  },
}));

const { useResourceList, REFRESH_DEBOUNCE_MS } = await import('../../../src-renderer/src/stores/resource');

function emit(event: string, payload: unknown = {}): void {
  for (const listener of listeners.get(event) ?? []) listener(payload);
}

describe('useResourceList', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    listeners.clear();
  });
  afterEach(() => vi.useRealTimers());

  it('fetches once at start and once per burst of invalidations', async () => {
    let calls = 0;
    const list = useResourceList(async () => [++calls], ['containers.changed']);
    await vi.runAllTimersAsync();
    expect(list.items.value).toEqual([1]);
    expect(list.loading.value).toBe(false);
    for (let i = 0; i < 20; i++) emit('containers.changed', { ids: [String(i)] });
    await vi.advanceTimersByTimeAsync(REFRESH_DEBOUNCE_MS - 1);
    expect(calls).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls).toBe(2);
    expect(list.items.value).toEqual([2]);
  });

  it('runs at most one fetch at a time and one more if asked meanwhile', async () => {
    const resolvers: Array<(v: number[]) => void> = [];
    const list = useResourceList(() => new Promise<number[]>((r) => resolvers.push(r)), []);
    void list.refresh();
    void list.refresh();
    expect(resolvers.length).toBe(1);
    resolvers[0]!([1]);
    await vi.runAllTimersAsync();
    expect(resolvers.length).toBe(2);
    resolvers[1]!([2]);
    await vi.runAllTimersAsync();
    expect(list.items.value).toEqual([2]);
    expect(resolvers.length).toBe(2);
  });

  it('keeps the last items and reports the error when a fetch fails; re-fetches on reconnect', async () => {
    let fail = false;
    const list = useResourceList(async () => {
      if (fail) throw new Error('engine down');
      return ['a'];
    }, []);
    await vi.runAllTimersAsync();
    fail = true;
    await list.refresh();
    expect(list.items.value).toEqual(['a']);
    expect(list.error.value).toBe('engine down');
    fail = false;
    emit('engine.state', { state: 'connected' });
    await vi.advanceTimersByTimeAsync(REFRESH_DEBOUNCE_MS);
    expect(list.error.value).toBeUndefined();
  });

  it('re-fetches only the items an event names, dropping those that are gone', async () => {
    type Item = { id: string; v: number };
    let full = 0;
    const asked: string[][] = [];
    const list = useResourceList<Item, 'containers.changed'>(
      async () => (
        ++full,
        [
          { id: 'a', v: 1 },
          { id: 'b', v: 1 },
          { id: 'c', v: 1 },
        ]
      ),
      ['containers.changed'],
      {
        idsOf: (p) => p.ids,
        fetch: async (ids) => {
          asked.push(ids);
          return ids.filter((id) => id !== 'b').map((id) => ({ id, v: 2 }));
        },
        key: (item) => item.id,
      },
    );
    await vi.runAllTimersAsync();
    emit('containers.changed', { ids: ['a'] });
    emit('containers.changed', { ids: ['b', 'd'] });
    await vi.runAllTimersAsync();
    expect(asked).toEqual([['a', 'b', 'd']]);
    expect(list.items.value).toEqual([
      { id: 'a', v: 2 },
      { id: 'c', v: 1 },
      { id: 'd', v: 2 },
    ]);
    emit('containers.changed', { ids: [] });
    await vi.runAllTimersAsync();
    expect(full).toBe(2);
  });
});
