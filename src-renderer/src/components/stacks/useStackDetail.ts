// One stack as `stacks.inspect` tells it (with its services that have no container, and which build), re-read
// whenever the stacks list, kept current by engine events, shows this stack changed.
import { computed, getCurrentScope, onScopeDispose, ref, shallowRef, watch } from 'vue';
import type { Stack } from '../../../../src-main/contract/dto/stacks';
import { BerthError } from '../../../../src-main/contract/result';
import { berth } from '../../api';
import { serialRead } from '../../composables/serialRead';
import { useStacksStore } from '../../stores/stacks';

/** Gather list changes this long so a burst (a scale's creates and starts) costs one inspect, in milliseconds. */
export const STACK_DETAIL_DEBOUNCE_MS = 30;

/**
 * `stack` is the inspected stack, or the list's entry until the first inspect answers (so the page shows at once).
 * It is undefined once the engine knows no container of the project.
 */
export function useStackDetail(name: () => string) {
  const store = useStacksStore();
  const inspected = shallowRef<Stack>();
  const gone = ref(false);
  const entry = computed(() => store.items.find((s) => s.name === name()));

  async function read(): Promise<void> {
    const which = name();
    try {
      const stack = await berth.call('stacks.inspect', { name: which });
      if (which !== name()) return;
      inspected.value = stack;
      gone.value = false;
    } catch (e) {
      // Another failure (the engine away) keeps what was shown; the page says it is offline.
      if (which === name() && e instanceof BerthError && e.code === 'not-found') {
        inspected.value = undefined;
        gone.value = true;
      }
    }
  }

  const { refresh, schedule, cancel } = serialRead(read, STACK_DETAIL_DEBOUNCE_MS);

  // The list's first answer is no change: the inspect the page opened with is newer.
  let listed = store.updatedAt !== undefined;
  watch(
    () => JSON.stringify(entry.value ?? null),
    () => {
      if (listed) schedule();
      listed = store.updatedAt !== undefined;
    },
  );
  watch(
    name,
    () => {
      inspected.value = undefined;
      gone.value = false;
      void refresh();
    },
    { immediate: true },
  );
  if (getCurrentScope()) onScopeDispose(cancel);

  const stack = computed(() => inspected.value ?? (gone.value ? undefined : entry.value));
  /** Some service builds its image (known once inspected). */
  const builds = computed(() => !!inspected.value?.services.some((s) => s.build));
  return { stack, builds };
}
