// Compose projects as the engine holds them: containers, networks and volumes with compose's project label.
import type Dockerode from 'dockerode';
import type { Stack, StackRemoval } from '../contract/dto/stacks';
import { NotFoundError } from '../engine/errors';
import { toContainerSummary } from '../engine/mappers/containers';
import { COMPOSE_LABEL, namesByProject, stacksFromContainers } from './compose-labels';

export class StackReader {
  constructor(private readonly docker: Dockerode) {}

  /** Every project, or only `name`'s. */
  async list(name?: string): Promise<Stack[]> {
    const label = [name ? `${COMPOSE_LABEL.project}=${name}` : COMPOSE_LABEL.project];
    const [containers, networks, volumes] = await Promise.all([
      this.docker.listContainers({ all: true, filters: { label } }),
      this.docker.listNetworks({ filters: { label } }),
      this.docker.listVolumes({ filters: { label } }),
    ]);
    return stacksFromContainers(containers.map(toContainerSummary), {
      networks: namesByProject(networks.map((n) => ({ name: n.Name, labels: n.Labels ?? {} }))),
      volumes: namesByProject((volumes.Volumes ?? []).map((v) => ({ name: v.Name, labels: v.Labels ?? {} }))),
    });
  }

  /** @throws NotFoundError when no container carries the project's label. */
  async inspect(name: string): Promise<Stack> {
    const [stack] = await this.list(name);
    if (!stack) throw new NotFoundError(`no compose project "${name}" on this engine`);
    return stack;
  }

  /** What `down` removes: every container of the project, its networks, and with `volumes` its volumes. */
  async removal(name: string, volumes: boolean): Promise<StackRemoval> {
    const stack = await this.inspect(name);
    return {
      containers: stack.services.flatMap((s) => s.containers.map((c) => c.name)).sort(),
      networks: stack.networks,
      volumes: volumes ? stack.volumes : [],
    };
  }
}
