// The layer analysis on hand-made layers: removals by whiteout and opaque folder, overwrites, links, dive's
// efficiency and wasted bytes, instructions from the history, and one folder of a layer's view at a time.
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { LayerEntry } from '../../../src-main/insight/layer-entry';
import { LayerAnalyzer } from '../../../src-main/insight/layer-analysis';

const MiB = 1024 * 1024;
type Spec = [path: string, type?: LayerEntry['type'], size?: number, linkname?: string];

/** Analyses layers given as [path, type, size] lists. */
function analyse(
  layers: Spec[][],
  history?: Array<{ created_by?: string; empty_layer?: boolean }>,
  order = layers.map((_, index) => index),
) {
  const analyzer = new LayerAnalyzer();
  for (const layer of order) {
    analyzer.startLayer({ index: layer, size: 0, compressed: false });
    for (const [path, type = 'file', size = 0, linkname] of layers[layer]!) {
      const entry: LayerEntry = { layer, path, type, size, mode: 0o644, content: Readable.from([]) };
      if (linkname) entry.linkname = linkname;
      analyzer.add(entry);
    }
    analyzer.endLayer(layer);
  }
  return { analyzer, result: analyzer.finish('sha256:x', history, 1) };
}

describe('the layer analysis', () => {
  it("charges a file removed in a later layer to the layer that added it, as wasted and in dive's score", () => {
    const { result } = analyse([
      [
        ['bin', 'directory'],
        ['bin/sh', 'file', 1000],
      ],
      [['big.bin', 'file', MiB]],
      [['.wh.big.bin', 'file', 0]],
    ]);
    expect(result.layers.map((l) => [l.added, l.changed, l.removed, l.removedBytes, l.wastedBytes])).toEqual([
      [1, 0, 0, 0, 0],
      [1, 0, 0, 0, MiB],
      [0, 0, 1, MiB, 0],
    ]);
    expect(result.wastedBytes).toBe(MiB);
    expect(result.inefficientBytes).toBe(MiB);
    expect(result.topWasted).toEqual([
      { path: 'big.bin', wastedBytes: MiB, totalBytes: MiB, layers: [1, 2], removed: true },
    ]);
    // Paths: bin/sh (min 1000 of 1000), big.bin (min 0 of 1 MiB).
    expect(result.efficiency).toBeCloseTo(1000 / (1000 + MiB), 10);
    expect(result.userSizeBytes).toBe(MiB);
    expect(result.userWastedRatio).toBe(1);
  });

  it('gives the same analysis when the layers arrive in another order (as the export lists them)', () => {
    const layers: Spec[][] = [
      [
        ['etc/app.conf', 'file', 100],
        ['old/a', 'file', 10],
      ],
      [['etc/app.conf', 'file', 300], ['.wh.old']],
      [['srv/x', 'file', 5], ['etc/.wh.app.conf']],
    ];
    const inOrder = analyse(layers).result;
    expect(analyse(layers, undefined, [2, 0, 1]).result).toEqual(inOrder);
    expect(analyse(layers, undefined, [1, 2, 0]).result).toEqual(inOrder);
    expect(inOrder.wastedBytes).toBe(410);
    const unfinished = new LayerAnalyzer();
    unfinished.startLayer({ index: 1, size: 0, compressed: false });
    unfinished.endLayer(1);
    expect(() => unfinished.finish('sha256:x', [], 1)).toThrow(/layer 0 of the image was not read/);
  });

  it('counts an overwritten file as changed, its earlier copy as wasted and every copy as dive’s inefficiency', () => {
    const { result } = analyse([
      [['etc/app.conf', 'file', 100]],
      [
        ['etc/app.conf', 'file', 300],
        ['etc/new', 'file', 5],
      ],
    ]);
    expect(result.layers[1]).toMatchObject({ added: 1, changed: 1, sizeBytes: 305 });
    expect(result.layers[0]!.wastedBytes).toBe(100);
    expect(result.wastedBytes).toBe(100);
    expect(result.inefficientBytes).toBe(400);
    expect(result.efficiency).toBeCloseTo((100 + 5) / (400 + 5), 10);
    expect(result.topWasted[0]).toMatchObject({ path: 'etc/app.conf', removed: false, layers: [0, 1] });
  });

  it('removes a whole folder by its whiteout and the lower content of an opaque folder, keeping the new', () => {
    const { result, analyzer } = analyse([
      [
        ['old/a', 'file', 10],
        ['old/b', 'file', 20],
        ['keep/x', 'file', 1],
        ['keep/y', 'file', 2],
      ],
      [['.wh.old'], ['keep', 'directory'], ['keep/.wh..wh..opq'], ['keep/z', 'file', 7]],
    ]);
    expect(result.layers[1]).toMatchObject({ added: 1, removed: 4, removedBytes: 33 });
    expect(result.wastedBytes).toBe(33);
    const top = analyzer.tree.folder('', 1, 1, false).entries.map((e) => [e.name, e.change, e.sizeBytes, e.children]);
    expect(top).toEqual([
      ['keep', 'changed', 7, 3],
      ['old', 'removed', 30, undefined],
    ]);
    const keep = analyzer.tree.folder('keep', 1, 1, false).entries.map((e) => [e.name, e.change]);
    expect(keep).toEqual([
      ['x', 'removed'],
      ['y', 'removed'],
      ['z', 'added'],
    ]);
    expect(analyzer.tree.folder('keep', null, 1, false).entries.map((e) => e.name)).toEqual(['z']);
    expect(analyzer.tree.folder('', 0, 1, false).entries.map((e) => [e.name, e.change, e.sizeBytes])).toEqual([
      ['keep', 'added', 3],
      ['old', 'added', 30],
    ]);
  });

  it('counts symlinks and hardlinks as files of 0 bytes, as dive does (the tar gives them no size)', () => {
    const { result, analyzer } = analyse([
      [['bin/busybox', 'file', 900]],
      [
        ['bin/ls', 'symlink', 0, 'busybox'],
        ['bin/sh', 'hardlink', 0, 'bin/busybox'],
      ],
    ]);
    expect(result.layers[1]).toMatchObject({ added: 2, sizeBytes: 0, wastedBytes: 0 });
    expect(result.efficiency).toBe(1);
    const bin = analyzer.tree.folder('bin', 1, 1, true).entries;
    expect(bin).toEqual([
      { name: 'ls', path: 'bin/ls', kind: 'symlink', sizeBytes: 0, change: 'added', layer: 1, linkname: 'busybox' },
      {
        name: 'sh',
        path: 'bin/sh',
        kind: 'hardlink',
        sizeBytes: 0,
        change: 'added',
        layer: 1,
        linkname: 'bin/busybox',
      },
    ]);
  });

  it('lists one folder at a time: sizes summed per view, "only changes", the merged view, a limit', () => {
    const files: Spec[] = Array.from({ length: 30 }, (_, i) => [`usr/lib/f${String(i).padStart(2, '0')}`, 'file', 10]);
    const { analyzer } = analyse([[['usr/bin/a', 'file', 4], ...files], [['usr/bin/b', 'file', 6]]]);
    const usr = analyzer.tree.folder('usr', 1, 1, false).entries;
    expect(usr.map((e) => [e.name, e.change, e.sizeBytes, e.children])).toEqual([
      ['bin', 'changed', 10, 2],
      ['lib', 'unchanged', 300, 30],
    ]);
    expect(analyzer.tree.folder('usr', 1, 1, true).entries.map((e) => e.name)).toEqual(['bin']);
    expect(analyzer.tree.folder('usr/bin', null, 1, true).entries.map((e) => [e.name, e.layer])).toEqual([['b', 1]]);
    const limited = analyzer.tree.folder('usr/lib', 0, 1, false, 5);
    expect(limited.entries.map((e) => e.name)).toEqual(['f00', 'f01', 'f02', 'f03', 'f04']);
    expect(limited.truncated).toBe(25);
    expect(analyzer.tree.folder('nope', 0, 1, false).entries).toEqual([]);
  });

  it('matches layers to the history entries that made one, and names their instructions', () => {
    const { result } = analyse(
      [[['a', 'file', 1]], [['b', 'file', 1]]],
      [
        { created_by: '/bin/sh -c #(nop) ADD file:abc in / ' },
        { created_by: '/bin/sh -c #(nop)  ENV X=1', empty_layer: true },
        { created_by: 'RUN /bin/sh -c echo hi > /b # buildkit' },
      ],
    );
    expect(result.layers.map((l) => l.instruction)).toEqual(['ADD file:abc in /', 'RUN /bin/sh -c echo hi > /b']);
  });
});
