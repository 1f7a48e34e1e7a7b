// One container's inspect data kept current: re-read (debounced) when main says the container changed.
import { getCurrentScope, onScopeDispose, ref, shallowRef } from 'vue';
import type { ContainerDetail } from '../../../../src-main/contract/dto/containers';
import { BerthError } from '../../../../src-main/contract/result';
import { berth } from '../../api';
import { serialRead } from '../../composables/serialRead';

/** Gather change events this long so a burst (die, stop, start) costs one request, in milliseconds. */
export const DETAIL_DEBOUNCE_MS = 30;

/** `ref` is the container's id or name, as in the URL. `gone` turns true once the engine no longer knows it. */
export function useContainerDetail(idOrName: string) {
  const detail = shallowRef<ContainerDetail>();
  const loading = ref(true);
  const error = ref<string>();
  const gone = ref(false);

  async function read(): Promise<void> {
    try {
      detail.value = await berth.call('containers.inspect', { id: idOrName });
      gone.value = false;
      error.value = undefined;
    } catch (e) {
      if (e instanceof BerthError && e.code === 'not-found') gone.value = true;
      else error.value = e instanceof Error ? e.message : String(e);
    } finally {
      loading.value = false;
    }
  }

  const { refresh, schedule, cancel } = serialRead(read, DETAIL_DEBOUNCE_MS);

  const offChanged = berth.on('containers.changed', ({ ids }) => {
    const id = detail.value?.id;
    if (ids.length === 0 || !id || ids.includes(id)) schedule();
  });
  const offEngine = berth.on('engine.state', (s) => s.state === 'connected' && schedule());
  if (getCurrentScope())
    onScopeDispose(() => {
      cancel();
      offChanged();
      offEngine();
    });
  void refresh();
  return { detail, loading, error, gone, refresh };
}
