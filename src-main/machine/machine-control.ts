// What the app needs of the machine, wherever it runs (an agent's VM, the host's engine, or an engine Berth only uses).
import { cpus, totalmem } from 'node:os';
import type { DiskSnapshotList, DiskSnapshotRequest, MachineInfo, MachineLogSource } from '../contract/dto/machine';
import type { SshTarget } from './machine';

export interface MachineControl {
  /** The machine now. */
  readonly info: MachineInfo;
  /** Calls `listener` with each change of state, progress or resources; returns an unsubscribe function. */
  onChange(listener: (info: MachineInfo) => void): () => void;
  start(): Promise<void>;
  stop(): Promise<void>;
  restart(): Promise<void>;
  /** Deletes the engine's data and starts afresh (the caller has asked for a typed confirmation). */
  reset(): Promise<void>;
  /** Lists, takes, restores or deletes snapshots of the VM's data disk; answers with the list afterwards. */
  snapshots(request: DiskSnapshotRequest): Promise<DiskSnapshotList>;
  /** How to log in to Berth's VM while it runs (to run the docker CLI there); undefined for other engines. */
  sshTarget(): SshTarget | undefined;
  /** The file one of `info.logs` is written to. */
  logFile(source: MachineLogSource): string | undefined;
  /** Stops following the machine; a running VM keeps running. */
  dispose(): void;
}

/** What this computer has, for the Resources settings: CPUs and memory in MiB. */
export function hostResources(): MachineInfo['host'] {
  return { cpus: cpus().length, memoryMiB: Math.floor(totalmem() / 1024 / 1024) };
}
