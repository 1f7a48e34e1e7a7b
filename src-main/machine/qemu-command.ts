// The QEMU command line of one boot of Berth's VM: this computer's accelerator, the boot's resources, disks, ports and guest files.
import { join } from 'node:path';
import { chooseAccelerator, probeHostFacts } from './accelerator';
import type { MachineKeys } from './machine-keys';
import { buildQemuCommand, type QemuCommand } from './qemu-args';
import type { QemuBootSettings, QemuMachineOptions } from './qemu-machine-options';
import { qemuTargetFor } from './qemu-target';
import type { SharedFolderDevice } from './home-share';
import type { VmAssets } from './vm-assets';

export interface BootPlumbing {
  sshPort: number;
  relayPort: number;
  keys: MachineKeys;
  shares: SharedFolderDevice[];
  daemonJsonPath: string | undefined;
  registryCertsPath: string | undefined;
}

/** The command that boots `assets` with `settings` and `plumbing`, its files in the machine's home. */
export async function qemuCommandForBoot(
  options: Pick<QemuMachineOptions, 'home' | 'debug' | 'extraHostForwards'>,
  assets: VmAssets,
  settings: QemuBootSettings,
  { sshPort, relayPort, keys, shares, daemonJsonPath, registryCertsPath }: BootPlumbing,
): Promise<QemuCommand> {
  const { home } = options;
  const { accel } = chooseAccelerator(await probeHostFacts());
  return buildQemuCommand({
    target: qemuTargetFor(process.arch),
    accel,
    cpus: settings.resources.cpus,
    memoryMiB: settings.resources.memoryMiB,
    kernelPath: assets.kernelPath,
    initrdPath: assets.initrdPath,
    debug: options.debug ?? false,
    rootOverlayPath: join(home.runDir, 'root.qcow2'),
    dataDiskPath: home.dataDisk,
    sshPort,
    relayPort,
    extraForwards: options.extraHostForwards ?? [],
    guestFiles: {
      authorizedKeysPath: keys.userPublicKeyPath,
      hostKeyPath: keys.hostPrivateKeyPath,
      configPath: join(home.runDir, 'guest.conf'),
      engineSecretPath: join(home.runDir, 'engine.secret'),
      daemonJsonPath,
      registryCertsPath,
    },
    qmpSocketPath: join(home.runDir, 'qmp.sock'),
    consoleLogPath: home.consoleLog,
    engineLogPath: home.engineLog,
    pidFilePath: join(home.runDir, 'qemu.pid'),
    shares,
  });
}
