// electron-builder beforePack hook: names the VM folder for the arch being packed (see electron-builder.yml).
import { Arch } from 'electron-builder';

/** electron-builder's arch → Debian's, the name of Berth's VM folders (vm-assets/dist/<name>). */
const DEBIAN_ARCH = { x64: 'amd64', arm64: 'arm64' };

/**
 * Sets BERTH_VM_ARCH, which `extraResources` expands. electron-builder packs one arch at a time
 * (unless `concurrency` is set, which this config does not), so one variable is enough.
 * @param {{ arch: import('electron-builder').Arch }} context electron-builder's BeforePackContext
 */
export default function beforePack(context) {
  const arch = Arch[context.arch];
  const debianArch = DEBIAN_ARCH[arch];
  if (!debianArch) throw new Error(`Berth's VM is built for x64 (amd64) and arm64 only, not ${arch}`);
  process.env.BERTH_VM_ARCH = debianArch;
}
