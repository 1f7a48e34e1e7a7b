// Runs one stack action with an operation id: into a progress panel when the page has one, else as an activity
// with a toast; the CLI's error verbatim either way, and the stacks list re-read afterwards.
import { berth } from '../../api';
import { useFeedback } from '../../composables/useFeedback';
import { useActivitiesStore } from '../../stores/activities';
import { useStacksStore } from '../../stores/stacks';
import { STACK_ACTIONS, type StackAction } from './stack-actions';
import type { StackOperation } from './useStackOperation';

export function useStackRun(op?: StackOperation) {
  const feedback = useFeedback();
  const activities = useActivitiesStore();
  const stacks = useStacksStore();

  /** Runs `work`; resolves to whether it succeeded. */
  async function run(label: string, done: string, work: (operation: string) => Promise<unknown>): Promise<boolean> {
    let ok: boolean;
    if (op) {
      await op.run(label, work);
      ok = op.phase.value === 'done';
      if (ok) feedback.success(done);
    } else {
      const result = await feedback.run(
        () => activities.track(label, (a) => work(a.id).then(() => true)),
        done,
        `Could not ${label[0]!.toLowerCase()}${label.slice(1)}`,
      );
      ok = result === true;
    }
    void stacks.refresh();
    return ok;
  }

  /** start, stop, restart, pull or build a stack, for all its services or the ones named. */
  function action(name: string, which: StackAction, services: string[] = []): Promise<boolean> {
    const words = STACK_ACTIONS[which];
    const what = services.length ? `${services.join(', ')} of ${name}` : name;
    return run(`${words.label} ${what}`, `${words.done} ${what}`, (operation) =>
      berth.call('stacks.run', { name, action: which, services, operation }),
    );
  }

  return { run, action };
}
