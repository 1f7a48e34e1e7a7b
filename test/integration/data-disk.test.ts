// The data disk and the root overlay with the real qemu-img: create, grow, never shrink, measure, wipe, and refuse while QEMU holds the disk.
import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DataDiskShrinkError, dataDiskSize, ensureDataDisk, wipeDataDisk } from '../../src-main/machine/data-disk';
import { qemuImageInfo, runQemuImg } from '../../src-main/machine/qemu-img';
import { createRootOverlay } from '../../src-main/machine/root-overlay';
import type { TempFolder } from '../support/qemu';
import { useQemuDisks } from '../support/qemu-disks';

const GIB = 1024 ** 3;
const disks = useQemuDisks();
let folder: TempFolder;
let qemuImgPath: string;
beforeAll(() => {
  qemuImgPath = disks.qemuImgPath;
});

function disk(name = 'data.qcow2'): string {
  folder = disks.folder();
  return join(folder.path, name);
}

/** Writes a raw file's bytes at the start of an existing qcow2 image (qemu-img convert -n: no create). */
async function writeInto(raw: string, image: string): Promise<void> {
  await runQemuImg(['convert', '-n', '-f', 'raw', '-O', 'qcow2', raw, image], { qemuImgPath });
}

/** A QEMU (no guest) holding `path` open for writing, as the VM does; resolves once it has opened it. */
async function holdOpen(path: string): Promise<void> {
  await (await disks.holdOpen(path)).close();
}

