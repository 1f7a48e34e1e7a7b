// Deleting networks with feedback: a refusal for built-in networks, a confirmation naming each other one.
import type { NetworkSummary } from '../../../../src-main/contract/dto/networks';
import { berth } from '../../api';
import { useConfirm, useRefusal } from '../../composables/useConfirm';
import { useFeedback } from '../../composables/useFeedback';
import { plural } from '../../format';
import { planNetworkDelete } from './network-delete';

export function useNetworkDelete() {
  const confirm = useConfirm();
  const refuse = useRefusal();
  const feedback = useFeedback();

  /** Asks first; true when every network asked for is gone. */
  return async function remove(targets: NetworkSummary[]): Promise<boolean> {
    const plan = planNetworkDelete(targets);
    if (plan.deletable.length === 0) {
      if (plan.refusal) refuse("Can't delete", plan.refusal);
      return false;
    }
    const single = plan.deletable.length === 1 ? plan.deletable[0]! : undefined;
    const ok = await confirm({
      title: single ? 'Delete network?' : `Delete ${plan.deletable.length} networks?`,
      message: single ? `Delete the network ${single.name}?` : `Delete these ${plan.deletable.length} networks?`,
      items: single ? undefined : plan.deletable.map((n) => n.name),
      note: [plan.warning, plan.refusal].filter(Boolean).join(' ') || undefined,
      confirm: single ? 'Delete network' : `Delete ${plural(plan.deletable.length, 'network')}`,
    });
    if (!ok) return false;
    const results = await Promise.allSettled(plan.deletable.map((n) => berth.call('networks.remove', { id: n.id })));
    const failed = results.flatMap((r, i) => (r.status === 'rejected' ? [{ n: plan.deletable[i]!, e: r.reason }] : []));
    const done = plan.deletable.length - failed.length;
    if (done > 0)
      feedback.success(single && done === 1 ? `Deleted ${single.name}` : `Deleted ${plural(done, 'network')}`);
    for (const f of failed) feedback.error(`Could not delete ${f.n.name}`, f.e);
    return failed.length === 0 && plan.refused.length === 0;
  };
}
