// QEMU itself accepts the argv buildQemuCommand makes: started paused (-S) with stand-in kernel and real disks, inspected over QMP.
import type { ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { chooseAccelerator, probeHostFacts, type Accelerator } from '../../src-main/machine/accelerator';
import { ensureDataDisk } from '../../src-main/machine/data-disk';
import { formatGuestConfig } from '../../src-main/machine/guest-config';
import { ensureMachineKeys } from '../../src-main/machine/machine-keys';
import { buildQemuCommand, type QemuConfig } from '../../src-main/machine/qemu-args';
import { runQemuImg } from '../../src-main/machine/qemu-img';
import { qemuTargetFor } from '../../src-main/machine/qemu-target';
import { QmpClient } from '../../src-main/machine/qmp-client';
import { createRootOverlay } from '../../src-main/machine/root-overlay';
import { newRelaySecret } from '../../src-main/tunnel/engine-relay';
import { ensureDebianPackages } from '../support/packages';
import { freePort } from '../support/ports';
import { hasExited, logFileOf, spawnTracked, stopProcess, tailFile, waitForExit } from '../support/processes';
import {
  ensureQemu,
  makeTempFolder,
  qemuOutput,
  spawnQemu,
  stopQemu,
  writeStandInKernel,
  type TempFolder,
} from '../support/qemu';

let binaries: Record<string, string>;
let kvmUsable = false;
const cleanups: Array<() => Promise<void> | void> = [];

beforeAll(async () => {
  binaries = {
    ...(await ensureQemu()),
    ...(await ensureDebianPackages({
      'qemu-system-aarch64': 'qemu-system-arm',
      '/usr/lib/qemu/virtiofsd': 'qemu-system-common',
    })),
  };
  kvmUsable = chooseAccelerator(await probeHostFacts()).accel === 'kvm';
});

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Everything a boot needs, made for real in a temp folder: keys, guest config, overlay on a base, data disk. */
async function prepare(overrides: Partial<QemuConfig>): Promise<{ config: QemuConfig; folder: TempFolder }> {
  const folder = makeTempFolder('berth-qargs-');
  cleanups.push(() => folder.remove());
  const dir = folder.path;
  const options = { qemuImgPath: binaries['qemu-img'] };
  writeStandInKernel(join(dir, 'vmlinuz'));
  writeFileSync(join(dir, 'initrd.img'), Buffer.alloc(512));
  await runQemuImg(['create', '-q', '-f', 'qcow2', join(dir, 'base.qcow2'), '1G'], options);
  await createRootOverlay(join(dir, 'base.qcow2'), join(dir, 'root.qcow2'), options);
  await ensureDataDisk(join(dir, 'data.qcow2'), 2, options);
  const keys = await ensureMachineKeys(join(dir, 'keys'));
  writeFileSync(join(dir, 'guest.conf'), formatGuestConfig({ hostname: 'berth', shares: ['/home/alice'] }));
  writeFileSync(join(dir, 'engine.secret'), newRelaySecret(), { mode: 0o600 });
  writeFileSync(join(dir, 'daemon.json'), '{"labels": ["berth-test=1"]}\n', { mode: 0o600 });
  const sshPort = await freePort();
  let relayPort = await freePort();
  while (relayPort === sshPort) relayPort = await freePort();
  const config: QemuConfig = {
    target: qemuTargetFor('x64'),
    accel: 'tcg',
    cpus: 2,
    memoryMiB: 512,
    kernelPath: join(dir, 'vmlinuz'),
    initrdPath: join(dir, 'initrd.img'),
    rootOverlayPath: join(dir, 'root.qcow2'),
    dataDiskPath: join(dir, 'data.qcow2'),
    sshPort,
    relayPort,
    guestFiles: {
      authorizedKeysPath: keys.userPublicKeyPath,
      hostKeyPath: keys.hostPrivateKeyPath,
      configPath: join(dir, 'guest.conf'),
      engineSecretPath: join(dir, 'engine.secret'),
      daemonJsonPath: join(dir, 'daemon.json'),
    },
    qmpSocketPath: join(dir, 'qmp.sock'),
    consoleLogPath: join(dir, 'console.log'),
    engineLogPath: join(dir, 'engine.log'),
    pidFilePath: join(dir, 'qemu.pid'),
    ...overrides,
  };
  return { config, folder };
}

/** Starts QEMU paused with the built argv, connects over QMP, and checks what every built VM must have. */
async function startPaused(config: QemuConfig): Promise<{ child: ChildProcess; client: QmpClient; devices: string[] }> {
  const { binary, args } = buildQemuCommand(config);
  const child = spawnQemu(binaries[binary] as string, [...args, '-S']);
  cleanups.push(() => stopQemu(child));
  const controller = new AbortController();
  child.once('exit', () => controller.abort(new Error(`QEMU exited at start:\n${qemuOutput(child)}`)));
  const client = await QmpClient.connect(config.qmpSocketPath, { timeoutMs: 30_000, signal: controller.signal });
  cleanups.push(() => client.close());

  expect(await client.execute('query-status')).toMatchObject({ status: 'prelaunch', running: false });
  expect(Number(readFileSync(config.pidFilePath, 'utf8').trim())).toBe(child.pid);

  // The -device list, in order (vda before vdb): QOM names them device[0], device[1]... as they come,
  // but lists them in no particular order.
  const devices = (await client.execute<Array<{ name: string; type: string }>>('qom-list', { path: PERIPHERALS }))
    .map((child) => ({
      index: Number(/^device\[(\d+)\]$/.exec(child.name)?.[1]),
      type: /^child<(.+)>$/.exec(child.type)?.[1],
    }))
    .filter((child): child is { index: number; type: string } => child.type !== undefined)
    .sort((a, b) => a.index - b.index)
    .map((child) => child.type);
  expect(devices.filter((type) => !['vhost-user-fs-pci', 'virtio-9p-pci'].includes(type))).toEqual([
    'virtio-blk-pci',
    'virtio-blk-pci',
    'virtio-net-pci',
    'virtio-rng-pci',
    'virtio-balloon-pci',
    // On the named virtio-serial-pci ("ports"): the engine-log port.
    'virtserialport',
  ]);

  const block =
    await client.execute<Array<{ device: string; inserted?: { file: string; detect_zeroes: string } }>>('query-block');
  const drives = Object.fromEntries(block.map((b) => [b.device, b.inserted]));
  expect(drives.root).toMatchObject({ file: config.rootOverlayPath, detect_zeroes: 'off' });
  expect(drives.data).toMatchObject({ file: config.dataDiskPath, detect_zeroes: 'unmap' });

  const usernet = await client.execute<string>('human-monitor-command', { 'command-line': 'info usernet' });
  expect(usernet).toMatch(
    new RegExp(`TCP\\[HOST_FORWARD\\]\\s+\\d+\\s+127\\.0\\.0\\.1\\s+${config.sshPort}\\s+10\\.0\\.2\\.15\\s+22\\s`),
  );
  expect(usernet).toMatch(
    new RegExp(
      `TCP\\[HOST_FORWARD\\]\\s+\\d+\\s+127\\.0\\.0\\.1\\s+${config.relayPort}\\s+10\\.0\\.2\\.15\\s+62375\\s`,
    ),
  );

  const balloon = await findDevice(client, 'virtio-balloon-pci');
  expect(await client.execute('qom-get', { path: `${balloon}/virtio-backend`, property: 'free-page-reporting' })).toBe(
    true,
  );
  return { child, client, devices };
}

/** Where QOM lists the devices given by -device without an id. */
const PERIPHERALS = '/machine/peripheral-anon';

/** QOM path of the one device of `type` among those given by -device. */
async function findDevice(client: QmpClient, type: string): Promise<string> {
  const children = await client.execute<Array<{ name: string; type: string }>>('qom-list', { path: PERIPHERALS });
  const match = children.find((child) => child.type === `child<${type}>`);
  if (!match) throw new Error(`no ${type} among ${children.map((c) => c.type).join(', ')}`);
  return `${PERIPHERALS}/${match.name}`;
}

async function quit(child: ChildProcess, client: QmpClient): Promise<void> {
  await client.execute('quit');
  expect(await waitForExit(child, 10_000)).toBe(true);
  expect(child.exitCode).toBe(0);
  // QEMU printed no warning about any option.
  expect(tailFile(logFileOf(child)).split('\n').slice(1).join('\n')).toBe('');
}

describe('QEMU accepts the built command line', () => {
  it('x86_64 under tcg', async () => {
    const { config } = await prepare({ accel: 'tcg' });
    const { child, client } = await startPaused(config);
    expect(await client.execute('query-cpu-definitions').then(() => true)).toBe(true);
    await quit(child, client);
  });

  it('x86_64 under kvm, when this host has working KVM', async (context) => {
    if (!kvmUsable) context.skip();
    const { config } = await prepare({ accel: 'kvm' });
    const { child, client } = await startPaused(config);
    expect(await client.execute('query-kvm')).toEqual({ enabled: true, present: true });
    await quit(child, client);
  });

  it('x86_64 with the virtiofs home share, against a real virtiofsd', async () => {
    const { config, folder } = await prepare({ accel: 'tcg' });
    const socket = join(folder.path, 'home.sock');
    const virtiofsd = spawnTracked(binaries['/usr/lib/qemu/virtiofsd'] as string, [
      `--socket-path=${socket}`,
      '-o',
      `source=${folder.path}`,
      '-o',
      'sandbox=chroot',
    ]);
    cleanups.push(() => stopProcess(virtiofsd, { timeoutMs: 5_000 }));
    const { child, client, devices } = await startPaused({
      ...config,
      shares: [{ kind: 'virtiofs', socketPath: socket }],
    });
    expect(devices.filter((type) => type === 'vhost-user-fs-pci')).toHaveLength(1);
    const fs = await findDevice(client, 'vhost-user-fs-pci');
    expect(await client.execute('qom-get', { path: `${fs}/virtio-backend`, property: 'tag' })).toBe('share0');
    const memdevs = await client.execute<Array<{ id: string; share: boolean; size: number }>>('query-memdev');
    expect(memdevs).toEqual([expect.objectContaining({ id: 'mem', share: true, size: 512 * 1024 * 1024 })]);
    await quit(child, client);
    expect(hasExited(virtiofsd) || (await waitForExit(virtiofsd, 5_000))).toBe(true);
  });

  it('x86_64 with three 9p shares served by QEMU itself, one with a comma and a space in its path', async () => {
    const { config, folder } = await prepare({ accel: 'tcg' });
    const odd = join(folder.path, 'my, folder');
    mkdirSync(odd);
    const folders = [folder.path, odd, join(folder.path, 'keys')];
    const { child, client, devices } = await startPaused({
      ...config,
      shares: folders.map((path) => ({ kind: '9p', folder: path })),
    });
    expect(devices.filter((type) => type === 'virtio-9p-pci')).toHaveLength(3);
    const children = await client.execute<Array<{ name: string; type: string }>>('qom-list', { path: PERIPHERALS });
    const tags: string[] = [];
    for (const { name } of children.filter((c) => c.type === 'child<virtio-9p-pci>')) {
      tags.push(
        await client.execute('qom-get', { path: `${PERIPHERALS}/${name}/virtio-backend`, property: 'mount_tag' }),
      );
    }
    expect(tags.sort()).toEqual(['share0', 'share1', 'share2']);
    const fsdevs = await client.execute<string>('human-monitor-command', { 'command-line': 'info qtree' });
    expect(fsdevs).toContain('fsdev = "share1"');
    await quit(child, client);
  });

  it('aarch64 (virt) under tcg, as on arm64 hosts without a hypervisor', async () => {
    const { config } = await prepare({ target: qemuTargetFor('arm64'), accel: 'tcg' as Accelerator });
    const { child, client } = await startPaused(config);
    const cpus =
      await client.execute<Array<{ 'qom-path': string; props?: unknown; target: string }>>('query-cpus-fast');
    expect(cpus).toHaveLength(2);
    expect(cpus[0]?.target).toBe('aarch64');
    await quit(child, client);
  });
});