describe('data disk', () => {
  it('is created empty at the asked size when missing, then left alone', async () => {
    const path = disk();
    expect(await dataDiskSize(path, { qemuImgPath })).toBeUndefined();
    const made = await ensureDataDisk(path, 8, { qemuImgPath });
    expect(made).toMatchObject({ created: true, grown: false, virtualSizeBytes: 8 * GIB });
    // An empty qcow2 takes well under a MiB on the host.
    expect(made.allocatedBytes).toBeGreaterThan(0);
    expect(made.allocatedBytes).toBeLessThan(1024 * 1024);
    expect((await qemuImageInfo(path, { qemuImgPath })).format).toBe('qcow2');

    const again = await ensureDataDisk(path, 8, { qemuImgPath });
    expect(again).toMatchObject({ created: false, grown: false, virtualSizeBytes: 8 * GIB });
  });

  it('grows when the setting grows, keeping what was written', async () => {
    const path = disk();
    await ensureDataDisk(path, 1, { qemuImgPath });
    const raw = join(folder.path, 'blob.raw');
    writeFileSync(raw, Buffer.alloc(4 * 1024 * 1024, 0xab));
    await writeInto(raw, path);
    const grown = await ensureDataDisk(path, 3, { qemuImgPath });
    expect(grown).toMatchObject({ created: false, grown: true, virtualSizeBytes: 3 * GIB });
    expect(await dataDiskSize(path, { qemuImgPath })).toMatchObject({ virtualSizeBytes: 3 * GIB });
    // The data is still there, and the new space reads as zeros.
    expect(await runQemuImg(['compare', '-f', 'raw', '-F', 'qcow2', raw, path], { qemuImgPath })).toMatch(
      /Images are identical/,
    );
  });

  it('refuses to shrink, saying what to do', async () => {
    const path = disk();
    await ensureDataDisk(path, 4, { qemuImgPath });
    const failure = await ensureDataDisk(path, 2, { qemuImgPath }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(DataDiskShrinkError);
    expect(failure).toMatchObject({ currentGiB: 4, requestedGiB: 2 });
    expect((failure as Error).message).toMatch(
      /^The data disk is 4 GiB and cannot shrink to 2 GiB without losing images, containers and volumes: keep 4 GiB or more, or reset the machine/,
    );
    expect(await dataDiskSize(path, { qemuImgPath })).toMatchObject({ virtualSizeBytes: 4 * GIB });
  });

  it('reports the space it takes on the host as it fills', async () => {
    const path = disk();
    await ensureDataDisk(path, 1, { qemuImgPath });
    const empty = (await dataDiskSize(path, { qemuImgPath }))?.allocatedBytes ?? 0;
    // Fill 8 MiB of the disk with data (a real write into the image).
    const raw = join(folder.path, 'fill.raw');
    writeFileSync(raw, Buffer.alloc(8 * 1024 * 1024, 0x5a));
    await writeInto(raw, path);
    const filled = (await dataDiskSize(path, { qemuImgPath }))?.allocatedBytes ?? 0;
    expect(filled - empty).toBeGreaterThanOrEqual(8 * 1024 * 1024);
    expect(filled).toBeLessThanOrEqual(statSync(path).size + 4096);
  });

  it('is wiped to a new empty disk for reset', async () => {
    const path = disk();
    await ensureDataDisk(path, 2, { qemuImgPath });
    const raw = join(folder.path, 'fill.raw');
    writeFileSync(raw, Buffer.alloc(4 * 1024 * 1024, 0x11));
    await writeInto(raw, path);
    const full = (await dataDiskSize(path, { qemuImgPath }))?.allocatedBytes ?? 0;
    await wipeDataDisk(path, 2, { qemuImgPath });
    const wiped = await dataDiskSize(path, { qemuImgPath });
    expect(wiped?.virtualSizeBytes).toBe(2 * GIB);
    expect(wiped?.allocatedBytes).toBeLessThan(full - 3 * 1024 * 1024);
  });

  it('wipes a damaged disk too', async () => {
    const path = disk();
    writeFileSync(path, 'not an image');
    await wipeDataDisk(path, 1, { qemuImgPath });
    expect(await qemuImageInfo(path, { qemuImgPath })).toMatchObject({ format: 'qcow2', virtualSizeBytes: GIB });
  });

  it('while a QEMU holds it: measures it, but refuses to grow or wipe it', async () => {
    const path = disk();
    await ensureDataDisk(path, 1, { qemuImgPath });
    await holdOpen(path);
    expect(await dataDiskSize(path, { qemuImgPath })).toMatchObject({ virtualSizeBytes: GIB });
    const inUse = `The data disk ${path} is in use by a running VM; stop the machine first`;
    await expect(ensureDataDisk(path, 2, { qemuImgPath })).rejects.toThrow(inUse);
    await expect(wipeDataDisk(path, 1, { qemuImgPath })).rejects.toThrow(inUse);
    expect(statSync(path).isFile()).toBe(true);
  });

  it('refuses sizes that are not whole GiB', async () => {
    const path = disk();
    await expect(ensureDataDisk(path, 0, { qemuImgPath })).rejects.toThrow(
      'The data disk size must be a whole number of GiB, at least 1, got 0',
    );
    await expect(ensureDataDisk(path, 1.5, { qemuImgPath })).rejects.toThrow('got 1.5');
  });

  it('says when qemu-img is missing', async () => {
    const path = disk();
    await expect(ensureDataDisk(path, 1, { qemuImgPath: join(folder.path, 'qemu-img') })).rejects.toThrow(
      `${join(folder.path, 'qemu-img')} is not installed (it comes with QEMU: qemu-utils on Debian)`,
    );
  });
});

describe('root overlay', () => {
  it('is a fresh qcow2 backed by the base, replacing the previous one', async () => {
    const base = disk('base.qcow2');
    await runQemuImg(['create', '-q', '-f', 'qcow2', base, '2G'], { qemuImgPath });
    const overlay = join(folder.path, 'root.qcow2');
    writeFileSync(overlay, 'last boot');
    await createRootOverlay(base, overlay, { qemuImgPath });
    expect(await qemuImageInfo(overlay, { qemuImgPath })).toMatchObject({
      format: 'qcow2',
      virtualSizeBytes: 2 * GIB,
      backingFile: base,
    });
  });

  it('says when the base image is missing', async () => {
    const base = disk('base.qcow2');
    await expect(createRootOverlay(base, join(folder.path, 'root.qcow2'), { qemuImgPath })).rejects.toThrow(
      `The VM's base image ${base} is missing: the VM assets are not installed or were moved`,
    );
  });
});
