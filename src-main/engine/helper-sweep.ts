// Removes the helper containers a Berth that stopped mid-job (a crash, a killed process) left on an engine.
import type Dockerode from 'dockerode';
import { BERTH_CONTAINER_FILTER } from './berth-labels';

/** A helper never started and older than this (seconds) serves no running job: archive jobs take minutes. */
const STALE_CREATED_S = 24 * 3600;

const swept = new WeakMap<Dockerode, Promise<void>>();

/**
 * Once per engine connection, before its first helper job: removes helpers whose script has ended
 * (exited, dead) and never-started ones older than a day. Another Berth's job in progress keeps
 * its helper: that one is running, or was created moments ago. Failures are ignored (the next
 * connection tries again); a helper left is still flagged and named as Berth's.
 */
export function sweepLeftHelpers(docker: Dockerode): Promise<void> {
  let sweep = swept.get(docker);
  if (!sweep) {
    sweep = removeLeftHelpers(docker).catch(() => undefined);
    swept.set(docker, sweep);
  }
  return sweep;
}

async function removeLeftHelpers(docker: Dockerode): Promise<void> {
  const helpers = await docker.listContainers({ all: true, filters: { label: [BERTH_CONTAINER_FILTER] } });
  const staleBefore = Date.now() / 1000 - STALE_CREATED_S;
  const left = helpers.filter(
    (c) => c.State === 'exited' || c.State === 'dead' || (c.State === 'created' && c.Created < staleBefore),
  );
  for (const c of left) {
    await docker
      .getContainer(c.Id)
      .remove({ force: true })
      .catch(() => undefined);
  }
}
