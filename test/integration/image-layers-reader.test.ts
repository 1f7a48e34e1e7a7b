// The image export reader against the real engine: every layer's entries in layer order, with its diff id.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readImageLayers } from '../../src-main/api/image-layers';
import type { LayerEntry } from '../../src-main/insight/layer-entry';
import { cleanupTestObjects, testEngine, testLabels, uniqueName } from '../support/engine';
import { buildLayeredImage } from '../support/layered-image';

describe('reading an image export', () => {
  const { docker, image } = testEngine();
  const tag = `${uniqueName('layers-reader')}:1`;

  beforeAll(async () => {
    await buildLayeredImage(docker, {
      tag,
      base: image,
      labels: testLabels(),
      steps: [
        'COPY one.txt /data/one.txt',
        'RUN rm /data/one.txt && echo two > /data/two.txt',
        'ENV X=1',
        'RUN ln -s /data/two.txt /link',
      ],
      files: { 'one.txt': 'first\n' },
    });
  });
  afterAll(() => cleanupTestObjects(docker));

  it('yields each layer’s entries base first, with their diff ids, content readable', async () => {
    const entries: Array<Omit<LayerEntry, 'content' | 'mode'> & { text?: string }> = [];
    const layers: Array<{ index: number; diffId?: string }> = [];
    const result = await readImageLayers(docker, tag, {
      onLayer: (layer) => void layers.push({ index: layer.index, diffId: layer.diffId }),
      onEntry: async (entry) => {
        const { content, mode: _mode, ...rest } = entry;
        let text: string | undefined;
        if (entry.path.endsWith('.txt')) {
          const chunks: Buffer[] = [];
          for await (const chunk of content) chunks.push(chunk as Buffer);
          text = Buffer.concat(chunks).toString();
        }
        entries.push({ ...rest, ...(text === undefined ? {} : { text }) });
      },
    });
    const { RootFS } = await docker.getImage(tag).inspect();
    expect(layers).toEqual(RootFS.Layers!.map((diffId, index) => ({ index, diffId })));
    expect(result.layers).toHaveLength(4);
    expect(entries.filter((e) => e.layer === 0).some((e) => e.path === 'bin/busybox')).toBe(true);
    expect(entries.filter((e) => e.layer === 1)).toContainEqual(
      expect.objectContaining({ path: 'data/one.txt', type: 'file', size: 6, text: 'first\n' }),
    );
    const second = entries.filter((e) => e.layer === 2).map((e) => e.path);
    expect(second).toEqual(expect.arrayContaining(['data/.wh.one.txt', 'data/two.txt']));
    expect(entries.filter((e) => e.layer === 3)).toContainEqual(
      expect.objectContaining({ path: 'link', type: 'symlink', linkname: '/data/two.txt' }),
    );
    expect(result.config.history?.filter((h) => !h.empty_layer)).toHaveLength(4);
    expect(result.exportBytes).toBeGreaterThan(2_000_000);
  });
});
