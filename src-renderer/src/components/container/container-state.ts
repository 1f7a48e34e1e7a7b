// How the detail page words a container's state: "Running", "Exited (137)", "Paused · unhealthy", and since when.
import type { ContainerDetail } from '../../../../src-main/contract/dto/containers';

type StateFields = Pick<ContainerDetail, 'state' | 'exitCode' | 'health' | 'oomKilled'>;

const WORDS: Record<ContainerDetail['state'], string> = {
  created: 'Created',
  running: 'Running',
  paused: 'Paused',
  restarting: 'Restarting',
  removing: 'Removing',
  exited: 'Exited',
  dead: 'Dead',
};

/** The state in words, with the exit code of a stopped container and the health when there is a check. */
export function stateLabel(c: StateFields): string {
  let label = WORDS[c.state];
  if (c.state === 'exited' || c.state === 'dead')
    label += c.oomKilled ? ` (${c.exitCode}, out of memory)` : ` (${c.exitCode})`;
  return c.health === 'none' ? label : `${label} · ${c.health}`;
}

/** The dot's colour key: unhealthy wins over the state. */
export function stateKey(c: Pick<ContainerDetail, 'state' | 'health'>): string {
  return c.health === 'unhealthy' ? 'unhealthy' : c.state;
}

/**
 * The moment the state began, for "started 3 minutes ago": the start time while it runs, the finish
 * time once it stopped. Undefined when the engine has none (zero time).
 */
export function stateSince(
  c: Pick<ContainerDetail, 'state' | 'startedAt' | 'finishedAt'>,
): { verb: string; at: string } | undefined {
  const running = c.state === 'running' || c.state === 'paused' || c.state === 'restarting';
  const at = running ? c.startedAt : c.finishedAt;
  if (!at || at.startsWith('0001-')) return undefined;
  return { verb: running ? 'started' : 'stopped', at };
}
