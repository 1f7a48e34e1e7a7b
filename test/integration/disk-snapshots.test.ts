// Data disk snapshots with the real qemu-img and QEMU, no guest: take, list, restore (bytes come back), delete (also
// live through QMP), refuse while busy, and the automatic snapshot before a new VM image boots, pruned to the newest.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { MachineState } from '../../src-main/contract/dto/machine';
import { ensureDataDisk } from '../../src-main/machine/data-disk';
import { runQemuImg } from '../../src-main/machine/qemu-img';
import {
  applyDiskSnapshot,
  createDiskSnapshot,
  deleteDiskSnapshot,
  listDiskSnapshots,
} from '../../src-main/machine/snapshots/disk-snapshots';
import { carryOutSnapshotRequest, type SnapshotHost } from '../../src-main/machine/snapshots/machine-snapshots';
import { KEEP_AUTOMATIC_SNAPSHOTS, snapshotBeforeNewImage } from '../../src-main/machine/snapshots/new-image-snapshot';
import type { TempFolder } from '../support/qemu';
import { useQemuDisks } from '../support/qemu-disks';

const MIB = 1024 * 1024;
const disks = useQemuDisks();
let qemuImgPath: string;
let folder: TempFolder;

beforeAll(() => {
  qemuImgPath = disks.qemuImgPath;
  // The code under test runs "qemu-img" from PATH, as the app does.
  process.env.PATH = `${join(qemuImgPath, '..')}:${process.env.PATH}`;
});

async function newDisk(): Promise<string> {
  folder = disks.folder('berth-snap-');
  const path = join(folder.path, 'data.qcow2');
  await ensureDataDisk(path, 1, { qemuImgPath });
  return path;
}

/** Fills the disk's first MiB with `byte` (what a guest writing there would leave). */
async function fill(disk: string, byte: number): Promise<void> {
  const raw = join(folder.path, 'fill.raw');
  writeFileSync(raw, Buffer.alloc(MIB, byte));
  await runQemuImg(['convert', '-n', '-f', 'raw', '-O', 'qcow2', raw, disk], { qemuImgPath });
}

/** The byte the disk's first MiB holds throughout (or -1 when it is mixed). */
async function firstMiB(disk: string): Promise<number> {
  const raw = join(folder.path, 'read.raw');
  await runQemuImg(['dd', '-f', 'qcow2', '-O', 'raw', 'bs=1M', 'count=1', `if=${disk}`, `of=${raw}`], { qemuImgPath });
  const bytes = readFileSync(raw);
  return bytes.every((b) => b === bytes[0]) ? bytes[0]! : -1;
}

describe('data disk snapshots', () => {
  it('are taken, listed, restored to the bytes of that moment, and deleted', async () => {
    const disk = await newDisk();
    expect(await listDiskSnapshots(disk)).toEqual([]);
    await fill(disk, 0xab);
    const taken = await createDiskSnapshot(disk, 'manual', { at: new Date('2026-12-07T10:00:00.000Z') });
    expect(taken).toEqual({
      name: 'manual 2026-12-07T10:00:00.000Z',
      reason: 'manual',
      createdAt: '2026-12-07T10:00:00.000Z',
    });
    await fill(disk, 0xcd);
    expect(await firstMiB(disk)).toBe(0xcd);

    await applyDiskSnapshot(disk, taken.name);
    expect(await firstMiB(disk)).toBe(0xab);
    expect(await listDiskSnapshots(disk)).toEqual([taken]);

    await deleteDiskSnapshot(disk, taken.name);
    expect(await listDiskSnapshots(disk)).toEqual([]);
    expect(await firstMiB(disk)).toBe(0xab);
  });

  it('refuse a snapshot that is not there, a disk that is not there, and a disk QEMU holds', async () => {
    const disk = await newDisk();
    await expect(applyDiskSnapshot(disk, 'nope')).rejects.toThrow('The data disk has no snapshot named "nope"');
    await expect(deleteDiskSnapshot(disk, 'nope')).rejects.toThrow(/no snapshot named "nope"/);
    await expect(createDiskSnapshot(join(folder.path, 'missing.qcow2'), 'manual')).rejects.toThrow(
      /has no data disk yet .*start the machine once/,
    );
    const qmp = await disks.holdOpen(disk);
    await expect(createDiskSnapshot(disk, 'manual')).rejects.toMatchObject({
      inUse: true,
      message: expect.stringMatching(/in use by a running VM; stop the machine first/),
    });
    await qmp.close();
  });

  it('are deleted live through QMP while QEMU holds the disk, as a running VM does', async () => {
    const disk = await newDisk();
    const taken = await createDiskSnapshot(disk, 'manual');
    const qmp = await disks.holdOpen(disk);
    // The request a running QemuMachine sends (its data drive's id is "data").
    await qmp.execute('blockdev-snapshot-delete-internal-sync', { device: 'data', name: taken.name });
    expect(await listDiskSnapshots(disk)).toEqual([]);
    await qmp.close();
  });
});

