// The automatic snapshot before a new VM image first boots on the data disk, and the pruning of old automatic ones.
import { readFile, writeFile } from 'node:fs/promises';
import type { DiskSnapshot } from '../../contract/dto/machine';
import { exists } from '../data-disk';
import type { QemuImgOptions } from '../qemu-img';
import type { VmAssets } from '../vm-assets';
import { createDiskSnapshot, pruneAutomaticSnapshots } from './disk-snapshots';

/** How many automatic snapshots a data disk keeps; the oldest beyond this are deleted. */
export const KEEP_AUTOMATIC_SNAPSHOTS = 3;

export interface NewImageSnapshot {
  /** The snapshot taken, when the image is new to this disk. */
  taken?: DiskSnapshot;
  /** Automatic snapshots deleted to keep KEEP_AUTOMATIC_SNAPSHOTS. */
  pruned: string[];
}

/**
 * Call before booting `assets` on the (stopped) disk at `diskPath`: when the disk exists and last
 * booted another image (or an unknown one: a disk from before Berth recorded it), takes a
 * `before-vm-image` snapshot and prunes the oldest automatic ones. `stampPath` records the image
 * the disk boots; it is written only once the snapshot is taken, so a failed snapshot is retried.
 */
export async function snapshotBeforeNewImage(
  diskPath: string,
  stampPath: string,
  assets: Pick<VmAssets, 'recipeHash' | 'label'>,
  options: QemuImgOptions & { onSnapshot?: () => void } = {},
): Promise<NewImageSnapshot> {
  const result: NewImageSnapshot = { pruned: [] };
  if (await exists(diskPath)) {
    const last = await readFile(stampPath, 'utf8').then(
      (text) => text.trim(),
      () => undefined,
    );
    if (last !== assets.recipeHash) {
      options.onSnapshot?.();
      result.taken = await createDiskSnapshot(diskPath, 'before-vm-image', { ...options, vmImage: assets.label });
      result.pruned = await pruneAutomaticSnapshots(diskPath, KEEP_AUTOMATIC_SNAPSHOTS, options);
    }
  }
  await writeFile(stampPath, `${assets.recipeHash}\n`, { mode: 0o600 });
  return result;
}
