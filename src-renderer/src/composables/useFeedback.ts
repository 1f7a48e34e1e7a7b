// Feedback for results: short auto-dismissing toasts for success, errors that stay until dismissed.
import { useMessage, useNotification } from 'naive-ui';

export function useFeedback() {
  const message = useMessage();
  const notification = useNotification();
  return {
    success(text: string): void {
      message.success(text, { duration: 2500 });
    },
    error(title: string, error: unknown): void {
      notification.error({
        title,
        content: error instanceof Error ? error.message : String(error),
        closable: true,
        duration: 0,
      });
    },
    /** Runs `work`; toasts `done` on success, shows a sticky error titled `failed` otherwise. */
    async run<T>(work: () => Promise<T>, done: string, failed: string): Promise<T | undefined> {
      try {
        const result = await work();
        this.success(done);
        return result;
      } catch (e) {
        this.error(failed, e);
        return undefined;
      }
    },
  };
}
