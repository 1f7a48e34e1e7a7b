// Container DTOs: what the renderer sees of containers, independent of the Engine API's JSON.

export type ContainerState = 'created' | 'running' | 'paused' | 'restarting' | 'removing' | 'exited' | 'dead';
export type ContainerHealth = 'none' | 'starting' | 'healthy' | 'unhealthy';
export type PortProtocol = 'tcp' | 'udp' | 'sctp';

/** A container port, and where it is published on the host when it is. */
export interface PortMapping {
  containerPort: number;
  protocol: PortProtocol;
  /** Host address the port is published on, e.g. "0.0.0.0" or "127.0.0.1". */
  hostIp?: string;
  hostPort?: number;
}

export interface MountSummary {
  type: 'bind' | 'volume' | 'tmpfs' | 'npipe' | 'cluster';
  /** Volume name for volume mounts. */
  name?: string;
  source: string;
  destination: string;
  readOnly: boolean;
}

export interface ContainerSummary {
  id: string;
  /** Primary name, without the leading slash. */
  name: string;
  image: string;
  imageId: string;
  command: string;
  /** Creation time, unix seconds. */
  created: number;
  state: ContainerState;
  /** Engine status text, e.g. "Up 5 minutes (healthy)". */
  status: string;
  health: ContainerHealth;
  ports: PortMapping[];
  labels: Record<string, string>;
  /** Compose project (label com.docker.compose.project), when the container belongs to one. */
  composeProject?: string;
  composeService?: string;
  mounts: MountSummary[];
  networks: string[];
  /** One of Berth's own helper containers (label berth.helper=container), not the user's; lists hide these by default. */
  berthOwned: boolean;
}

export interface ContainerNetworkAttachment {
  network: string;
  ipAddress: string;
  ipv6Address: string;
  macAddress: string;
  gateway: string;
  aliases: string[];
}

export interface ContainerDetail {
  id: string;
  name: string;
  image: string;
  imageId: string;
  /** ISO 8601 creation time. */
  created: string;
  state: ContainerState;
  running: boolean;
  paused: boolean;
  exitCode: number;
  health: ContainerHealth;
  startedAt: string;
  finishedAt: string;
  oomKilled: boolean;
  restartCount: number;
  tty: boolean;
  command: string[];
  entrypoint: string[];
  /** `NAME=value` entries; a variable marked secret reads `NAME=` + HIDDEN_ENV_VALUE, here and in `raw`. */
  env: string[];
  /** Names of the variables marked secret (their values are hidden), sorted. */
  secretEnv: string[];
  workingDir: string;
  user: string;
  labels: Record<string, string>;
  ports: PortMapping[];
  mounts: MountSummary[];
  networks: ContainerNetworkAttachment[];
  restartPolicy: { name: string; maximumRetryCount: number };
  /** Memory limit in bytes; 0 means none. */
  memoryLimit: number;
  /** Memory plus swap in bytes; -1 unlimited swap, 0 the engine's default (twice the memory limit). */
  memorySwap: number;
  /** Relative CPU weight; 0 means the engine's default (1024). */
  cpuShares: number;
  /** CPU limit in units of 1e-9 CPUs; 0 means none. */
  nanoCpus: number;
  autoRemove: boolean;
  /** The engine's full inspect JSON, for the Inspect view (secret env values hidden as in `env`). */
  raw: Record<string, unknown>;
}

/** Output of `docker top`. */
export interface ProcessList {
  titles: string[];
  processes: string[][];
}

export interface CreatedContainer {
  id: string;
  name: string;
  warnings: string[];
}
