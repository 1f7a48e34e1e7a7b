// Live CPU and memory for the containers on screen: a stats session per visible running container, closed when it scrolls away.
import { watchDebounced } from '@vueuse/core';
import { onActivated, onBeforeUnmount, onDeactivated, shallowRef, type Ref } from 'vue';
import type { StatsSample } from '../../../src-main/contract/dto/streams';
import { berth } from '../api';

export function useListStats(visibleRunning: Ref<string[]>) {
  const samples = shallowRef(new Map<string, StatsSample>());
  const sessions = new Map<string, Promise<string | undefined>>();
  const containerOf = new Map<string, string>();
  let active = true;

  const off = berth.on('stats.data', ({ session, sample }) => {
    const id = containerOf.get(session);
    if (!id) return;
    const next = new Map(samples.value);
    next.set(id, sample);
    samples.value = next;
  });

  function open(id: string): void {
    const opening = berth
      .call('stats.open', { id })
      .then(({ session }) => {
        containerOf.set(session, id);
        return session;
      })
      .catch(() => undefined);
    sessions.set(id, opening);
  }

  function close(id: string): void {
    const opening = sessions.get(id);
    sessions.delete(id);
    void opening?.then((session) => {
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

  function sync(ids: string[]): void {
    const wanted = new Set(active ? ids : []);
    for (const id of [...sessions.keys()]) if (!wanted.has(id)) close(id);
    for (const id of wanted) if (!sessions.has(id)) open(id);
  }

  // Scrolling changes the visible set many times a second; follow it once it settles.
  watchDebounced(visibleRunning, (ids) => sync(ids), { debounce: 250, immediate: true });
  onDeactivated(() => {
    active = false;
    sync([]);
  });
  onActivated(() => {
    active = true;
    sync(visibleRunning.value);
  });
  onBeforeUnmount(() => {
    active = false;
    sync([]);
    off();
  });
  return samples;
}
