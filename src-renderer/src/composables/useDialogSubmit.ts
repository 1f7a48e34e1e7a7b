// A form dialog's submit: busy while the work runs, the dialog closed when it succeeds, a sticky error otherwise.
import { ref, type Ref } from 'vue';
import { useFeedback } from './useFeedback';

export function useDialogSubmit(show: Ref<boolean>) {
  const feedback = useFeedback();
  const busy = ref(false);
  /** Runs `work`; on success closes the dialog and calls `done` with its result; on failure shows `failed` and the error. */
  async function submit<T>(work: () => Promise<T>, failed: string, done: (result: T) => unknown): Promise<void> {
    busy.value = true;
    try {
      const result = await work();
      show.value = false;
      await done(result);
    } catch (error) {
      feedback.error(failed, error);
    } finally {
      busy.value = false;
    }
  }
  return { busy, submit, feedback };
}
