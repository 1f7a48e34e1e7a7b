// The Machine interface: where the Docker Engine runs (Berth's QEMU VM or the host's engine), and its refusals.
import type {
  DiskSnapshotList,
  DiskSnapshotRequest,
  MachineKind,
  MachineResources,
  MachineStatus,
} from '../contract/dto/machine';

/** Where and how to log in to the VM: the user key and a known_hosts file holding only the pinned host key. */
export interface SshTarget {
  host: string;
  port: number;
  user: string;
  identityFile: string;
  knownHostsFile: string;
}

/**
 * A place the engine runs. Both backends keep their state with a MachineStateHolder, so a
 * request the current state does not allow (starting twice, resetting a running VM) rejects with
 * a MachineRefusedError, never with a random failure half-way.
 */
export interface Machine {
  readonly kind: MachineKind;
  /** The current state, with the reason for `error` and the step while starting or stopping. */
  readonly status: MachineStatus;
  /** Calls `listener` with each new status (state, reason or progress changed); returns an unsubscribe function. */
  onStatus(listener: (status: MachineStatus) => void): () => void;
  /** Resolves once the engine answers (`running`); rejects with the reason when the start fails (`error`). */
  start(): Promise<void>;
  /** Resolves once the machine is `stopped`; a VM is powered down gracefully first, then killed. */
  stop(): Promise<void>;
  /** stop() (when not already stopped) then start(). */
  restart(): Promise<void>;
  /**
   * Deletes everything the engine stored (images, containers, volumes) and starts afresh. The UI
   * asks for a typed confirmation first. A running VM is stopped first.
   */
  reset(): Promise<void>;
  /** CPUs, memory and disk the VM is given; undefined for the host's own engine. */
  readonly resources: MachineResources | undefined;
  /** Engine address for clients, e.g. `unix:///home/alice/.berth/docker.sock`; undefined unless `running`. */
  readonly endpoint: string | undefined;
  /** How to log in to the VM with ssh while it runs (qemu only). */
  readonly ssh?: SshTarget | undefined;
  /** File the VM's serial console is written to (qemu only). */
  readonly consoleLogPath: string | undefined;
  /**
   * Lists, takes, restores or deletes snapshots of the data disk (qemu only) and answers with the
   * list afterwards. A running VM takes and deletes them live; a restore stops it and starts it again.
   */
  snapshots?(request: DiskSnapshotRequest): Promise<DiskSnapshotList>;
  /** Stops watching and releases timers and sockets; does not stop a running VM. */
  dispose(): Promise<void>;
}

/**
 * A request the machine will not carry out. `conflict`: not in this state (try again later);
 * `unsupported`: never, on this backend (the message says what to do instead).
 */
export class MachineRefusedError extends Error {
  readonly code: 'conflict' | 'unsupported';

  constructor(code: 'conflict' | 'unsupported', message: string) {
    super(message);
    this.name = 'MachineRefusedError';
    this.code = code;
  }
}
