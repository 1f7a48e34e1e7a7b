// System DTOs: engine info and version, disk usage, prune plans and results, engine events.

export interface EngineInfo {
  id: string;
  name: string;
  serverVersion: string;
  operatingSystem: string;
  osType: string;
  kernelVersion: string;
  architecture: string;
  cpus: number;
  /** Bytes. */
  memoryTotal: number;
  storageDriver: string;
  cgroupVersion: string;
  rootDir: string;
  containers: number;
  containersRunning: number;
  containersPaused: number;
  containersStopped: number;
  images: number;
  /** Of `containers`, how many are Berth's own helper containers. */
  berthContainers: number;
  /** Of `images`, how many are Berth's own (its helper image). */
  berthImages: number;
  swarm: 'inactive' | 'pending' | 'active' | 'error' | 'locked';
  warnings: string[];
}

/** Whether an engine can do something, and when not, why (to show on what is turned off). */
export interface Capability {
  available: boolean;
  /** The version found, when one applies (e.g. the buildx CLI's). */
  version?: string;
  reason?: string;
}

/** What the engine and the CLIs where it is can do: pages turn off what it cannot, with the reason. */
export interface EngineCapabilities {
  engineVersion: string;
  apiVersion: string;
  /** Builds with BuildKit (`default`: the engine builds with it unless told otherwise, docker 23 and later). */
  buildkit: Capability & { default: boolean };
  /** Swarm mode: available when this engine is a swarm manager. */
  swarm: Capability & { state: EngineInfo['swarm'] };
  /** The compose CLI v2 where the engine is. */
  compose: Capability;
  /** The buildx CLI plugin where the engine is. */
  buildx: Capability;
}

export interface EngineVersion {
  version: string;
  apiVersion: string;
  minApiVersion: string;
  gitCommit: string;
  goVersion: string;
  os: string;
  arch: string;
  kernelVersion: string;
}

export interface DiskUsageCategory {
  count: number;
  active: number;
  /** Bytes. */
  size: number;
  /** Bytes that a prune would free. */
  reclaimable: number;
}

/** What Berth keeps on the engine for its own jobs: its helper image and the helper containers of running jobs. */
export interface BerthDiskUsage {
  images: number;
  containers: number;
  /** Bytes; none of it is reclaimable by the user's prunes, which leave Berth's objects alone. */
  size: number;
}

/** The user's images, containers, volumes and build cache; Berth's own are counted apart in `berth`. */
export interface DiskUsage {
  images: DiskUsageCategory;
  containers: DiskUsageCategory;
  volumes: DiskUsageCategory;
  buildCache: DiskUsageCategory;
  berth: BerthDiskUsage;
}

export interface PruneItem {
  id: string;
  /** What a person calls it: container name, image tag, volume or network name. */
  name: string;
  /** Bytes, when known. */
  size?: number;
}

/** What a prune with given options would remove, or did remove. */
export interface PruneReport {
  containers: PruneItem[];
  images: PruneItem[];
  networks: PruneItem[];
  volumes: PruneItem[];
  buildCache: PruneItem[];
  /** Bytes; for a preview, an estimate. */
  spaceReclaimed: number;
}

export type EngineObjectType =
  | 'container'
  | 'image'
  | 'volume'
  | 'network'
  | 'daemon'
  | 'plugin'
  | 'service'
  | 'node'
  | 'secret'
  | 'config'
  | 'builder';

export interface EngineEvent {
  type: EngineObjectType;
  action: string;
  /** Object id (volume name for volumes). */
  id: string;
  /** Object name, when the engine gives one. */
  name?: string;
  attributes: Record<string, string>;
  /** Unix milliseconds. */
  time: number;
}

export type EngineConnectionState = 'connected' | 'disconnected' | 'reconnecting';

export interface EngineStatus {
  state: EngineConnectionState;
  /** Human name of the endpoint, e.g. "unix:///var/run/docker.sock". */
  endpoint: string;
  /** Engine version when connected. */
  version?: string;
  /** Why the engine is not reachable. */
  error?: string;
}

/** Folders on the host running Berth's main process, for prefilling host path fields. */
export interface HostPaths {
  /** The user's home folder. */
  home: string;
  /** The user's Downloads folder, or `home` when there is none. */
  downloads: string;
  /** The temp folder. */
  tmp: string;
}
