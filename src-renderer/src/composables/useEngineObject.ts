// One engine object's inspect data kept current: re-read (debounced) when main says objects of its kind changed.
import { getCurrentScope, onScopeDispose, ref, shallowRef } from 'vue';
import { BerthError } from '../../../src-main/contract/result';
import { berth } from '../api';
import { serialRead } from './serialRead';

/** Gather change events this long so a burst (die, stop, start) costs one request, in milliseconds. */
export const DETAIL_DEBOUNCE_MS = 30;

/**
 * `read` inspects the object; `changed` is the kind's change event (its `ids` empty means "anything may have
 * changed"). `gone` turns true once the engine no longer knows the object.
 */
export function useEngineObject<T extends { id: string }>(
  read: () => Promise<T>,
  changed: 'containers.changed' | 'images.changed',
) {
  const detail = shallowRef<T>();
  const loading = ref(true);
  const error = ref<string>();
  const gone = ref(false);

  async function load(): Promise<void> {
    try {
      detail.value = await read();
      gone.value = false;
      error.value = undefined;
    } catch (e) {
      if (e instanceof BerthError && e.code === 'not-found') gone.value = true;
      else error.value = e instanceof Error ? e.message : String(e);
    } finally {
      loading.value = false;
    }
  }

  const { refresh, schedule, cancel } = serialRead(load, DETAIL_DEBOUNCE_MS);

  const offChanged = berth.on(changed, ({ ids }) => {
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
