// Berth's own helper containers on the test engine, found by the label every one of them carries.
import type Dockerode from 'dockerode';
import { BERTH_CONTAINER_FILTER } from '../../src-main/engine/berth-labels';

/** Ids of every helper container on the engine, running or not. */
export async function helpersLeft(docker: Dockerode): Promise<string[]> {
  const list = await docker.listContainers({ all: true, filters: JSON.stringify({ label: [BERTH_CONTAINER_FILTER] }) });
  return list.map((c) => c.Id);
}
