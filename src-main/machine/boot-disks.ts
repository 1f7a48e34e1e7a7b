// What a boot of Berth's VM needs on disk first: its folders, keys, a snapshot before a new VM image, the data disk and the root overlay.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { ensureDataDisk } from './data-disk';
import type { MachineHome } from './machine-home';
import { ensureMachineKeys, type MachineKeys } from './machine-keys';
import type { QemuBootSettings } from './qemu-machine-options';
import { createRootOverlay } from './root-overlay';
import { snapshotBeforeNewImage } from './snapshots/new-image-snapshot';
import type { VmAssets } from './vm-assets';

export interface BootDiskEvents {
  /** A snapshot of the data disk is being taken (a new VM image boots it). */
  onSnapshot: () => void;
  onWarning?: (message: string) => void;
}

/** Keys, the data disk (made, or grown to the settings' size) and the root overlay; answers the keys. */
export async function prepareBootDisks(
  home: MachineHome,
  assets: VmAssets,
  settings: QemuBootSettings,
  events: BootDiskEvents,
): Promise<MachineKeys> {
  await mkdir(home.runDir, { recursive: true, mode: 0o700 });
  await mkdir(join(home.dataDisk, '..'), { recursive: true, mode: 0o700 });
  await mkdir(join(home.consoleLog, '..'), { recursive: true, mode: 0o700 });
  const keys = await ensureMachineKeys(home.keysDir);
  const { taken, pruned } = await snapshotBeforeNewImage(home.dataDisk, home.dataDiskImage, assets, {
    onSnapshot: events.onSnapshot,
  });
  if (taken) events.onWarning?.(`A new VM image boots this data disk: took the snapshot "${taken.name}" first`);
  for (const name of pruned) events.onWarning?.(`Deleted the oldest automatic snapshot "${name}"`);
  await ensureDataDisk(home.dataDisk, settings.resources.diskGiB);
  await createRootOverlay(assets.basePath, join(home.runDir, 'root.qcow2'));
  return keys;
}