describe('a machine asked for snapshots', () => {
  /** A machine in `state` whose stops, starts and live work are recorded (a live take is done with qemu-img). */
  function host(disk: string, state: MachineState) {
    const calls: string[] = [];
    const machine: SnapshotHost = {
      diskPath: disk,
      state: () => state,
      stop: async () => void calls.push('stop'),
      start: async () => void calls.push('start'),
      createLive: async (name) => {
        calls.push(`create live ${name}`);
        await runQemuImg(['snapshot', '-c', name, disk], { qemuImgPath });
      },
      deleteLive: async (name) => void calls.push(`delete live ${name}`),
    };
    return { machine, calls };
  }

  it('takes and deletes live on a running VM, stops it to restore and starts it again; answers with the list', async () => {
    const disk = await newDisk();
    const { machine, calls } = host(disk, 'running');
    const created = await carryOutSnapshotRequest({ action: 'create' }, machine);
    expect(created).toMatchObject({ keepAutomatic: KEEP_AUTOMATIC_SNAPSHOTS, snapshots: [{ reason: 'manual' }] });
    expect(created.diskAllocatedBytes).toBeGreaterThan(0);
    const name = created.snapshots[0]!.name;
    await carryOutSnapshotRequest({ action: 'restore', name }, machine);
    await carryOutSnapshotRequest({ action: 'delete', name }, machine);
    expect(name).toMatch(/^manual \d{4}-\d\d-\d\dT[\d:.]+Z$/);
    expect(calls).toEqual([`create live ${name}`, 'stop', 'start', `delete live ${name}`]);
  });

  it('leaves a stopped VM stopped, refuses while starting, and checks the name before stopping anything', async () => {
    const disk = await newDisk();
    const stopped = host(disk, 'stopped');
    const { snapshots } = await carryOutSnapshotRequest({ action: 'create' }, stopped.machine);
    expect((await carryOutSnapshotRequest({ action: 'list' }, stopped.machine)).snapshots).toEqual(snapshots);
    await carryOutSnapshotRequest({ action: 'delete', name: snapshots[0]!.name }, stopped.machine);
    expect(stopped.calls).toEqual([]);
    expect(await listDiskSnapshots(disk)).toEqual([]);

    const starting = host(disk, 'starting');
    await expect(carryOutSnapshotRequest({ action: 'create' }, starting.machine)).rejects.toThrow(
      'The machine is starting; take a snapshot once it runs',
    );
    const runningVm = host(disk, 'running');
    await expect(carryOutSnapshotRequest({ action: 'restore', name: 'gone' }, runningVm.machine)).rejects.toThrow(
      /no snapshot named "gone"/,
    );
    expect(runningVm.calls).toEqual([]);
  });
});

describe('the automatic snapshot before a new VM image', () => {
  const image = (n: number) => ({ recipeHash: `hash-${n}`, label: `trixie built 2026-12-0${n} hash-${n}` });

  it('is not taken for a new disk nor for the same image, and is taken once for each new image', async () => {
    folder = disks.folder('berth-snap-');
    const disk = join(folder.path, 'data.qcow2');
    const stamp = join(folder.path, 'data.vm-image');
    expect(await snapshotBeforeNewImage(disk, stamp, image(1))).toEqual({ pruned: [] });
    expect(readFileSync(stamp, 'utf8')).toBe('hash-1\n');
    await ensureDataDisk(disk, 1, { qemuImgPath });
    expect(await snapshotBeforeNewImage(disk, stamp, image(1))).toEqual({ pruned: [] });

    await fill(disk, 0x11);
    const { taken } = await snapshotBeforeNewImage(disk, stamp, image(2));
    expect(taken).toMatchObject({ reason: 'before-vm-image', vmImage: 'trixie built 2026-12-02 hash-2' });
    expect(taken!.name).toMatch(/^before-vm-image \S+Z for trixie built 2026-12-02 hash-2$/);
    expect(readFileSync(stamp, 'utf8')).toBe('hash-2\n');
    expect(await snapshotBeforeNewImage(disk, stamp, image(2))).toEqual({ pruned: [] });

    // The new image broke the data: the automatic snapshot has it as it was.
    await fill(disk, 0x22);
    await applyDiskSnapshot(disk, taken!.name);
    expect(await firstMiB(disk)).toBe(0x11);
  });

  it('is taken for a disk from before Berth recorded images, and keeps only the newest automatic ones', async () => {
    const disk = await newDisk();
    const stamp = join(folder.path, 'data.vm-image');
    const manual = await createDiskSnapshot(disk, 'manual');
    const taken: string[] = [];
    for (let n = 1; n <= KEEP_AUTOMATIC_SNAPSHOTS + 2; n++) {
      const result = await snapshotBeforeNewImage(disk, stamp, image(n));
      taken.push(result.taken!.name);
      expect(result.pruned).toEqual(n > KEEP_AUTOMATIC_SNAPSHOTS ? [taken[n - 1 - KEEP_AUTOMATIC_SNAPSHOTS]] : []);
    }
    const names = (await listDiskSnapshots(disk)).map((snapshot) => snapshot.name);
    expect(names).toEqual([...taken.slice(-KEEP_AUTOMATIC_SNAPSHOTS).reverse(), manual.name]);
  });
});
