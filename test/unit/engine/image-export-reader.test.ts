// The export reader on crafted exports: the OCI layout with gzip layers listed before index.json, docker-save's
// manifest.json, a layer used twice, early layers kept in temp files and removed, and exports it cannot read.
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { readdirSync } from 'node:fs';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { pack } from 'tar-stream';
import { describe, expect, it } from 'vitest';
import { readExportStream, type ExportedLayer } from '../../../src-main/engine/image-export-reader';
import { readLayerEntries } from '../../../src-main/insight/layer-entries';

type Files = Record<string, Buffer | string>;

/** A tar of `files` (in the given order) as a Buffer. */
async function tarOf(files: Files): Promise<Buffer> {
  const archive = pack();
  for (const [name, content] of Object.entries(files)) archive.entry({ name }, content);
  archive.finalize();
  const chunks: Buffer[] = [];
  for await (const chunk of archive) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

const sha = (data: Buffer | string) => `sha256:${createHash('sha256').update(data).digest('hex')}`;
const blob = (digest: string) => `blobs/sha256/${digest.slice(7)}`;

/** Reads `exported`, returning per layer what it was and the names and first bytes of its files. */
async function readAll(exported: Buffer, diffIds: string[] = []) {
  const seen: Array<{ layer: ExportedLayer; files: Record<string, string> }> = [];
  const result = await readExportStream(Readable.from([exported]), diffIds, async (layer, tar) => {
    const files: Record<string, string> = {};
    await readLayerEntries(layer.index, tar, async (entry) => {
      expect(entry.layer).toBe(layer.index);
      const chunks: Buffer[] = [];
      for await (const chunk of entry.content) chunks.push(chunk as Buffer);
      files[entry.path] = Buffer.concat(chunks).subarray(0, 8).toString('latin1');
    });
    seen.push({ layer, files });
  });
  return { seen, result };
}

function tempExportDirs(): string[] {
  return readdirSync(tmpdir()).filter((name) => name.startsWith('berth-export-'));
}

describe('the image export reader', () => {
  it('hands over gzip OCI layers in layer order when blobs come before index.json, big early ones via temp files', async () => {
    const before = tempExportDirs();
    const big = randomBytes(200 * 1024);
    const layerTars = [
      await tarOf({ 'a.txt': 'base' }),
      await tarOf({ 'big.bin': big }),
      await tarOf({ 'c.txt': 'top' }),
    ];
    const gzipped = layerTars.map((tar) => gzipSync(tar));
    const config = JSON.stringify({
      rootfs: { diff_ids: layerTars.map((tar) => sha(tar)) },
      history: [{ created_by: 'one' }, { created_by: 'two' }, { created_by: 'three' }],
    });
    const manifest = JSON.stringify({
      config: { digest: sha(config) },
      layers: gzipped.map((layer) => ({
        digest: sha(layer),
        mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip',
      })),
    });
    const index = JSON.stringify({ manifests: [{ digest: sha(manifest) }] });
    // Layers last-first: each arrives before its turn but the last.
    const exported = await tarOf({
      [blob(sha(gzipped[2]!))]: gzipped[2]!,
      [blob(sha(gzipped[1]!))]: gzipped[1]!,
      [blob(sha(config))]: config,
      [blob(sha(manifest))]: manifest,
      [blob(sha(gzipped[0]!))]: gzipped[0]!,
      'index.json': index,
    });
    const { seen, result } = await readAll(exported);
    expect(seen.map((s) => s.layer.index)).toEqual([0, 1, 2]);
    expect(seen.map((s) => s.files)).toEqual([
      { 'a.txt': 'base' },
      { 'big.bin': big.subarray(0, 8).toString('latin1') },
      { 'c.txt': 'top' },
    ]);
    expect(seen.every((s) => s.layer.compressed)).toBe(true);
    expect(seen[1]!.layer.size).toBe(gzipped[1]!.length);
    expect(result.config.history?.map((h) => h.created_by)).toEqual(['one', 'two', 'three']);
    expect(result.spilledBytes).toBeGreaterThan(200 * 1024);
    expect(result.exportBytes).toBe(exported.length);
    expect(tempExportDirs()).toEqual(before);
  });

  it("reads docker-save's manifest.json with <id>/layer.tar paths, and a layer the image holds twice", async () => {
    const base = await tarOf({ 'bin/sh': 'shell' });
    const empty = await tarOf({ 'etc/marker': 'x' });
    const config = JSON.stringify({ rootfs: { diff_ids: [sha(base), sha(empty), sha(empty)] } });
    const exported = await tarOf({
      'manifest.json': JSON.stringify([
        { Config: 'cfg.json', Layers: ['l0/layer.tar', 'l1/layer.tar', 'l1/layer.tar'] },
      ]),
      'cfg.json': config,
      'l1/layer.tar': empty,
      'l0/layer.tar': base,
    });
    const { seen } = await readAll(exported);
    expect(seen.map((s) => [s.layer.index, s.layer.path, s.layer.compressed])).toEqual([
      [0, 'l0/layer.tar', false],
      [1, 'l1/layer.tar', false],
      [2, 'l1/layer.tar', false],
    ]);
    expect(seen[2]!.files).toEqual({ 'etc/marker': 'x' });
  });

  it('streams a layer named by its diff id as it arrives, before any manifest', async () => {
    const layer = await tarOf({ 'big.bin': randomBytes(100 * 1024) });
    const config = JSON.stringify({ rootfs: { diff_ids: [sha(layer)] } });
    const exported = await tarOf({
      [blob(sha(layer))]: layer,
      [blob(sha(config))]: config,
      'manifest.json': JSON.stringify([{ Config: blob(sha(config)), Layers: [blob(sha(layer))] }]),
    });
    const { seen, result } = await readAll(exported, [sha(layer)]);
    expect(seen).toHaveLength(1);
    expect(result.spilledBytes).toBe(0);
  });

  it('hands layers over as they arrive when order is not asked for, keeping none aside', async () => {
    const layers = [
      await tarOf({ 'a.bin': randomBytes(100 * 1024) }),
      await tarOf({ 'b.bin': randomBytes(100 * 1024) }),
    ];
    const config = JSON.stringify({ rootfs: { diff_ids: layers.map((layer) => sha(layer)) } });
    const exported = await tarOf({
      [blob(sha(layers[1]!))]: layers[1]!,
      [blob(sha(layers[0]!))]: layers[0]!,
      [blob(sha(config))]: config,
      'manifest.json': JSON.stringify([{ Config: blob(sha(config)), Layers: layers.map((l) => blob(sha(l))) }]),
    });
    const arrived: number[] = [];
    const result = await readExportStream(
      Readable.from([exported]),
      layers.map((layer) => sha(layer)),
      async (layer, tar) => {
        arrived.push(layer.index);
        await readLayerEntries(layer.index, tar, () => undefined);
      },
      { inOrder: false },
    );
    expect(arrived).toEqual([1, 0]);
    expect(result.layers.map((layer) => layer.index)).toEqual([0, 1]);
    expect(result.spilledBytes).toBe(0);
  });

  it('says what is wrong with an export without a layout, or one that lacks a layer', async () => {
    await expect(readAll(await tarOf({ 'other.txt': 'x' }))).rejects.toThrow(
      /neither a manifest.json nor an index.json/,
    );
    const missing = await tarOf({
      'manifest.json': JSON.stringify([{ Config: 'c.json', Layers: ['gone/layer.tar'] }]),
    });
    await expect(readAll(missing)).rejects.toThrow(/lacks layer 0 \(gone\/layer.tar\)/);
  });

  it('stops when cancelled, leaving no temp files', async () => {
    const before = tempExportDirs();
    const controller = new AbortController();
    const layerA = await tarOf({ 'a.bin': randomBytes(100 * 1024) });
    const exported = await tarOf({ 'x/layer.tar': layerA, 'y/layer.tar': layerA });
    const source = Readable.from([exported.subarray(0, 150 * 1024), exported.subarray(150 * 1024)]);
    const reading = readExportStream(source, [], async () => undefined, {
      signal: controller.signal,
      onProgress: () => controller.abort(),
    });
    await expect(reading).rejects.toThrow(/cancelled/);
    expect(existsSync(tmpdir())).toBe(true);
    expect(tempExportDirs()).toEqual(before);
  });
});
