// Internal qcow2 snapshots of the data disk with qemu-img, taken, listed, applied and deleted while the VM is stopped.
import type { DiskSnapshot, DiskSnapshotReason } from '../../contract/dto/machine';
import { exists, withInUseMessage } from '../data-disk';
import { runQemuImg, type QemuImgOptions } from '../qemu-img';
import { parseSnapshotList, snapshotName } from './snapshot-names';

/** Restore or delete named a snapshot the disk does not have. */
export class SnapshotNotFoundError extends Error {
  constructor(name: string) {
    super(`The data disk has no snapshot named "${name}"`);
    this.name = 'SnapshotNotFoundError';
  }
}

/** There is no data disk yet (the VM was never started, or was reset and not started since). */
export class NoDataDiskError extends Error {
  constructor(path: string) {
    super(`The VM has no data disk yet (${path}): start the machine once to create it`);
    this.name = 'NoDataDiskError';
  }
}

/** The disk's snapshots, newest first; readable while QEMU holds the disk. Empty when there is no disk. */
export async function listDiskSnapshots(path: string, options: QemuImgOptions = {}): Promise<DiskSnapshot[]> {
  if (!(await exists(path))) return [];
  return parseSnapshotList(await runQemuImg(['info', '--output=json', '-U', path], options));
}

/** Takes a snapshot of the disk as it is now; the disk must not be in use. Resolves with it. */
export async function createDiskSnapshot(
  path: string,
  reason: DiskSnapshotReason,
  options: QemuImgOptions & { at?: Date; vmImage?: string } = {},
): Promise<DiskSnapshot> {
  await requireDisk(path);
  const name = snapshotName(reason, options.at ?? new Date(), options.vmImage);
  await withInUseMessage(path, runQemuImg(['snapshot', '-c', name, path], options));
  const made = (await listDiskSnapshots(path, options)).find((snapshot) => snapshot.name === name);
  if (!made) throw new Error(`qemu-img made no snapshot "${name}" in ${path}`);
  return made;
}

/** Puts the disk back to `name` (everything written since is lost); the disk must not be in use. */
export async function applyDiskSnapshot(path: string, name: string, options: QemuImgOptions = {}): Promise<void> {
  await requireDiskSnapshot(path, name, options);
  await withInUseMessage(path, runQemuImg(['snapshot', '-a', name, path], options));
}

/** Deletes the snapshot `name` (the disk as it is now stays); the disk must not be in use. */
export async function deleteDiskSnapshot(path: string, name: string, options: QemuImgOptions = {}): Promise<void> {
  await requireDiskSnapshot(path, name, options);
  await withInUseMessage(path, runQemuImg(['snapshot', '-d', name, path], options));
}

/** Deletes the oldest automatic snapshots beyond `keep`; resolves with the names deleted. */
export async function pruneAutomaticSnapshots(
  path: string,
  keep: number,
  options: QemuImgOptions = {},
): Promise<string[]> {
  const automatic = (await listDiskSnapshots(path, options)).filter((s) => s.reason === 'before-vm-image');
  const old = automatic.slice(keep).map((snapshot) => snapshot.name);
  for (const name of old) await withInUseMessage(path, runQemuImg(['snapshot', '-d', name, path], options));
  return old;
}

/** Throws NoDataDiskError or SnapshotNotFoundError unless the disk has a snapshot `name`. */
export async function requireDiskSnapshot(path: string, name: string, options: QemuImgOptions = {}): Promise<void> {
  await requireDisk(path);
  const snapshots = await listDiskSnapshots(path, options);
  if (!snapshots.some((snapshot) => snapshot.name === name)) throw new SnapshotNotFoundError(name);
}

async function requireDisk(path: string): Promise<void> {
  if (!(await exists(path))) throw new NoDataDiskError(path);
}
