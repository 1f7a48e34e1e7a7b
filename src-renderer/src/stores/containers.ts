// Containers, re-fetched (debounced) when the engine says they changed.
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { ContainerSummary } from '../../../src-main/contract/dto/containers';
import { berth } from '../api';

const REFRESH_DEBOUNCE_MS = 150;

export const useContainersStore = defineStore('containers', () => {
  const items = ref<ContainerSummary[]>([]);
  const error = ref<string>();
  const loading = ref(true);
  let timer: ReturnType<typeof setTimeout> | undefined;

  async function refresh(): Promise<void> {
    try {
      items.value = await berth.call('containers.list', { all: true });
      error.value = undefined;
    } catch (e) {
      error.value = e instanceof Error ? e.message : String(e);
    } finally {
      loading.value = false;
    }
  }

  function scheduleRefresh(): void {
    clearTimeout(timer);
    timer = setTimeout(() => void refresh(), REFRESH_DEBOUNCE_MS);
  }

  berth.on('containers.changed', scheduleRefresh);
  void refresh();
  return { items, error, loading, refresh };
});
