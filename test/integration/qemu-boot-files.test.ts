// What a boot of Berth's VM prepares before QEMU starts, with the real qemu-img and no QEMU: the keys, the data disk
// and root overlay, the fw_cfg files (daemon.json with the insecure registries, registry_certs, guest.conf, the
// relay's secret), two free ports, the progress and warnings; an aborted start stops before the folders are shared.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { machineHome } from '../../src-main/machine/machine-home';
import { prepareBootFiles, type BootFileEvents } from '../../src-main/machine/qemu-boot-files';
import type { QemuBootSettings } from '../../src-main/machine/qemu-machine-options';
import { useQemuDisks } from '../support/qemu-disks';

const PEM = '-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIU\nAbCd+/==\n-----END CERTIFICATE-----\n';
const disks = useQemuDisks();

beforeAll(() => {
  // The code under test runs "qemu-img" from PATH, as the app does.
  process.env.PATH = `${join(disks.qemuImgPath, '..')}:${process.env.PATH}`;
});

/** A VM build in `folder` as readVmAssets reads it: a manifest, a kernel and initrd that are never run, a base disk. */
function fakeVmAssets(folder: string): string {
  writeFileSync(join(folder, 'vmlinuz'), 'kernel');
  writeFileSync(join(folder, 'initrd.img'), 'initrd');
  execFileSync(disks.qemuImgPath, ['create', '-q', '-f', 'qcow2', join(folder, 'base.qcow2'), '64M']);
  const file = (name: string) => ({ file: name, sha256: '0'.repeat(64) });
  const manifest = {
    arch: 'x86_64',
    recipeHash: 'a'.repeat(64),
    kernel: { ...file('vmlinuz'), version: '6.1.0' },
    initrd: file('initrd.img'),
    base: file('base.qcow2'),
  };
  writeFileSync(join(folder, 'manifest.json'), JSON.stringify(manifest));
  return folder;
}

/** The events of one preparation, recorded. */
function recorder() {
  const steps: string[] = [];
  const warnings: string[] = [];
  const virtiofsdCounts: number[] = [];
  const events: BootFileEvents = {
    onStep: (step) => steps.push(step),
    onVirtiofsds: (virtiofsds) => virtiofsdCounts.push(virtiofsds.length),
    onWarning: (message) => warnings.push(message),
  };
  return { steps, warnings, virtiofsdCounts, events };
}

describe('prepareBootFiles', () => {
  it("makes the disks, keys and guest files a boot needs, and the relay's secret, private to this user", async () => {
    const root = disks.folder('berth-boot-files-').path;
    const home = machineHome(join(root, 'home'));
    const assetsDir = fakeVmAssets(disks.folder('berth-boot-assets-').path);
    const settings: QemuBootSettings = {
      resources: { cpus: 1, memoryMiB: 512, diskGiB: 1 },
      daemonJson: '{"debug": true}',
      registryTrust: [
        { server: '10.0.2.2:5000', caCertificate: PEM, insecure: false },
        { server: 'plain.example', insecure: true },
      ],
      sharedFolders: [join(root, 'not-there')],
    };
    const { steps, warnings, virtiofsdCounts, events } = recorder();

    const files = await prepareBootFiles({ home, assetsDir }, settings, events, new AbortController().signal);

    expect(steps).toEqual(['Preparing the disks']);
    expect(warnings).toEqual([expect.stringMatching(/not-there is not shared with the VM: /)]);
    expect(virtiofsdCounts).toEqual([0]);
    expect(files.assets.basePath).toBe(join(assetsDir, 'base.qcow2'));
    const { plumbing } = files;
    expect(plumbing.shares).toEqual([]);
    expect(plumbing.sshPort).toBeGreaterThan(0);
    expect(plumbing.relayPort).toBeGreaterThan(0);
    expect(plumbing.sshPort).not.toBe(plumbing.relayPort);
    expect(JSON.parse(readFileSync(plumbing.daemonJsonPath!, 'utf8'))).toMatchObject({
      debug: true,
      'insecure-registries': ['plain.example'],
    });
    expect(readFileSync(plumbing.registryCertsPath!, 'utf8')).toContain('MIIBszCCAVmgAwIBAgIU');
    expect(readFileSync(join(home.runDir, 'guest.conf'), 'utf8')).toBe('HOSTNAME=berth\n');
    const secretFile = join(home.runDir, 'engine.secret');
    expect(readFileSync(secretFile)).toEqual(files.relaySecret);
    for (const path of [plumbing.daemonJsonPath!, plumbing.registryCertsPath!, secretFile]) {
      expect(statSync(path).mode & 0o777).toBe(0o600);
    }
    expect(existsSync(plumbing.keys.userPublicKeyPath)).toBe(true);
    expect(existsSync(plumbing.keys.hostPrivateKeyPath)).toBe(true);
    const overlay = JSON.parse(
      execFileSync(disks.qemuImgPath, ['info', '--output=json', join(home.runDir, 'root.qcow2')], { encoding: 'utf8' }),
    ) as { 'backing-filename'?: string };
    expect(overlay['backing-filename']).toBe(files.assets.basePath);
    expect(existsSync(home.dataDisk)).toBe(true);
  });

  it('stops before sharing folders when the start is aborted, leaving the last boot secret as it was', async () => {
    const root = disks.folder('berth-boot-abort-').path;
    const home = machineHome(join(root, 'home'));
    const assetsDir = fakeVmAssets(disks.folder('berth-boot-assets-').path);
    const settings: QemuBootSettings = { resources: { cpus: 1, memoryMiB: 512, diskGiB: 1 } };
    const first = await prepareBootFiles(
      { home, assetsDir },
      settings,
      recorder().events,
      new AbortController().signal,
    );

    const abort = new AbortController();
    abort.abort(new Error('stopped by the test'));
    const { steps, virtiofsdCounts, events } = recorder();
    await expect(prepareBootFiles({ home, assetsDir }, settings, events, abort.signal)).rejects.toThrow(
      'stopped by the test',
    );
    expect(steps).toEqual(['Preparing the disks']);
    expect(virtiofsdCounts).toEqual([]);
    expect(readFileSync(join(home.runDir, 'engine.secret'))).toEqual(first.relaySecret);
  });
});
