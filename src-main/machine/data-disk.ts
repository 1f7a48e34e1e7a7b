// The user's data disk (a qcow2 holding /var/lib/docker): created when missing, grown with the setting, never shrunk, wiped on reset.
import { access, unlink } from 'node:fs/promises';
import { QemuImgError, qemuImageInfo, runQemuImg, type QemuImgOptions } from './qemu-img';

const GIB = 1024 ** 3;

export interface DataDiskSize {
  /** Size the guest sees, in bytes. */
  virtualSizeBytes: number;
  /** Space the file takes on the host, in bytes (shrinks when the guest trims freed blocks). */
  allocatedBytes: number;
}

export interface EnsuredDataDisk extends DataDiskSize {
  /** The disk was missing and has just been made (empty: the guest formats it). */
  created: boolean;
  /** The disk was smaller than asked and has been grown (the guest grows its filesystem at boot). */
  grown: boolean;
}

/** The disk setting is smaller than the disk: shrinking would lose data, so Berth refuses. */
export class DataDiskShrinkError extends Error {
  readonly currentGiB: number;
  readonly requestedGiB: number;

  constructor(path: string, currentGiB: number, requestedGiB: number) {
    super(
      `The data disk is ${currentGiB} GiB and cannot shrink to ${requestedGiB} GiB without losing images, containers ` +
        `and volumes: keep ${currentGiB} GiB or more, or reset the machine (which deletes them) to start with a smaller disk (${path})`,
    );
    this.name = 'DataDiskShrinkError';
    this.currentGiB = currentGiB;
    this.requestedGiB = requestedGiB;
  }
}

/**
 * Makes the data disk at `path` match `sizeGiB`: creates it when missing, grows it when smaller,
 * leaves it when equal, and throws DataDiskShrinkError when it is larger. Growing needs the
 * machine stopped: a disk QEMU holds is reported as in use.
 */
export async function ensureDataDisk(
  path: string,
  sizeGiB: number,
  options: QemuImgOptions = {},
): Promise<EnsuredDataDisk> {
  checkSize(sizeGiB);
  if (!(await exists(path))) {
    await create(path, sizeGiB, options);
    return { ...(await measure(path, options)), created: true, grown: false };
  }
  const before = await inspect(path, options);
  const wanted = sizeGiB * GIB;
  if (before.virtualSizeBytes > wanted) {
    throw new DataDiskShrinkError(path, roundGiB(before.virtualSizeBytes), sizeGiB);
  }
  if (before.virtualSizeBytes === wanted) return { ...before, created: false, grown: false };
  await withInUseMessage(path, runQemuImg(['resize', '-f', 'qcow2', path, `${sizeGiB}G`], options));
  return { ...(await measure(path, options)), created: false, grown: true };
}

/** The disk's sizes, also while the VM runs; undefined when there is no disk yet. */
export async function dataDiskSize(path: string, options: QemuImgOptions = {}): Promise<DataDiskSize | undefined> {
  if (!(await exists(path))) return undefined;
  return measure(path, options);
}

/**
 * Deletes the disk and makes a new, empty one of `sizeGiB` (for reset: every image, container
 * and volume goes). Refuses, touching nothing, while QEMU holds the disk.
 */
export async function wipeDataDisk(path: string, sizeGiB: number, options: QemuImgOptions = {}): Promise<void> {
  checkSize(sizeGiB);
  if (await exists(path)) {
    // Opening without -U fails while a QEMU holds the disk: deleting it then would go unseen by the VM.
    // Any other failure (a damaged file) is what a reset is for, so it does not stop the wipe.
    await withInUseMessage(path, qemuImageInfo(path, options)).catch((error: unknown) => {
      if (error instanceof QemuImgError && error.inUse) throw error;
    });
    await unlink(path);
  }
  await create(path, sizeGiB, options);
}

async function create(path: string, sizeGiB: number, options: QemuImgOptions): Promise<void> {
  await runQemuImg(['create', '-q', '-f', 'qcow2', path, `${sizeGiB}G`], options);
}

async function measure(path: string, options: QemuImgOptions): Promise<DataDiskSize> {
  const { virtualSizeBytes, allocatedBytes } = await qemuImageInfo(path, { ...options, shared: true });
  return { virtualSizeBytes, allocatedBytes };
}

/** Reads the disk's sizes without sharing its lock, so a disk in use is reported, and checks it is qcow2. */
async function inspect(path: string, options: QemuImgOptions): Promise<DataDiskSize> {
  const info = await withInUseMessage(path, qemuImageInfo(path, options));
  if (info.format !== 'qcow2') throw new Error(`The data disk ${path} is ${info.format}, not qcow2`);
  return { virtualSizeBytes: info.virtualSizeBytes, allocatedBytes: info.allocatedBytes };
}

/** Runs `work`, turning qemu-img's lock failure into a sentence that says the VM holds the disk. */
export async function withInUseMessage<T>(path: string, work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof QemuImgError && error.inUse) {
      throw new QemuImgError(`The data disk ${path} is in use by a running VM; stop the machine first`, true);
    }
    throw error;
  }
}

function checkSize(sizeGiB: number): void {
  if (!Number.isInteger(sizeGiB) || sizeGiB < 1) {
    throw new RangeError(`The data disk size must be a whole number of GiB, at least 1, got ${sizeGiB}`);
  }
}

function roundGiB(bytes: number): number {
  return Math.round((bytes / GIB) * 100) / 100;
}

/** True when a file is at `path`. */
export async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}
