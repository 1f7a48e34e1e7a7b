// A dialog's pull or push, run as an activity (whose id progress events and cancel use), with per-layer progress
// that ends in a final state on every row.
import { computed, ref } from 'vue';
import { berth } from '../../api';
import { useActivitiesStore } from '../../stores/activities';
import { endLayers, type LayerRow } from './transfer-outcome';
import { layersDone, mergeLayers, overallFraction, type TransferKind } from './transfer-progress';

export type TransferPhase = 'idle' | 'running' | 'done' | 'failed' | 'cancelled';

const VERB: Record<TransferKind, string> = { pull: 'Pulling', push: 'Pushing' };

export function useTransfer(kind: TransferKind) {
  const activities = useActivitiesStore();
  const phase = ref<TransferPhase>('idle');
  const layers = ref<LayerRow[]>([]);
  /** The engine's latest line about the whole transfer, e.g. "Digest: sha256:…". */
  const status = ref<string>();
  const error = ref<string>();
  const reference = ref('');
  let operation: string | undefined;

  const overall = computed(() => overallFraction(layers.value, kind));
  const done = computed(() => layersDone(layers.value, kind));

  function reset(): void {
    phase.value = 'idle';
    layers.value = [];
    status.value = undefined;
    error.value = undefined;
  }

  /** Runs the transfer to its end; resolves to whether it succeeded (failures land in `error`). */
  async function start(ref: string): Promise<boolean> {
    reset();
    reference.value = ref;
    phase.value = 'running';
    try {
      await activities.track(`${VERB[kind]} ${ref}`, async (activity) => {
        operation = activity.id;
        const off = berth.on('images.progress', (event) => {
          if (event.operation !== activity.id) return;
          layers.value = mergeLayers(layers.value, event.layers);
          if (event.status) status.value = event.status;
          activities.update(activity.id, {
            progress: overall.value,
            detail: layers.value.length ? `${done.value} of ${layers.value.length} layers` : status.value,
          });
        });
        try {
          if (kind === 'pull') await berth.call('images.pull', { reference: ref, operation: activity.id });
          else await berth.call('images.push', { reference: ref, operation: activity.id });
        } finally {
          off();
        }
      });
      phase.value = 'done';
      return true;
    } catch (e) {
      const cancelled = (e as { code?: string }).code === 'cancelled';
      phase.value = cancelled ? 'cancelled' : 'failed';
      layers.value = endLayers(layers.value, kind, cancelled ? 'cancelled' : 'failed');
      if (!cancelled) error.value = e instanceof Error ? e.message : String(e);
      return false;
    } finally {
      operation = undefined;
    }
  }

  async function cancel(): Promise<void> {
    if (operation) await activities.cancel(operation);
  }

  return { phase, layers, status, error, reference, overall, done, start, cancel, reset };
}
