// A form dialog's submit: busy while the work runs, the dialog closed when it succeeds, the error kept otherwise.
import { ref, watch, type Ref } from 'vue';
import { useFeedback } from './useFeedback';

/** What becomes of a submit's outcome. */
export interface SubmitOutcome<T> {
  /** Title of a sticky error toast; without it the dialog shows `error` in its form. */
  failed?: string;
  /** Called with the work's result once the dialog closed (or stayed open). */
  done?: (result: T) => unknown;
  /** The dialog stays open after this result, to show what came of it. */
  stayOpen?: (result: T) => boolean;
}

export function useDialogSubmit(show: Ref<boolean>) {
  const feedback = useFeedback();
  const busy = ref(false);
  /** The last submit's failure, until the next submit or the dialog opens or closes. */
  const error = ref<string>();
  watch(show, () => (error.value = undefined));

  /** Runs `work` unless it already runs; on success closes the dialog and calls `done`; on failure keeps the error. */
  async function submit<T>(work: () => Promise<T>, outcome: SubmitOutcome<T> = {}): Promise<void> {
    if (busy.value) return;
    busy.value = true;
    error.value = undefined;
    try {
      const result = await work();
      if (!outcome.stayOpen?.(result)) show.value = false;
      await outcome.done?.(result);
    } catch (e) {
      error.value = e instanceof Error ? e.message : String(e);
      if (outcome.failed) feedback.error(outcome.failed, e);
    } finally {
      busy.value = false;
    }
  }
  return { busy, error, submit, feedback };
}
