// The labels compose puts on what it creates, and compose projects read back from its containers' labels.
import type { ContainerSummary } from '../contract/dto/containers';
import type { Stack, StackContainer, StackService, StackStatus } from '../contract/dto/stacks';

export const COMPOSE_LABEL = {
  project: 'com.docker.compose.project',
  service: 'com.docker.compose.service',
  number: 'com.docker.compose.container-number',
  oneoff: 'com.docker.compose.oneoff',
  configFiles: 'com.docker.compose.project.config_files',
  workingDir: 'com.docker.compose.project.working_dir',
  envFile: 'com.docker.compose.project.environment_file',
} as const;

/** Compose joins several files (or env files) with commas in one label. */
function fileList(label: string | undefined): string[] {
  return label ? label.split(',').filter(Boolean) : [];
}

function stackContainer(c: ContainerSummary): StackContainer {
  return {
    id: c.id,
    name: c.name,
    number: Number(c.labels[COMPOSE_LABEL.number] ?? 0) || 0,
    state: c.state,
    status: c.status,
    health: c.health,
    ports: c.ports,
    oneoff: c.labels[COMPOSE_LABEL.oneoff] === 'True',
  };
}

function statusOf(running: number, total: number): StackStatus {
  if (total > 0 && running === total) return 'running';
  return running > 0 ? 'partial' : 'stopped';
}

export interface ProjectObjects {
  /** Networks and volumes labelled with a project, by project name. */
  networks: Map<string, string[]>;
  volumes: Map<string, string[]>;
}

/** One stack per compose project among `containers`, services and containers in name order. */
export function stacksFromContainers(containers: readonly ContainerSummary[], objects: ProjectObjects): Stack[] {
  const byProject = new Map<string, ContainerSummary[]>();
  for (const c of containers) {
    const project = c.labels[COMPOSE_LABEL.project];
    if (project) byProject.set(project, [...(byProject.get(project) ?? []), c]);
  }
  const stacks = [...byProject.entries()].map(([name, members]) => stackOf(name, members, objects));
  // A project whose up failed before any container was made still has its networks or volumes: never unseen.
  const leftovers = new Set([...objects.networks.keys(), ...objects.volumes.keys()].filter((p) => !byProject.has(p)));
  for (const name of leftovers) stacks.push(stackOf(name, [], objects));
  return stacks.sort((a, b) => a.name.localeCompare(b.name));
}

function stackOf(name: string, members: ContainerSummary[], objects: ProjectObjects): Stack {
  const services = new Map<string, StackService>();
  for (const c of members) {
    const serviceName = c.labels[COMPOSE_LABEL.service] ?? c.name;
    const service = services.get(serviceName) ?? { name: serviceName, image: c.image, containers: [], running: 0 };
    const container = stackContainer(c);
    service.containers.push(container);
    if (!container.oneoff && c.state === 'running') service.running += 1;
    services.set(serviceName, service);
  }
  const sorted = [...services.values()].sort((a, b) => a.name.localeCompare(b.name));
  // Service containers by number, then one-off ones (`compose run`).
  for (const service of sorted)
    service.containers.sort(
      (a, b) => Number(a.oneoff) - Number(b.oneoff) || a.number - b.number || a.name.localeCompare(b.name),
    );
  // The labels of the most recently created container say how the project was last brought up.
  const newest = members.reduce<ContainerSummary | undefined>(
    (a, b) => (!a || b.created > a.created ? b : a),
    undefined,
  );
  const labels = newest?.labels ?? {};
  const total = members.filter((c) => c.labels[COMPOSE_LABEL.oneoff] !== 'True').length;
  const running = sorted.reduce((sum, s) => sum + s.running, 0);
  const stack: Stack = {
    name,
    status: statusOf(running, total),
    configFiles: fileList(labels[COMPOSE_LABEL.configFiles]),
    envFiles: fileList(labels[COMPOSE_LABEL.envFile]),
    services: sorted,
    networks: objects.networks.get(name) ?? [],
    volumes: objects.volumes.get(name) ?? [],
    running,
    total,
  };
  const workingDir = labels[COMPOSE_LABEL.workingDir];
  if (workingDir) stack.workingDir = workingDir;
  return stack;
}

/** Names by the project label they carry. */
export function namesByProject(objects: readonly { name: string; labels: Record<string, string> }[]) {
  const byProject = new Map<string, string[]>();
  for (const object of objects) {
    const project = object.labels[COMPOSE_LABEL.project];
    if (project) byProject.set(project, [...(byProject.get(project) ?? []), object.name].sort());
  }
  return byProject;
}
