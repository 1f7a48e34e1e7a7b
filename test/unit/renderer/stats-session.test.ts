// @vitest-environment happy-dom
// useStatsSession: replayed and live samples merged once and in order, closed when the container stops or the
// view goes, opened again after a stream ends while the container still runs (a restart).
import { mount } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defineComponent, h, ref } from 'vue';

const listeners = new Map<string, Set<(payload: unknown) => void>>();
const calls: Array<{ method: string; args: Record<string, string> }> = [];
let replay: unknown[] = [];
let duringReplay: () => void = () => undefined;
let sessions = 0;
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
      if (method === 'stats.open') return { session: `s${++sessions}` };
      if (method === 'stats.replay') {
        duringReplay();
        return replay;
      }
      return undefined;
    },
  },
}));

const { useStatsSession, REOPEN_AFTER_END_MS } =
  await import('../../../src-renderer/src/components/container/stats/useStatsSession');

const emit = (event: string, payload: unknown) => {
  for (const listener of listeners.get(event) ?? []) listener(payload);
};
const sample = (second: number) => ({
  read: new Date(Date.UTC(2024, 0, 1, 0, 0, second)).toISOString(),
  cpuPercent: second,
  onlineCpus: 1,
  memoryUsage: 1,
  memoryLimit: 2,
  memoryPercent: 50,
  networkRx: 0,
  networkTx: 0,
  blockRead: 0,
  blockWrite: 0,
  pids: 1,
});
const methods = () => calls.map((c) => `${c.method} ${c.args.session ?? c.args.id}`);

const mounted: Array<{ unmount(): void }> = [];
function setup(running = true) {
  const target = ref({ id: 'c1', running });
  let api: ReturnType<typeof useStatsSession> | undefined;
  const wrapper = mount(
    defineComponent({
      setup() {
        api = useStatsSession(target);
        return () => h('div');
      },
    }),
  );
  mounted.push(wrapper);
  return { target, wrapper, api: api! };
}

describe('useStatsSession', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    calls.length = 0;
    sessions = 0;
    replay = [];
    duringReplay = () => undefined;
  });
  afterEach(() => {
    for (const wrapper of mounted.splice(0)) wrapper.unmount();
    vi.useRealTimers();
  });

  it('merges what the session replays with what arrives meanwhile, once each and in time order', async () => {
    replay = [sample(1), sample(2)];
    duringReplay = () => {
      emit('stats.data', { session: 's1', sample: sample(2) });
      emit('stats.data', { session: 's1', sample: sample(3) });
      emit('stats.data', { session: 'other', sample: sample(9) });
    };
    const { api } = setup();
    await vi.advanceTimersByTimeAsync(0);
    expect(api.state.value).toBe('live');
    emit('stats.data', { session: 's1', sample: sample(4) });
    expect(api.history.columns().cpu).toEqual([1, 2, 3, 4]);
    expect(methods()).toEqual(['stats.open c1', 'stats.replay s1']);
  });

  it('closes the session when the container stops, and on unmount', async () => {
    const { target, wrapper, api } = setup();
    await vi.advanceTimersByTimeAsync(0);
    target.value = { id: 'c1', running: false };
    await vi.advanceTimersByTimeAsync(0);
    expect(methods()).toContain('stats.close s1');
    expect(api.history.size).toBe(0);
    target.value = { id: 'c1', running: true };
    await vi.advanceTimersByTimeAsync(0);
    mounted.splice(mounted.indexOf(wrapper), 1);
    wrapper.unmount();
    expect(methods()).toEqual([
      'stats.open c1',
      'stats.replay s1',
      'stats.close s1',
      'stats.open c1',
      'stats.replay s2',
      'stats.close s2',
    ]);
  });

  it('opens a new stream after one ends while the container still shows as running', async () => {
    const { target, api } = setup();
    await vi.advanceTimersByTimeAsync(0);
    emit('stats.end', { session: 's1' });
    expect(api.state.value).toBe('ended');
    await vi.advanceTimersByTimeAsync(REOPEN_AFTER_END_MS);
    expect(api.state.value).toBe('live');
    expect(methods().filter((m) => m.startsWith('stats.open'))).toHaveLength(2);

    emit('stats.end', { session: 's2' });
    target.value = { id: 'c1', running: false };
    await vi.advanceTimersByTimeAsync(REOPEN_AFTER_END_MS);
    expect(methods().filter((m) => m.startsWith('stats.open'))).toHaveLength(2);
  });

  it('reports a stream that failed, without opening it again', async () => {
    const { api } = setup();
    await vi.advanceTimersByTimeAsync(0);
    emit('stats.end', { session: 's1', error: 'engine went away' });
    await vi.advanceTimersByTimeAsync(REOPEN_AFTER_END_MS);
    expect(api.state.value).toBe('error');
    expect(api.error.value).toBe('engine went away');
    api.retry();
    await vi.advanceTimersByTimeAsync(0);
    expect(api.state.value).toBe('live');
  });
});
