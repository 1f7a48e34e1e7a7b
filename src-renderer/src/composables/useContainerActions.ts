// Container actions with feedback: lifecycle calls with a toast, deletion after a confirmation naming each container.
import type { ContainerSummary } from '../../../src-main/contract/dto/containers';
import { berth } from '../api';
import { plural } from '../format';
import { useConfirm } from './useConfirm';
import { useFeedback } from './useFeedback';

export type LifecycleAction = 'start' | 'stop' | 'restart' | 'pause' | 'unpause';

const PAST: Record<LifecycleAction, string> = {
  start: 'Started',
  stop: 'Stopped',
  restart: 'Restarted',
  pause: 'Paused',
  unpause: 'Resumed',
};

type Target = Pick<ContainerSummary, 'id' | 'name' | 'state'>;

function names(targets: Target[]): string {
  return targets.length === 1 ? targets[0]!.name : plural(targets.length, 'container');
}

export function useContainerActions() {
  const feedback = useFeedback();
  const confirm = useConfirm();

  async function lifecycle(action: LifecycleAction, targets: Target[]): Promise<void> {
    const results = await Promise.allSettled(targets.map((t) => berth.call(`containers.${action}`, { id: t.id })));
    const failed = results.flatMap((r, i) =>
      r.status === 'rejected' ? [{ target: targets[i]!, error: r.reason }] : [],
    );
    const done = targets.length - failed.length;
    if (done > 0)
      feedback.success(`${PAST[action]} ${names(targets.filter((t) => !failed.some((f) => f.target === t)))}`);
    for (const f of failed) feedback.error(`Could not ${action} ${f.target.name}`, f.error);
  }

  /** Asks first; running containers are stopped and removed, with their anonymous volumes. */
  async function remove(targets: Target[]): Promise<boolean> {
    if (targets.length === 0) return false;
    const running = targets.filter((t) => t.state === 'running' || t.state === 'paused' || t.state === 'restarting');
    const ok = await confirm({
      title: targets.length === 1 ? 'Delete container?' : `Delete ${targets.length} containers?`,
      message:
        targets.length === 1
          ? `Delete the container ${targets[0]!.name}?`
          : `Delete these ${targets.length} containers?`,
      items: targets.length === 1 ? undefined : targets.map((t) => t.name),
      note: [
        running.length
          ? `${running.length === 1 ? 'It is' : `${plural(running.length, 'container')} are`} running and will be stopped first.`
          : '',
        'Their anonymous volumes go too; named volumes stay.',
      ]
        .filter(Boolean)
        .join(' '),
      confirm: 'Delete',
    });
    if (!ok) return false;
    const results = await Promise.allSettled(
      targets.map((t) => berth.call('containers.remove', { id: t.id, force: true, volumes: true })),
    );
    const failed = results.flatMap((r, i) =>
      r.status === 'rejected' ? [{ target: targets[i]!, error: r.reason }] : [],
    );
    if (failed.length < targets.length)
      feedback.success(`Deleted ${names(targets.filter((t) => !failed.some((f) => f.target === t)))}`);
    for (const f of failed) feedback.error(`Could not delete ${f.target.name}`, f.error);
    return failed.length === 0;
  }

  return { lifecycle, remove };
}
