// Live CPU and memory for the containers on screen: a stats session per visible running container, closed when it
// scrolls away, the page is left or the window is hidden; readings reach the table at most every FLUSH_MS.
import { useDocumentVisibility, watchDebounced } from '@vueuse/core';
import { onActivated, onBeforeUnmount, onDeactivated, shallowRef, watch, type Ref } from 'vue';
import type { StatsSample } from '../../../src-main/contract/dto/streams';
import { berth } from '../api';

/** Readings arriving within this many milliseconds (the engine sends every container's at about once) draw once. */
export const FLUSH_MS = 100;
/** Scrolling changes the visible set many times a second; sessions follow once it settles, in milliseconds. */
export const SETTLE_MS = 250;

export function useListStats(visibleRunning: Ref<string[]>) {
  const samples = shallowRef(new Map<string, StatsSample>());
  const sessions = new Map<string, Promise<string | undefined>>();
  const containerOf = new Map<string, string>();
  const pending = new Map<string, StatsSample>();
  let flushTimer: ReturnType<typeof setTimeout> | undefined;
  let pageActive = true;
  const visibility = useDocumentVisibility();

  function flush(): void {
    flushTimer = undefined;
    if (pending.size === 0) return;
    const next = new Map(samples.value);
    for (const [id, sample] of pending) if (sessions.has(id)) next.set(id, sample);
    pending.clear();
    samples.value = next;
  }

  const offData = berth.on('stats.data', ({ session, sample }) => {
    const id = containerOf.get(session);
    if (!id) return;
    pending.set(id, sample);
    flushTimer ??= setTimeout(flush, FLUSH_MS);
  });
  // A stream ends when its container stops; the next change of the visible set opens a new one if it runs again.
  const offEnd = berth.on('stats.end', ({ session }) => {
    const id = containerOf.get(session);
    if (id) close(id);
  });

  function open(id: string): void {
    const opening = berth
      .call('stats.open', { id })
      .then(({ session }) => {
        if (sessions.get(id) !== opening) {
          void berth.call('stats.close', { session }).catch(() => undefined);
          return undefined;
        }
        containerOf.set(session, id);
        return session;
      })
      .catch(() => undefined);
    sessions.set(id, opening);
  }

  function close(id: string): void {
    const opening = sessions.get(id);
    if (!opening) return;
    sessions.delete(id);
    pending.delete(id);
    void opening.then((session) => {
      if (!session) return;
      containerOf.delete(session);
      void berth.call('stats.close', { session }).catch(() => undefined);
    });
    if (samples.value.has(id)) {
      const next = new Map(samples.value);
      next.delete(id);
      samples.value = next;
    }
  }

  function sync(): void {
    const wanted = new Set(pageActive && visibility.value !== 'hidden' ? visibleRunning.value : []);
    for (const id of [...sessions.keys()]) if (!wanted.has(id)) close(id);
    for (const id of wanted) if (!sessions.has(id)) open(id);
  }

  watchDebounced(visibleRunning, sync, { debounce: SETTLE_MS, immediate: true });
  watch(visibility, sync);
  onDeactivated(() => {
    pageActive = false;
    sync();
  });
  onActivated(() => {
    pageActive = true;
    sync();
  });
  onBeforeUnmount(() => {
    pageActive = false;
    sync();
    offData();
    offEnd();
    clearTimeout(flushTimer);
  });
  return samples;
}
