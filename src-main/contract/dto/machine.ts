// Machine DTOs: where the engine runs (Berth's QEMU VM or the host's own engine), its state and resources.

/** `qemu`: Berth's Linux VM runs the engine; `native`: the host's Docker Engine (Linux). */
export type MachineKind = 'qemu' | 'native';

export type MachineState = 'stopped' | 'starting' | 'running' | 'stopping' | 'error';

/** What a starting or stopping machine is doing now, in the words the UI shows. */
export type MachineProgressStep =
  | 'Looking for the Docker Engine'
  | 'Wiping the data disk'
  | 'Preparing the disks'
  | 'Sharing the home folder'
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
