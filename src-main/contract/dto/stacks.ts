// Compose stack DTOs: projects as their containers' compose labels describe them, previews from the CLI, plans.
import type { ContainerHealth, ContainerState, PortMapping } from './containers';
import type { SessionHandle } from './streams';

/** One container of a compose service. */
export interface StackContainer {
  id: string;
  name: string;
  /** Label com.docker.compose.container-number (1, 2, … for a scaled service). */
  number: number;
  state: ContainerState;
  status: string;
  health: ContainerHealth;
  ports: PortMapping[];
  /** A one-off container (`compose run`). */
  oneoff: boolean;
}

export interface StackService {
  name: string;
  image: string;
  containers: StackContainer[];
  /** Containers of the service now running (one-offs left out). */
  running: number;
  /** The service builds its image (`build:` in its compose file); known on `stacks.inspect` when the files are there. */
  build?: boolean;
  /** How it builds, known when `build` is. */
  buildSettings?: ServiceBuild;
}

/** running: every service container runs; partial: some do; stopped: none do. */
export type StackStatus = 'running' | 'partial' | 'stopped';

export interface Stack {
  /** The compose project name. */
  name: string;
  status: StackStatus;
  /** Compose files as the labels record them (com.docker.compose.project.config_files), in order. */
  configFiles: string[];
  /** The project's working folder (com.docker.compose.project.working_dir). */
  workingDir?: string;
  /** Env files the project was brought up with (com.docker.compose.project.environment_file). */
  envFiles: string[];
  services: StackService[];
  /** Networks and volumes of the project (label com.docker.compose.project), by name. */
  networks: string[];
  volumes: string[];
  /** Service containers running / all (one-offs left out). */
  running: number;
  total: number;
}

/** How to find a project's files: what `-f`, `--project-directory`, `--env-file` and `--profile` say. */
export interface ComposeFiles {
  files: string[];
  workingDir?: string;
  envFiles: string[];
  profiles: string[];
  /** `-p`; the CLI derives it from the working folder when absent. */
  projectName?: string;
}

export interface PreviewPort {
  published?: string;
  target: number;
  protocol: string;
  hostIp?: string;
}

/** How a service builds its image, as `compose config` resolved its `build:` section, for Berth's build dialog. */
export interface ServiceBuild {
  /** Absolute context folder. */
  context: string;
  /** Dockerfile path relative to the context. */
  dockerfile: string;
  args: Record<string, string>;
  target?: string;
  /** The image compose runs for the service: its `image:`, else "<project>-<service>". */
  tag: string;
}

export interface PreviewService {
  name: string;
  image?: string;
  /** The service builds its image (`build:`). */
  build: boolean;
  /** Its `build:` section, when it has one. */
  buildSettings?: ServiceBuild;
  ports: PreviewPort[];
  volumes: string[];
  networks: string[];
  secrets: string[];
  dependsOn: string[];
  profiles: string[];
  /** More than one container (deploy.replicas / scale). */
  replicas: number;
}

/** What `up` would do to one service of a project that exists, from the CLI's `--dry-run`. */
export interface PlanStep {
  service: string;
  action: 'create' | 'recreate' | 'start' | 'keep' | 'pull' | 'build' | 'remove';
  /** The CLI's own line for it. */
  detail: string;
}

export interface StackPreview {
  /** The project name the CLI resolved. */
  name: string;
  services: PreviewService[];
  networks: string[];
  volumes: string[];
  secrets: string[];
  /** Variables the files use that resolve to nothing (the CLI's warnings), by name. */
  unresolved: string[];
  /** The CLI's other warnings, verbatim. */
  warnings: string[];
  /** The project already has containers: what up will do, per service. */
  plan?: PlanStep[];
  /** The resolved configuration as the CLI printed it (YAML-free JSON), one click away. */
  raw: string;
}

/** What `down` removes, by name: to list in its confirmation. */
export interface StackRemoval {
  containers: string[];
  networks: string[];
  volumes: string[];
}

/** One line of the CLI's output during an action, and which service it is about when it says so. */
export interface StackOutputLine {
  stream: 'stdout' | 'stderr';
  text: string;
  /** The object the line reports on ("Container web-1", "Network app_default"), when it reports one. */
  object?: string;
  /** Its state in that line ("Started", "Creating", "Pulled"…). */
  status?: string;
}

/** What the CLI can do where the engine is. */
export interface ComposeAvailability {
  available: boolean;
  /** e.g. "2.26.1". */
  version?: string;
  /** Where the CLI runs: "host" (this computer, DOCKER_HOST set) or "vm" (inside Berth's VM). */
  where: 'host' | 'vm';
  /** Why not, and what to install, when not available. */
  reason?: string;
}

/** A project's merged logs session: `logs.data` lines carry an index into `sources` (LogBatch.sourceNames updates it). */
export interface StackLogsHandle extends SessionHandle {
  /** The containers' display names (see `StackLogSources`), by source index. */
  sources: string[];
}
