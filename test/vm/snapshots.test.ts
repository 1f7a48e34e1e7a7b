// Snapshots of the data disk on a booted VM: take one live, change volumes, images and containers, restore it, and find
// exactly what was there at the snapshot; a running VM deletes one live; the disk records the VM image it boots.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import type { DiskSnapshotList } from '../../src-main/contract/dto/machine';
import { dockerodeFor } from '../support/docker-client';
import { buildTestImage } from '../support/test-image';
import { useTestVm } from './support/vm-machine';

const IMAGE = 'berth-test/snap:1';
const vm = useTestVm();
const log = (line: string) => process.stdout.write(`[berth vm] ${line}\n`);

/** What a restore must bring back: volumes, images with their tags, containers with their names and images. */
async function inventory(): Promise<{ volumes: string[]; images: string[]; containers: string[] }> {
  const lines = async (args: string[]) => (await vm.docker(args)).split('\n').filter(Boolean).sort();
  return {
    volumes: await lines(['volume', 'ls', '--format', '{{.Name}}']),
    images: await lines(['image', 'ls', '--no-trunc', '--format', '{{.ID}} {{.Repository}}:{{.Tag}}']),
    containers: await lines(['ps', '-a', '--no-trunc', '--format', '{{.ID}} {{.Names}} {{.Image}}']),
  };
}
const readVolumeFile = (volume: string) =>
  vm.docker(['run', '--rm', '-v', `${volume}:/data`, IMAGE, 'cat', '/data/file']);

/** Runs a snapshot request and says how long it took (a create or restore reboots the VM). */
async function timed(what: string, work: Promise<DiskSnapshotList>): Promise<DiskSnapshotList> {
  const started = Date.now();
  const list = await work;
  log(`${what} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return list;
}

beforeAll(async () => {
  await vm.machine.start();
});

describe('snapshots of the data disk', () => {
  it('records the VM image the disk boots, and a new disk gets no automatic snapshot', async () => {
    const manifest = JSON.parse(await readFile(join(inject('vmAssets'), 'manifest.json'), 'utf8')) as {
      recipeHash: string;
    };
    expect((await readFile(vm.home.dataDiskImage, 'utf8')).trim()).toBe(manifest.recipeHash);
    expect((await vm.machine.snapshots({ action: 'list' })).snapshots).toEqual([]);
  });

  it('restore brings back exactly the volumes, images and containers of the snapshot', async () => {
    await buildTestImage(dockerodeFor(vm.dockerHost), IMAGE);
    await vm.docker(['tag', IMAGE, 'berth-test/snap:old-tag']);
    await vm.docker(['volume', 'create', 'kept-data']);
    await vm.docker(['run', '--rm', '-v', 'kept-data:/data', IMAGE, 'sh', '-c', 'echo at the snapshot > /data/file']);
    await vm.docker(['create', '--name', 'kept', '-v', 'kept-data:/data', IMAGE, 'cat', '/data/file']);
    await vm.docker(['run', '-d', '--name', 'busy', IMAGE, 'sleep', '3600']);
    const before = await inventory();
    const qemuBefore = vm.qemuPid();
    expect(before.containers.join('\n')).toContain(' kept ');

    const taken = await timed(
      'live snapshot of a running VM (guest file system frozen)',
      vm.machine.snapshots({ action: 'create' }),
    );
    expect(vm.machine.status.state).toBe('running');
    // Live: the same QEMU, and the container running at the snapshot still runs.
    expect(vm.qemuPid()).toBe(qemuBefore);
    expect((await vm.docker(['inspect', '--format', '{{.State.Status}}', 'busy'])).trim()).toBe('running');
    expect(taken.snapshots).toHaveLength(1);
    const [snapshot] = taken.snapshots;
    expect(snapshot).toMatchObject({ reason: 'manual' });
    expect(taken.diskAllocatedBytes).toBeGreaterThan(0);

    // Change everything: a new volume with a file, a new container and tag; the old container and tag go; the kept
    // volume's file is overwritten.
    await vm.docker(['volume', 'create', 'new-data']);
    await vm.docker(['run', '--rm', '-v', 'new-data:/data', IMAGE, 'sh', '-c', 'echo after > /data/file']);
    await vm.docker(['run', '-d', '--name', 'new', IMAGE, 'sleep', '3600']);
    await vm.docker(['tag', IMAGE, 'berth-test/snap:new-tag']);
    await vm.docker(['rm', 'kept']);
    await vm.docker(['rmi', 'berth-test/snap:old-tag']);
    await vm.docker(['run', '--rm', '-v', 'kept-data:/data', IMAGE, 'sh', '-c', 'echo overwritten > /data/file']);
    expect(await inventory()).not.toEqual(before);

    await expect(vm.machine.snapshots({ action: 'restore', name: 'no such snapshot' })).rejects.toThrow(
      /no snapshot named "no such snapshot"/,
    );
    expect(vm.machine.status.state).toBe('running');

    const restored = await timed(
      'restore on a running VM (stop, apply, start)',
      vm.machine.snapshots({ action: 'restore', name: snapshot!.name }),
    );
    expect(vm.machine.status.state).toBe('running');
    expect(restored.snapshots.map((s) => s.name)).toEqual([snapshot!.name]);
    expect(await inventory()).toEqual(before);
    expect(await readVolumeFile('kept-data')).toBe('at the snapshot\n');
    expect(await vm.docker(['start', '-a', 'kept'])).toBe('at the snapshot\n');
  });

  it('deletes a snapshot while the VM runs (QEMU does it), leaving the list without it', async () => {
    const [snapshot] = (await vm.machine.snapshots({ action: 'list' })).snapshots;
    const after = await vm.machine.snapshots({ action: 'delete', name: snapshot!.name });
    expect(after.snapshots).toEqual([]);
    expect(vm.machine.status.state).toBe('running');
    expect((await vm.machine.snapshots({ action: 'list' })).snapshots).toEqual([]);
  });
});
