// Long operations the user started (pull, push, build, prune): shown where started and in the header list.
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { berth } from '../api';

export interface Activity {
  /** Also the operation id sent to main, so progress events and cancel find it. */
  id: string;
  title: string;
  /** 0..1 when known. */
  progress?: number;
  detail?: string;
  state: 'running' | 'done' | 'failed' | 'cancelled';
  error?: string;
  cancellable: boolean;
}

let counter = 0;

export const useActivitiesStore = defineStore('activities', () => {
  const items = ref<Activity[]>([]);
  const running = computed(() => items.value.filter((a) => a.state === 'running'));

  function start(title: string, cancellable = true): Activity {
    const activity: Activity = {
      id: `ui-${Date.now().toString(36)}-${++counter}`,
      title,
      state: 'running',
      cancellable,
    };
    items.value = [activity, ...items.value].slice(0, 20);
    return items.value[0]!;
  }

  function update(id: string, patch: Partial<Activity>): void {
    const activity = items.value.find((a) => a.id === id);
    if (activity) Object.assign(activity, patch);
  }

  /** Runs `work` as an activity: marks it done, failed or cancelled, and rethrows failures. */
  async function track<T>(title: string, work: (activity: Activity) => Promise<T>, cancellable = true): Promise<T> {
    const activity = start(title, cancellable);
    try {
      const result = await work(activity);
      update(activity.id, { state: 'done', progress: 1 });
      return result;
    } catch (e) {
      const cancelled = (e as { code?: string }).code === 'cancelled';
      update(activity.id, {
        state: cancelled ? 'cancelled' : 'failed',
        error: e instanceof Error ? e.message : String(e),
      });
      throw e;
    }
  }

  async function cancel(id: string): Promise<void> {
    await berth.call('operations.cancel', { operation: id });
  }

  function clearFinished(): void {
    items.value = items.value.filter((a) => a.state === 'running');
  }

  return { items, running, start, update, track, cancel, clearFinished };
});
