// One stack action at a time, run as a cancellable activity: the CLI's output as progress rows and raw lines,
// and the CLI's error verbatim when it fails.
import { computed, ref, shallowRef } from 'vue';
import type { StackOutputLine } from '../../../../src-main/contract/dto/stacks';
import { berth } from '../../api';
import { useActivitiesStore } from '../../stores/activities';
import { appendRaw, mergeProgress, type ProgressRow } from './stack-output';

export type OperationPhase = 'idle' | 'running' | 'done' | 'failed' | 'cancelled';

export function useStackOperation() {
  const activities = useActivitiesStore();
  const phase = ref<OperationPhase>('idle');
  const title = ref('');
  const rows = shallowRef<ProgressRow[]>([]);
  const lines = shallowRef<StackOutputLine[]>([]);
  const error = ref<string>();
  let operation: string | undefined;

  const raw = computed(() => lines.value.map((l) => l.text).join('\n'));
  const running = computed(() => phase.value === 'running');

  function reset(): void {
    phase.value = 'idle';
    rows.value = [];
    lines.value = [];
    error.value = undefined;
  }

  /** Runs `work` with an operation id; resolves to its result, or undefined when it failed or was cancelled. */
  async function run<T>(what: string, work: (operation: string) => Promise<T>): Promise<T | undefined> {
    reset();
    title.value = what;
    phase.value = 'running';
    try {
      const result = await activities.track(what, async (activity) => {
        operation = activity.id;
        const off = berth.on('stacks.output', (event) => {
          if (event.operation !== activity.id) return;
          rows.value = mergeProgress(rows.value, event.lines);
          lines.value = appendRaw(lines.value, event.lines);
          const last = rows.value.at(-1);
          if (last) activities.update(activity.id, { detail: `${last.object}: ${last.status}` });
        });
        try {
          return await work(activity.id);
        } finally {
          off();
        }
      });
      phase.value = 'done';
      return result;
    } catch (e) {
      const cancelled = (e as { code?: string }).code === 'cancelled';
      phase.value = cancelled ? 'cancelled' : 'failed';
      if (!cancelled) error.value = e instanceof Error ? e.message : String(e);
      return undefined;
    } finally {
      operation = undefined;
    }
  }

  async function cancel(): Promise<void> {
    if (operation) await activities.cancel(operation);
  }

  return { phase, title, rows, lines, raw, error, running, run, cancel, reset };
}

export type StackOperation = ReturnType<typeof useStackOperation>;
