// Pull and push progress: layer updates merged in order, per-layer and overall fractions, byte text.
import { describe, expect, it } from 'vitest';
import type { LayerProgress } from '../../../src-main/contract/dto/images';
import {
  layerBytes,
  layerFraction,
  layersDone,
  mergeLayers,
  overallFraction,
} from '../../../src-renderer/src/components/images/transfer-progress';

const layer = (id: string, status: string, current?: number, total?: number): LayerProgress => ({
  id,
  status,
  ...(current !== undefined ? { current } : {}),
  ...(total !== undefined ? { total } : {}),
});

describe('mergeLayers', () => {
  it('replaces known layers in place, appends new ones, and skips per-tag lines', () => {
    const first = mergeLayers(
      [],
      [layer('1.0', 'Pulling from berth/app'), layer('a', 'Waiting'), layer('b', 'Waiting')],
    );
    expect(first.map((l) => l.id)).toEqual(['a', 'b']);
    const next = mergeLayers(first, [layer('b', 'Downloading', 5, 10), layer('c', 'Pulling fs layer')]);
    expect(next).toEqual([layer('a', 'Waiting'), layer('b', 'Downloading', 5, 10), layer('c', 'Pulling fs layer')]);
    expect(first[1]).toEqual(layer('b', 'Waiting'));
  });
});

describe('layerFraction', () => {
  it('fills a pulled layer 70 % while downloading and the rest while extracting', () => {
    expect(layerFraction(layer('a', 'Pulling fs layer'), 'pull')).toBe(0);
    expect(layerFraction(layer('a', 'Downloading', 50, 100), 'pull')).toBeCloseTo(0.35);
    expect(layerFraction(layer('a', 'Download complete'), 'pull')).toBeCloseTo(0.7);
    expect(layerFraction(layer('a', 'Extracting', 100, 100), 'pull')).toBeCloseTo(1);
    expect(layerFraction(layer('a', 'Extracting', 50, 100), 'pull')).toBeCloseTo(0.85);
    expect(layerFraction(layer('a', 'Pull complete'), 'pull')).toBe(1);
    expect(layerFraction(layer('a', 'Already exists'), 'pull')).toBe(1);
  });

  it('fills a pushed layer by bytes sent, full only once the registry has it', () => {
    expect(layerFraction(layer('a', 'Preparing'), 'push')).toBe(0);
    expect(layerFraction(layer('a', 'Pushing', 25, 100), 'push')).toBeCloseTo(0.25);
    expect(layerFraction(layer('a', 'Pushing', 120, 100), 'push')).toBe(0.99);
    expect(layerFraction(layer('a', 'Pushed'), 'push')).toBe(1);
    expect(layerFraction(layer('a', 'Layer already exists'), 'push')).toBe(1);
    expect(layerFraction(layer('a', 'Mounted from library/busybox'), 'push')).toBe(1);
  });
});

describe('overall progress', () => {
  it('averages the layers and counts the finished ones', () => {
    const layers = [layer('a', 'Pull complete'), layer('b', 'Downloading', 0, 10)];
    expect(overallFraction([], 'pull')).toBeUndefined();
    expect(overallFraction(layers, 'pull')).toBeCloseTo(0.5);
    expect(layersDone(layers, 'pull')).toBe(1);
  });

  it('writes bytes only when the engine reports them', () => {
    expect(layerBytes(layer('a', 'Downloading', 1_200_000, 3_400_000))).toBe('1.2 MB / 3.4 MB');
    expect(layerBytes(layer('a', 'Waiting'))).toBe('');
  });
});
