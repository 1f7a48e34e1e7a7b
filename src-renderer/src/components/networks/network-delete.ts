// Which networks a delete may remove: built-in ones never; ones with containers attached get a warning.
import type { NetworkSummary } from '../../../../src-main/contract/dto/networks';
import { plural } from '../../format';

export const BUILT_IN_REASON = 'Built-in network: the engine needs it, so it cannot be deleted';

export interface NetworkDeletePlan {
  deletable: NetworkSummary[];
  refused: NetworkSummary[];
  /** Why the refused ones stay; undefined when none is refused. */
  refusal?: string;
  /** About deletable networks that containers are attached to; undefined when none. */
  warning?: string;
}

export function planNetworkDelete(targets: NetworkSummary[]): NetworkDeletePlan {
  const refused = targets.filter((n) => n.builtIn);
  const deletable = targets.filter((n) => !n.builtIn);
  const plan: NetworkDeletePlan = { deletable, refused };
  if (refused.length === 1) {
    plan.refusal = `${refused[0]!.name} is a built-in network; the engine needs it, so it cannot be deleted.`;
  } else if (refused.length > 1) {
    plan.refusal = `${refused.map((n) => n.name).join(', ')} are built-in networks; the engine needs them, so they stay.`;
  }
  const busy = deletable.filter((n) => n.containerCount > 0);
  if (busy.length > 0) {
    plan.warning = `${busy.map((n) => `${n.name} has ${plural(n.containerCount, 'container')}`).join(', ')} attached; the engine refuses while a running container uses it, so disconnect them first.`;
  }
  return plan;
}
