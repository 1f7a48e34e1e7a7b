// A resource list kept current: fetched once, then refreshed whenever main says it changed — only the
// changed items when the event names them and the store knows how, the whole list otherwise.
import { ref, shallowRef } from 'vue';
import type { EventName, EventPayload } from '../../../src-main/contract/events';
import { berth } from '../api';

/** Gather invalidations this long so a burst of events costs one request. */
export const REFRESH_DEBOUNCE_MS = 16;
/** More changed ids than this and a full re-fetch is cheaper. */
const MAX_PARTIAL_IDS = 50;

export interface PartialRefresh<T, E extends EventName> {
  /** The ids an event says changed; empty means "everything may have changed". */
  idsOf(payload: EventPayload<E>): string[];
  /** Fetches just these items; ids not returned are gone. */
  fetch(ids: string[]): Promise<T[]>;
  key(item: T): string;
}

/**
 * State and refresh logic for one list. `fetch` loads it; every event in `invalidatedBy` schedules
 * a refresh. Overlapping refreshes are collapsed: at most one runs, one more follows if needed.
 */
export function useResourceList<T, E extends EventName = EventName>(
  fetch: () => Promise<T[]>,
  invalidatedBy: E[],
  partial?: PartialRefresh<T, E>,
) {
  const items = shallowRef<T[]>([]);
  const loading = ref(true);
  const error = ref<string>();
  /** When the list was last fetched from the engine (ms since the epoch); undefined until it first was. */
  const updatedAt = ref<number>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<void> | undefined;
  let pendingAll = true;
  const pendingIds = new Set<string>();

  async function load(all: boolean, ids: string[]): Promise<void> {
    try {
      if (all || !partial) items.value = await fetch();
      else {
        const fresh = new Map((await partial.fetch(ids)).map((item) => [partial.key(item), item]));
        const changed = new Set(ids);
        const kept = items.value.flatMap((item) => {
          const key = partial.key(item);
          if (!changed.has(key)) return [item];
          const next = fresh.get(key);
          fresh.delete(key);
          return next ? [next] : [];
        });
        items.value = [...kept, ...fresh.values()];
      }
      error.value = undefined;
      updatedAt.value = Date.now();
    } catch (e) {
      error.value = e instanceof Error ? e.message : String(e);
    } finally {
      loading.value = false;
    }
  }

  function drain(): Promise<void> {
    if (running) return running;
    const all = pendingAll || pendingIds.size > MAX_PARTIAL_IDS;
    const ids = [...pendingIds];
    pendingAll = false;
    pendingIds.clear();
    running = load(all, ids).finally(() => {
      running = undefined;
      if (pendingAll || pendingIds.size) void drain();
    });
    return running;
  }

  /** Re-fetches everything (a retry button, a reconnect). */
  function refresh(): Promise<void> {
    pendingAll = true;
    return drain();
  }

  function schedule(ids: string[] | undefined): void {
    if (!ids || ids.length === 0) pendingAll = true;
    else for (const id of ids) pendingIds.add(id);
    clearTimeout(timer);
    timer = setTimeout(() => void drain(), REFRESH_DEBOUNCE_MS);
  }

  for (const name of invalidatedBy) {
    berth.on(name, (payload) => schedule(partial ? partial.idsOf(payload as EventPayload<E>) : undefined));
  }
  berth.on('engine.state', (s) => s.state === 'connected' && schedule(undefined));
  void refresh();
  return { items, loading, error, updatedAt, refresh };
}
