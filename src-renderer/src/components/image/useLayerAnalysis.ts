// The layer analysis of one image for its Layers tab: started on mount, progress from `layers.progress`, cancel.
import { onMounted, onUnmounted, ref } from 'vue';
import type { LayerAnalysis, LayersProgress } from '../../../../src-main/contract/dto/layers';
import { BerthError } from '../../../../src-main/contract/result';
import { berth } from '../../api';

export function useLayerAnalysis(image: () => string) {
  const analysis = ref<LayerAnalysis>();
  const progress = ref<LayersProgress>();
  const running = ref(false);
  const error = ref<string>();
  const cancelled = ref(false);
  let operation = '';
  let stopListening: (() => void) | undefined;

  async function analyze(refresh = false): Promise<void> {
    operation = `layers-${Math.random().toString(36).slice(2, 12)}`;
    running.value = true;
    error.value = undefined;
    cancelled.value = false;
    progress.value = undefined;
    stopListening?.();
    const mine = operation;
    stopListening = berth.on('layers.progress', (update) => {
      if (update.operation === mine) progress.value = update;
    });
    try {
      analysis.value = await berth.call('layers.analyze', { image: image(), operation, refresh });
    } catch (e) {
      if (e instanceof BerthError && e.code === 'cancelled') cancelled.value = true;
      else error.value = e instanceof Error ? e.message : String(e);
    } finally {
      if (operation === mine) running.value = false;
      stopListening?.();
      stopListening = undefined;
    }
  }

  async function cancel(): Promise<void> {
    await berth.call('operations.cancel', { operation });
  }

  onMounted(() => void analyze());
  onUnmounted(() => {
    stopListening?.();
    if (running.value) void cancel();
  });

  return { analysis, progress, running, error, cancelled, analyze, cancel };
}
