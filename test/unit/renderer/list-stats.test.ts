// @vitest-environment happy-dom
// useListStats: sessions for the rows on screen only, closed as they go, readings drawn in batches, stopped while hidden.
import { mount } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defineComponent, h, ref, type Ref } from 'vue';

const listeners = new Map<string, Set<(payload: unknown) => void>>();
const calls: Array<{ method: string; args: Record<string, string> }> = [];
let nextSession = 0;
vi.mock('../../../src-renderer/src/api', () => ({
  berth: {
    on: (event: string, listener: (payload: unknown) => void) => {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      set.add(listener);
      return () => set.delete(listener);
    },
    call: async (method: string, args: Record<string, string>) => {
      calls.push({ method, args });
      return method === 'stats.open' ? { session: `s-${args.id}-${++nextSession}` } : undefined;
    },
  },
}));

const { useListStats, FLUSH_MS, SETTLE_MS } = await import('../../../src-renderer/src/composables/useListStats');

function emit(event: string, payload: unknown): void {
  for (const listener of listeners.get(event) ?? []) listener(payload);
}

const sample = (memoryUsage: number) => ({ read: '2024-01-01T00:00:00Z', cpuPercent: 1, memoryUsage }) as never;

const mounted: Array<{ unmount(): void }> = [];

function setup(ids: string[]) {
  const visible: Ref<string[]> = ref(ids);
  let samples: ReturnType<typeof useListStats> | undefined;
  const wrapper = mount(
    defineComponent({
      setup() {
        samples = useListStats(visible);
        return () => h('div');
      },
    }),
  );
  mounted.push(wrapper);
  return { visible, wrapper, samples: () => samples!.value };
}

const opened = () => calls.filter((c) => c.method === 'stats.open').map((c) => c.args.id);
const closed = () => calls.filter((c) => c.method === 'stats.close').map((c) => c.args.session);
const sessionOf = (id: string) =>
  `s-${id}-${calls.filter((c) => c.method === 'stats.open').findIndex((c) => c.args.id === id) + 1}`;

describe('useListStats', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    calls.length = 0;
    nextSession = 0;
  });
  afterEach(() => {
    for (const wrapper of mounted.splice(0)) wrapper.unmount();
    vi.useRealTimers();
  });

  it('opens a session per visible running container once scrolling settles, and closes those that leave', async () => {
    const { visible, wrapper } = setup(['a', 'b']);
    await vi.advanceTimersByTimeAsync(SETTLE_MS);
    expect(opened()).toEqual(['a', 'b']);
    visible.value = ['b', 'c'];
    visible.value = ['c', 'd'];
    await vi.advanceTimersByTimeAsync(SETTLE_MS - 1);
    expect(opened()).toEqual(['a', 'b']);
    await vi.advanceTimersByTimeAsync(1);
    expect(opened()).toEqual(['a', 'b', 'c', 'd']);
    expect(closed()).toEqual(['s-a-1', 's-b-2']);
    mounted.splice(mounted.indexOf(wrapper), 1);
    wrapper.unmount();
    await vi.advanceTimersByTimeAsync(0);
    expect(closed()).toEqual(['s-a-1', 's-b-2', 's-c-3', 's-d-4']);
  });

  it('draws the readings that arrive together once, and drops those of closed sessions', async () => {
    const { samples } = setup(['a', 'b']);
    await vi.advanceTimersByTimeAsync(SETTLE_MS);
    const before = samples();
    emit('stats.data', { session: sessionOf('a'), sample: sample(1) });
    emit('stats.data', { session: sessionOf('b'), sample: sample(2) });
    emit('stats.data', { session: 'someone-else', sample: sample(3) });
    expect(samples()).toBe(before);
    await vi.advanceTimersByTimeAsync(FLUSH_MS);
    expect([...samples().entries()].map(([id, s]) => [id, s.memoryUsage])).toEqual([
      ['a', 1],
      ['b', 2],
    ]);
  });

  it('forgets a container whose stream ended, and opens a new session when the visible set changes again', async () => {
    const { visible, samples } = setup(['a']);
    await vi.advanceTimersByTimeAsync(SETTLE_MS);
    emit('stats.data', { session: 's-a-1', sample: sample(1) });
    await vi.advanceTimersByTimeAsync(FLUSH_MS);
    emit('stats.end', { session: 's-a-1' });
    await vi.advanceTimersByTimeAsync(0);
    expect(samples().has('a')).toBe(false);
    expect(closed()).toEqual(['s-a-1']);
    visible.value = ['a'];
    await vi.advanceTimersByTimeAsync(SETTLE_MS);
    expect(opened()).toEqual(['a', 'a']);
  });

  it('closes every session while the window is hidden and reopens them when it shows', async () => {
    setup(['a']);
    await vi.advanceTimersByTimeAsync(SETTLE_MS);
    const setVisibility = (state: 'hidden' | 'visible') => {
      Object.defineProperty(document, 'visibilityState', { value: state, configurable: true });
      document.dispatchEvent(new Event('visibilitychange'));
    };
    setVisibility('hidden');
    await vi.advanceTimersByTimeAsync(0);
    expect(closed()).toEqual(['s-a-1']);
    setVisibility('visible');
    await vi.advanceTimersByTimeAsync(0);
    expect(opened()).toEqual(['a', 'a']);
  });
});
