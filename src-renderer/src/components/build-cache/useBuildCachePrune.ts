// Build cache prunes behind a confirmation naming what goes, then a toast saying what went and what was kept.
import type { BuildCachePruneResult } from '../../../../src-main/contract/dto/build-cache';
import { useConfirm } from '../../composables/useConfirm';
import { useFeedback } from '../../composables/useFeedback';
import { useBuildCacheStore } from '../../stores/build-cache';
import { keptLines, pruneSummary } from './prune-summary';

export interface PruneRequest {
  title: string;
  message: string;
  /** What goes, one per line, when it can be known beforehand. */
  items?: string[];
  note?: string;
  confirm: string;
  prune: () => Promise<BuildCachePruneResult>;
}

export function useBuildCachePrune() {
  const confirm = useConfirm();
  const feedback = useFeedback();
  const store = useBuildCacheStore();
  return async (request: PruneRequest): Promise<BuildCachePruneResult | undefined> => {
    const { title, message, items, note, confirm: label } = request;
    if (!(await confirm({ title, message, items, note, confirm: label }))) return undefined;
    try {
      const result = await request.prune();
      feedback.success(pruneSummary(result));
      if (result.kept.length) {
        feedback.error(`Kept ${result.kept.length} of the records asked for`, new Error(keptLines(result).join('\n')));
      }
      return result;
    } catch (error) {
      feedback.error('Could not prune the build cache', error);
      return undefined;
    } finally {
      void store.refresh();
    }
  };
}
