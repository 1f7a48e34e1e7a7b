// Carries out a snapshot request on a machine's data disk: stops the VM where the disk must be still, and says when it cannot.
import type { DiskSnapshotList, DiskSnapshotRequest, MachineState } from '../../contract/dto/machine';
import { dataDiskSize } from '../data-disk';
import { MachineRefusedError } from '../machine';
import {
  applyDiskSnapshot,
  createDiskSnapshot,
  deleteDiskSnapshot,
  listDiskSnapshots,
  requireDiskSnapshot,
} from './disk-snapshots';
import { KEEP_AUTOMATIC_SNAPSHOTS } from './new-image-snapshot';
import { snapshotName } from './snapshot-names';

/** What a snapshot request needs of the machine whose disk it is. */
export interface SnapshotHost {
  diskPath: string;
  state(): MachineState;
  stop(): Promise<void>;
  /** Starts the machine again after the disk work (not refused as a user's start is meanwhile). */
  start(): Promise<void>;
  /** Takes a snapshot `name` through the running QEMU, the guest's file system held still meanwhile. */
  createLive(name: string): Promise<void>;
  /** Deletes a snapshot through the running QEMU, which holds the disk. */
  deleteLive(name: string): Promise<void>;
}

/**
 * A running VM takes and deletes snapshots live (QEMU does it, the guest's file system frozen for
 * a take). `restore` needs the disk still: a running VM is stopped, the snapshot applied, and the
 * VM started again; a VM in error is stopped and stays so. A stopped VM's disk is worked on with
 * qemu-img. A starting or stopping machine is refused. Every request answers with the list after.
 */
export async function carryOutSnapshotRequest(
  request: DiskSnapshotRequest,
  host: SnapshotHost,
): Promise<DiskSnapshotList> {
  const disk = host.diskPath;
  if (request.action === 'create') {
    const state = refuseInTransition(host, 'take a snapshot');
    if (state === 'running') await host.createLive(snapshotName('manual', new Date()));
    else await whileStopped(host, 'take a snapshot', () => createDiskSnapshot(disk, 'manual'));
  } else if (request.action === 'restore') {
    await requireDiskSnapshot(disk, request.name);
    await whileStopped(host, 'restore a snapshot', () => applyDiskSnapshot(disk, request.name));
  } else if (request.action === 'delete') {
    await requireDiskSnapshot(disk, request.name);
    const state = refuseInTransition(host, 'delete a snapshot');
    if (state === 'running') await host.deleteLive(request.name);
    else await deleteDiskSnapshot(disk, request.name);
  }
  return {
    snapshots: await listDiskSnapshots(disk),
    diskAllocatedBytes: (await dataDiskSize(disk))?.allocatedBytes ?? 0,
    keepAutomatic: KEEP_AUTOMATIC_SNAPSHOTS,
  };
}

async function whileStopped(host: SnapshotHost, what: string, work: () => Promise<unknown>): Promise<void> {
  const state = refuseInTransition(host, what);
  if (state === 'running' || state === 'error') await host.stop();
  await work();
  if (state === 'running') await host.start();
}

function refuseInTransition(host: SnapshotHost, what: string): MachineState {
  const state = host.state();
  if (state === 'starting') throw new MachineRefusedError('conflict', `The machine is starting; ${what} once it runs`);
  if (state === 'stopping') {
    throw new MachineRefusedError('conflict', `The machine is stopping; ${what} once it has stopped`);
  }
  return state;
}
