// Deleting volumes with feedback: a refusal naming the containers for volumes in use, a confirmation naming each other one.
import type { Volume } from '../../../../src-main/contract/dto/volumes';
import { berth } from '../../api';
import { useConfirm, useRefusal } from '../../composables/useConfirm';
import { useFeedback } from '../../composables/useFeedback';
import { plural } from '../../format';
import { planVolumeDelete } from './volume-delete';
import { volumeLabel } from './volume-rows';

export function useVolumeDelete() {
  const confirm = useConfirm();
  const refuse = useRefusal();
  const feedback = useFeedback();

  /** Asks first; true when every volume asked for is gone. */
  return async function remove(targets: Volume[]): Promise<boolean> {
    const plan = planVolumeDelete(targets);
    if (plan.deletable.length === 0) {
      if (plan.refusal) refuse(plan.refused.length === 1 ? 'Volume in use' : 'Volumes in use', plan.refusal);
      return false;
    }
    const single = plan.deletable.length === 1 ? plan.deletable[0]! : undefined;
    const ok = await confirm({
      title: single ? 'Delete volume?' : `Delete ${plan.deletable.length} volumes?`,
      message: single
        ? `Delete the volume ${volumeLabel(single)} and all the data in it?`
        : `Delete these ${plan.deletable.length} volumes and all the data in them?`,
      items: single ? undefined : plan.deletable.map((v) => v.name),
      note: [plan.refusal, 'This cannot be undone.'].filter(Boolean).join(' '),
      confirm: single ? 'Delete volume' : `Delete ${plural(plan.deletable.length, 'volume')}`,
    });
    if (!ok) return false;
    const results = await Promise.allSettled(
      plan.deletable.map((v) => berth.call('volumes.remove', { name: v.name, force: false })),
    );
    const failed = results.flatMap((r, i) => (r.status === 'rejected' ? [{ v: plan.deletable[i]!, e: r.reason }] : []));
    const done = plan.deletable.length - failed.length;
    if (done > 0)
      feedback.success(single && done === 1 ? `Deleted ${volumeLabel(single)}` : `Deleted ${plural(done, 'volume')}`);
    for (const f of failed) feedback.error(`Could not delete ${volumeLabel(f.v)}`, f.e);
    return failed.length === 0 && plan.refused.length === 0;
  };
}
