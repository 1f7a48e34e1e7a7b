// The image layer reader and the layer explorer through Berth's API on the real engine: a crafted image whose layers add a 1 MiB file and
// delete it, overwrite a file, and add a folder; wasted bytes, instructions and folder listings as dive counts them.
import { randomBytes } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { beforeAll, describe, expect, it } from 'vitest';
import { readImageLayers } from '../../src-main/api/image-layers';
import type { LayerEntry } from '../../src-main/insight/layer-entry';
import { testEngine, testLabels, uniqueName } from '../support/engine';
import { useTestApi } from '../support/api';
import { buildLayeredImage } from '../support/layered-image';

const MiB = 1024 * 1024;
const tempExportDirs = () => readdirSync(tmpdir()).filter((name) => name.startsWith('berth-export-'));

describe('the layer explorer', () => {
  const api = useTestApi();
  const { docker, image } = testEngine();
  const tag = `${uniqueName('layers')}:1`;
  const firstConf = 'first version of the config, soon replaced\n';

  beforeAll(async () => {
    await buildLayeredImage(docker, {
      tag,
      base: image,
      labels: testLabels(),
      steps: [
        'COPY big.bin /opt/big.bin',
        'RUN rm /opt/big.bin',
        'COPY conf1 /etc/app.conf',
        'COPY conf2 /etc/app.conf',
        'ENV MODE=test',
        'RUN mkdir -p /srv/www && echo hello > /srv/www/index.html',
        'RUN ln -s /srv/www/index.html /link',
      ],
      files: { 'big.bin': randomBytes(MiB), conf1: firstConf, conf2: 'second\n' },
    });
  });

  it("reads the export's layers base first, with their diff ids, whiteouts, links and readable content", async () => {
    const entries: Array<Omit<LayerEntry, 'content' | 'mode'> & { text?: string }> = [];
    const layers: Array<{ index: number; diffId?: string }> = [];
    const result = await readImageLayers(docker, tag, {
      onLayer: (layer) => void layers.push({ index: layer.index, diffId: layer.diffId }),
      onEntry: async (entry) => {
        const { content, mode: _mode, ...rest } = entry;
        let text: string | undefined;
        if (entry.path === 'etc/app.conf') {
          const chunks: Buffer[] = [];
          for await (const chunk of content) chunks.push(chunk as Buffer);
          text = Buffer.concat(chunks).toString();
        }
        entries.push({ ...rest, ...(text === undefined ? {} : { text }) });
      },
    });
    const { RootFS } = await docker.getImage(tag).inspect();
    expect(layers).toEqual(RootFS.Layers!.map((diffId, index) => ({ index, diffId })));
    expect(result.layers).toHaveLength(7);
    const of = (layer: number) => entries.filter((e) => e.layer === layer);
    expect(of(0).some((e) => e.path === 'bin/busybox')).toBe(true);
    expect(of(1)).toContainEqual(expect.objectContaining({ path: 'opt/big.bin', type: 'file', size: MiB }));
    expect(of(2).map((e) => e.path)).toContain('opt/.wh.big.bin');
    expect(of(3)).toContainEqual(expect.objectContaining({ path: 'etc/app.conf', text: firstConf }));
    expect(of(6)).toContainEqual(
      expect.objectContaining({ path: 'link', type: 'symlink', linkname: '/srv/www/index.html' }),
    );
    expect(result.config.history?.filter((h) => !h.empty_layer)).toHaveLength(7);
    expect(result.exportBytes).toBeGreaterThan(2 * MiB);
  });

  it("reports the deleted 1 MiB file as its layer's waste, the overwritten config too, with each layer's step", async () => {
    const mark = api.events.mark();
    const analysis = await api.client.call('layers.analyze', { image: tag, operation: 'layers-test' });
    const { RootFS, Id } = await docker.getImage(tag).inspect();
    expect(analysis.imageId).toBe(Id);
    expect(analysis.layers.map((layer) => layer.diffId)).toEqual(RootFS.Layers);
    expect(analysis.layers.map((layer) => layer.instruction)).toEqual([
      '',
      expect.stringMatching(/^COPY .* in \/opt\/big.bin$/),
      'RUN rm /opt/big.bin',
      expect.stringMatching(/^COPY .* in \/etc\/app.conf$/),
      expect.stringMatching(/^COPY .* in \/etc\/app.conf$/),
      'RUN mkdir -p /srv/www && echo hello > /srv/www/index.html',
      'RUN ln -s /srv/www/index.html /link',
    ]);
    const [, added, removed, first, second] = analysis.layers;
    expect(added).toMatchObject({ added: 1, sizeBytes: MiB, wastedBytes: MiB });
    expect(removed).toMatchObject({ removed: 1, removedBytes: MiB, wastedBytes: 0 });
    expect(first).toMatchObject({ added: 1, wastedBytes: firstConf.length });
    expect(second).toMatchObject({ added: 0, changed: 1, wastedBytes: 0 });
    expect(analysis.wastedBytes).toBe(MiB + firstConf.length);
    expect(analysis.topWasted.slice(0, 2)).toEqual([
      { path: 'opt/big.bin', wastedBytes: MiB, totalBytes: MiB, layers: [1, 2], removed: true },
      {
        path: 'etc/app.conf',
        wastedBytes: firstConf.length,
        totalBytes: firstConf.length + 7,
        layers: [3, 4],
        removed: false,
      },
    ]);
    expect(analysis.efficiency).toBeGreaterThan(0);
    expect(analysis.efficiency).toBeLessThan(1);
    const progress = api.events.all('layers.progress').slice(0);
    expect(progress.some((p) => p.operation === 'layers-test' && p.bytesRead > MiB)).toBe(true);
    expect(api.events.events.length).toBeGreaterThan(mark);

    const again = await api.client.call('layers.analyze', { image: Id });
    expect(again).toEqual(analysis);
  });

  it("lists one folder of a layer's view: the removal, the additions, only changes, and the merged image", async () => {
    await api.client.call('layers.analyze', { image: tag });
    const opt = await api.client.call('layers.folder', { image: tag, layer: 2, path: 'opt' });
    expect(opt.entries).toEqual([
      expect.objectContaining({ name: 'big.bin', change: 'removed', sizeBytes: MiB, layer: 2 }),
    ]);
    const root = await api.client.call('layers.folder', { image: tag, layer: 5, path: '', onlyChanges: true });
    expect(root.entries.map((e) => [e.name, e.change])).toEqual([['srv', 'added']]);
    const www = await api.client.call('layers.folder', { image: tag, layer: 5, path: 'srv/www' });
    expect(www.entries).toEqual([
      expect.objectContaining({ name: 'index.html', kind: 'file', sizeBytes: 6, change: 'added' }),
    ]);
    const merged = await api.client.call('layers.folder', { image: tag, path: '' });
    expect(merged.layer).toBeNull();
    expect(merged.entries.map((e) => e.name)).toEqual(expect.arrayContaining(['bin', 'etc', 'srv']));
    expect(merged.entries.find((e) => e.name === 'opt')).toMatchObject({ sizeBytes: 0 });
    const bin = await api.client.call('layers.folder', { image: tag, layer: 0, path: 'bin', limit: 3 });
    expect(bin.entries).toHaveLength(3);
    expect(bin.truncated).toBeGreaterThan(100);
  });

  it('stops reading when cancelled: the call says so, nothing is kept, no temp folder is left', async () => {
    const big = `${uniqueName('layers-big')}:1`;
    await buildLayeredImage(docker, {
      tag: big,
      base: image,
      labels: testLabels(),
      steps: ['COPY one.bin /one.bin', 'COPY two.bin /two.bin'],
      files: { 'one.bin': randomBytes(48 * MiB), 'two.bin': randomBytes(48 * MiB) },
    });
    const before = tempExportDirs();
    const mark = api.events.mark();
    const analysing = api.client.call('layers.analyze', { image: big, operation: 'layers-cancel' });
    const failed = analysing.then(
      () => undefined,
      (error: unknown) => error,
    );
    await api.events.next('layers.progress', (p) => p.operation === 'layers-cancel', { from: mark });
    expect(await api.client.call('operations.cancel', { operation: 'layers-cancel' })).toEqual({ cancelled: true });
    expect(await failed).toMatchObject({ code: 'cancelled' });
    expect(api.backend.services.operations.size).toBe(0);
    await expect(api.client.call('layers.folder', { image: big })).rejects.toThrow(/not been analysed yet/);
    expect(tempExportDirs()).toEqual(before);
  });

  it('answers folder requests it cannot serve with what to do', async () => {
    await expect(api.client.call('layers.folder', { image: image, path: '' })).rejects.toThrow(/not been analysed yet/);
    await api.client.call('layers.analyze', { image: tag });
    await expect(api.client.call('layers.folder', { image: tag, layer: 7 })).rejects.toThrow(/layer: must be below 7/);
    await expect(api.client.call('layers.folder', { image: tag, path: '../x' })).rejects.toThrow(
      /path: must not contain/,
    );
  });
});
