// electron-builder beforePack hook: names the VM folder for the arch being packed and refuses a pack without it.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Arch } from 'electron-builder';

/** electron-builder's arch → Debian's, the name of Berth's VM folders (vm-assets/dist/<name>). */
const DEBIAN_ARCH = { x64: 'amd64', arm64: 'arm64' };

/** Set to 1 for a test or development pack that may lack the VM (the app then offers only a host engine). */
export const WITHOUT_VM_ENV = 'BERTH_PACK_WITHOUT_VM';

/**
 * Sets BERTH_VM_ARCH, which `extraResources` expands. electron-builder packs one arch at a time
 * (unless `concurrency` is set, which this config does not), so one variable is enough. Throws when
 * vm-assets/dist/<arch> is missing, unless BERTH_PACK_WITHOUT_VM=1: a release always carries its VM.
 * @param {{ arch: import('electron-builder').Arch, packager: { projectDir: string } }} context electron-builder's BeforePackContext
 */
export default function beforePack(context) {
  const arch = Arch[context.arch];
  const debianArch = DEBIAN_ARCH[arch];
  if (!debianArch) throw new Error(`Berth's VM is built for x64 (amd64) and arm64 only, not ${arch}`);
  const vmFolder = join(context.packager.projectDir, 'vm-assets/dist', debianArch);
  if (!existsSync(vmFolder) && process.env[WITHOUT_VM_ENV] !== '1') {
    throw new Error(
      `No VM for ${arch} at ${vmFolder}: run \`npm run vm:build\` first (set ${WITHOUT_VM_ENV}=1 to pack without the VM, for tests and development only)`,
    );
  }
  process.env.BERTH_VM_ARCH = debianArch;
}
