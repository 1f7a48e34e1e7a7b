// Whether the engine answers now, and the reason to show on actions that need it while it does not.
import { computed } from 'vue';
import { offlineReason } from '../components/list/engine-offline';
import { useEngineStore } from '../stores/engine';

export function useEngineOnline() {
  const engine = useEngineStore();
  /** Until the first status arrives the engine counts as online, so pages do not flash a disconnected state. */
  const reason = computed(() => (engine.known ? offlineReason(engine.status) : undefined));
  const online = computed(() => reason.value === undefined);
  return { online, reason };
}
