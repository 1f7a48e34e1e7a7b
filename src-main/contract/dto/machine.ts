// Machine DTOs: where the engine runs (Berth's QEMU VM or the host's own engine), its state and resources.

/** `qemu`: Berth's Linux VM runs the engine; `native`: the host's Docker Engine (Linux). */
export type MachineKind = 'qemu' | 'native';

export type MachineState = 'stopped' | 'starting' | 'running' | 'stopping' | 'error';

/** What a starting or stopping machine is doing now, in the words the UI shows. */
export type MachineProgressStep =
  | 'Looking for the Docker Engine'
  | 'Wiping the data disk'
  | 'Preparing the disks'
  | 'Taking a snapshot of the data disk'
  | 'Sharing folders'
  | 'Starting QEMU'
  | 'Booting the kernel'
  | 'Waiting for SSH'
  | 'Waiting for the engine'
  | 'Forwarding the engine socket'
  | 'Shutting down the VM'
  | 'Stopping QEMU';

export interface MachineStatus {
  state: MachineState;
  /** Why the machine is in `error` (always set there), or why a stopped machine stopped, when known. */
  reason?: string;
  /** The current step while `starting` or `stopping`. */
  progress?: MachineProgressStep;
  /** Running, but paused while idle (no containers, no clients); the next engine call resumes it. */
  paused?: true;
}

/** What the VM is given; a native machine has none of its own. */
export interface MachineResources {
  cpus: number;
  memoryMiB: number;
  /** Size of the data disk holding images, containers and volumes, in GiB. */
  diskGiB: number;
}

/**
 * The machine as the app shows it. `external`: an engine Berth does not run (DOCKER_HOST, a test
 * engine); Berth can use it but not start, stop or reset it.
 */
export interface MachineInfo {
  kind: MachineKind | 'external';
  status: MachineStatus;
  /** What the VM is given (qemu only). */
  resources?: MachineResources;
  /** The engine address clients use, e.g. unix:///…/docker.sock. */
  endpoint: string;
  /** What this computer has, for the Resources settings. */
  host: { cpus: number; memoryMiB: number };
  /** Logs the Troubleshoot page can show for this machine. */
  logs: MachineLogSource[];
}

/** `console`: the VM's serial console; `engine`: dockerd's log; `agent`: the process that runs the VM. */
export type MachineLogSource = 'console' | 'engine' | 'agent';

/** The end of a log file. */
export interface LogTail {
  text: string;
  /** Lines in `text`. */
  lines: number;
  /** True when the log has more before what is shown. */
  truncated: boolean;
  /** True when the log does not exist (yet). */
  missing: boolean;
  /** Where the log lives, for the user to open it themselves. */
  path: string;
}

/** What "Collect diagnostics" wrote. */
export interface DiagnosticsReport {
  path: string;
  /** Size of the zip, in bytes. */
  bytes: number;
  /** The files inside the zip. */
  entries: string[];
  /** Logs that did not exist and so are not in it. */
  missing: string[];
}

/** Why a snapshot of the data disk was taken: by the user, or by Berth before it booted a new VM image. */
export type DiskSnapshotReason = 'manual' | 'before-vm-image';

/** One snapshot of the VM's data disk (images, containers and volumes at that moment). */
export interface DiskSnapshot {
  /** Its name in the disk, unique; what restore and delete take. */
  name: string;
  reason: DiskSnapshotReason;
  /** When it was taken, ISO 8601. */
  createdAt: string;
  /** For `before-vm-image`: the VM image that was about to boot (its kernel version and recipe hash). */
  vmImage?: string;
}

/** The data disk's snapshots, newest first. */
export interface DiskSnapshotList {
  snapshots: DiskSnapshot[];
  /** Space the data disk takes on the host, snapshots included, in bytes (0 when there is no disk yet). */
  diskAllocatedBytes: number;
  /** How many automatic snapshots are kept: the oldest beyond this are deleted. */
  keepAutomatic: number;
}

/** What to do with the snapshots; every action answers with the list afterwards. */
export type DiskSnapshotRequest =
  { action: 'list' } | { action: 'create' } | { action: 'restore'; name: string } | { action: 'delete'; name: string };
