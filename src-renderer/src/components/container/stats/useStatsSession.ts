// Live stats of one container for the Stats tab: a stats session while it runs, history from replay, closed when it stops.
import { onBeforeUnmount, shallowRef, watch, type Ref } from 'vue';
import type { EventPayload } from '../../../../../src-main/contract/events';
import { berth } from '../../../api';
import { StatsWindow } from './stats-window';

export type StatsState = 'idle' | 'loading' | 'live' | 'ended' | 'error';

/**
 * Milliseconds after a stream ends before it is opened again if the container still shows as running: a restart
 * ends the stream but may never show the container stopped. A stop shows up well within this.
 */
export const REOPEN_AFTER_END_MS = 1500;

export function useStatsSession(target: Ref<{ id: string; running: boolean }>) {
  const history = new StatsWindow();
  /** Bumped whenever the window changes, so views recompute their columns. */
  const version = shallowRef(0);
  const state = shallowRef<StatsState>('idle');
  const error = shallowRef('');
  let session: string | undefined;
  /** Events that arrive while `stats.open` is in flight, before the session id is known. */
  let held: EventPayload<'stats.data'>[] | undefined;
  let generation = 0;
  let reopenTimer: ReturnType<typeof setTimeout> | undefined;

  const offData = berth.on('stats.data', (payload) => {
    if (held) held.push(payload);
    else if (payload.session === session && history.add(payload.sample)) version.value++;
  });
  const offEnd = berth.on('stats.end', (payload) => {
    if (payload.session !== session) return;
    stop();
    state.value = payload.error ? 'error' : 'ended';
    error.value = payload.error ?? '';
    if (payload.error) return;
    const ended = generation;
    reopenTimer = setTimeout(() => {
      if (ended === generation && target.value.running) void start(target.value.id);
    }, REOPEN_AFTER_END_MS);
  });

  async function start(id: string): Promise<void> {
    stop();
    const mine = ++generation;
    history.clear();
    version.value++;
    state.value = 'loading';
    held = [];
    try {
      const opened = (await berth.call('stats.open', { id })).session;
      if (mine !== generation) {
        void berth.call('stats.close', { session: opened }).catch(() => undefined);
        return;
      }
      session = opened;
      // What the session buffered before this view knew its id, then what arrived meanwhile, in time order;
      // a sample both replayed and received live is added once.
      const replayed = await berth.call('stats.replay', { session: opened });
      if (mine !== generation) return;
      const live = (held ?? []).filter((p) => p.session === opened).map((p) => p.sample);
      held = undefined;
      for (const sample of [...replayed, ...live].sort((a, b) => Date.parse(a.read) - Date.parse(b.read)))
        history.add(sample);
      version.value++;
      state.value = 'live';
    } catch (e) {
      if (mine !== generation) return;
      held = undefined;
      state.value = 'error';
      error.value = e instanceof Error ? e.message : String(e);
    }
  }

  function stop(): void {
    generation++;
    clearTimeout(reopenTimer);
    held = undefined;
    if (session) void berth.call('stats.close', { session }).catch(() => undefined);
    session = undefined;
    if (state.value === 'live' || state.value === 'loading') state.value = 'idle';
  }

  watch(
    () => [target.value.id, target.value.running] as const,
    ([id, running], old) => {
      if (old && old[0] === id && old[1] === running) return;
      if (running) void start(id);
      else {
        stop();
        history.clear();
        version.value++;
      }
    },
    { immediate: true },
  );

  onBeforeUnmount(() => {
    stop();
    offData();
    offEnd();
  });

  /** Opens a new session after an error. */
  function retry(): void {
    if (target.value.running) void start(target.value.id);
  }

  return { history, version, state, error, retry };
}
