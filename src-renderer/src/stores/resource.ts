// A resource list kept current: fetched once, then re-fetched (debounced) whenever main says it changed.
import { ref, shallowRef } from 'vue';
import type { EventName } from '../../../src-main/contract/events';
import { berth } from '../api';

/** Wait this long after the last invalidation before re-fetching, so bursts cost one request. */
export const REFRESH_DEBOUNCE_MS = 120;

/**
 * State and refresh logic for one list. `fetch` loads it; every event in `invalidatedBy`
 * schedules a debounced re-fetch. Overlapping fetches are collapsed: at most one runs, and one
 * more follows if something changed meanwhile.
 */
export function useResourceList<T>(fetch: () => Promise<T[]>, invalidatedBy: EventName[]) {
  const items = shallowRef<T[]>([]);
  const loading = ref(true);
  const error = ref<string>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<void> | undefined;
  let again = false;

  async function load(): Promise<void> {
    try {
      items.value = await fetch();
      error.value = undefined;
    } catch (e) {
      error.value = e instanceof Error ? e.message : String(e);
    } finally {
      loading.value = false;
    }
  }

  function refresh(): Promise<void> {
    if (running) {
      again = true;
      return running;
    }
    running = load().finally(() => {
      running = undefined;
      if (again) {
        again = false;
        void refresh();
      }
    });
    return running;
  }

  function scheduleRefresh(): void {
    clearTimeout(timer);
    timer = setTimeout(() => void refresh(), REFRESH_DEBOUNCE_MS);
  }

  for (const name of invalidatedBy) berth.on(name, scheduleRefresh);
  berth.on('engine.state', (s) => s.state === 'connected' && scheduleRefresh());
  void refresh();
  return { items, loading, error, refresh };
}
