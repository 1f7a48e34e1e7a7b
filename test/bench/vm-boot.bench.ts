// Benchmark: Berth's VM from start() to SSH and to a ready engine, beside a bare boot of the same kernel, initrd and
// root disk straight to a shell (init=/usr/lib/berth/bare-boot), all in one run. Run: npm run bench:vm-boot
import { spawn } from 'node:child_process';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { chooseAccelerator, probeHostFacts } from '../../src-main/machine/accelerator';
import { ensureDataDisk } from '../../src-main/machine/data-disk';
import { machineHome } from '../../src-main/machine/machine-home';
import { ensureMachineKeys } from '../../src-main/machine/machine-keys';
import { buildQemuCommand } from '../../src-main/machine/qemu-args';
import { QemuMachine } from '../../src-main/machine/qemu-machine';
import { qemuTargetFor } from '../../src-main/machine/qemu-target';
import { createRootOverlay } from '../../src-main/machine/root-overlay';
import { readVmAssets } from '../../src-main/machine/vm-assets';
import { newRelaySecret } from '../../src-main/tunnel/engine-relay';
import { makeOwnedTempDir } from '../support/temp-dirs';
import { median, printTable } from './support/table';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const RESOURCES = { cpus: 2, memoryMiB: 1536, diskGiB: 16 };
const assetsDir = resolve(process.env.BERTH_VM_ASSETS ?? 'vm-assets/dist/amd64');
const assets = await readVmAssets(assetsDir);
const root = makeOwnedTempDir('berth-bench-vm-');
const home = machineHome(root);

/** Wall time from QEMU's start to the bare shell's marker on the console, in ms. */
async function bareBoot(): Promise<number> {
  const run = join(root, 'bare');
  await rm(run, { recursive: true, force: true });
  const keys = await ensureMachineKeys(join(run, 'keys'));
  await ensureDataDisk(join(run, 'data.qcow2'), RESOURCES.diskGiB);
  await createRootOverlay(assets.basePath, join(run, 'root.qcow2'));
  const config = join(run, 'guest.conf');
  await writeFile(config, 'HOSTNAME=bare\n');
  await writeFile(join(run, 'engine.secret'), newRelaySecret(), { mode: 0o600 });
  const { accel } = chooseAccelerator(await probeHostFacts());
  const command = buildQemuCommand({
    target: qemuTargetFor(process.arch),
    accel,
    ...RESOURCES,
    kernelPath: assets.kernelPath,
    initrdPath: assets.initrdPath,
    rootOverlayPath: join(run, 'root.qcow2'),
    dataDiskPath: join(run, 'data.qcow2'),
    sshPort: 1,
    relayPort: 2,
    guestFiles: {
      authorizedKeysPath: keys.userPublicKeyPath,
      hostKeyPath: keys.hostPrivateKeyPath,
      configPath: config,
      engineSecretPath: join(run, 'engine.secret'),
    },
    qmpSocketPath: join(run, 'qmp.sock'),
    consoleLogPath: join(run, 'console.log'),
    engineLogPath: join(run, 'engine.log'),
    pidFilePath: join(run, 'qemu.pid'),
  });
  const args = command.args.map((arg) => arg.replace('init=/sbin/berth-init', 'init=/usr/lib/berth/bare-boot'));
  const started = performance.now();
  const qemu = spawn(command.binary, args, { stdio: 'ignore' });
  await new Promise((done) => qemu.once('exit', done));
  const elapsed = performance.now() - started;
  const output = await readFile(join(run, 'console.log'), 'utf8');
  if (!output.includes('berth-bare: shell ready')) throw new Error(`the bare boot printed no marker:\n${output}`);
  return elapsed;
}

/** start() to SSH logged in and to the engine ready (helper image loaded), in ms; then a graceful stop. */
async function berthBoot(machine: QemuMachine): Promise<{ ssh: number; engine: number }> {
  let ssh = 0;
  const started = performance.now();
  const unsubscribe = machine.onStatus(({ progress }) => {
    if (progress === 'Forwarding the engine socket') ssh = performance.now() - started;
  });
  await machine.start();
  const engine = performance.now() - started;
  unsubscribe();
  await machine.stop();
  return { ssh, engine };
}

const machine = new QemuMachine({ home, assetsDir, resources: RESOURCES, dockerConfigDir: join(root, 'docker') });
try {
  const bare: number[] = [];
  const boots: Array<{ ssh: number; engine: number }> = [];
  // The data disk's first boot formats it and loads the helper image: measured apart from the rest.
  const first = await berthBoot(machine);
  for (let round = 0; round < ROUNDS; round++) {
    bare.push(await bareBoot());
    boots.push(await berthBoot(machine));
  }
  const baseline = median(bare) / 1000;
  printTable(`Berth's VM boot (${ROUNDS} rounds, median; ${chooseAccelerator(await probeHostFacts()).accel})`, [
    { case: 'start() → SSH login', berth: median(boots.map((b) => b.ssh)) / 1000, baseline, unit: 's', maxRatio: 1.3 },
    {
      case: 'start() → engine ready',
      berth: median(boots.map((b) => b.engine)) / 1000,
      baseline,
      unit: 's',
      maxRatio: 1.3,
    },
    { case: 'first boot (new data disk) → engine', berth: first.engine / 1000, baseline, unit: 's', maxRatio: 1.3 },
  ]);
  console.log('baseline: the same kernel, initrd and disks booted to a shell that prints a marker and powers off');
} finally {
  await machine.stop().catch(() => undefined);
  await machine.dispose();
  await rm(root, { recursive: true, force: true });
}
