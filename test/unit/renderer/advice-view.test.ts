import { describe, expect, it } from 'vitest';
import type { AdviceFinding } from '../../../src-main/contract/dto/advice';
import { imageMatch, layerCost, messageParts } from '../../../src-renderer/src/components/advice/advice-view';

const finding = (over: Partial<AdviceFinding>): AdviceFinding => ({
  rule: 'package-cache-kept',
  severity: 'medium',
  title: 't',
  message: 'm',
  lines: { start: 1, end: 1 },
  quote: ['RUN x'],
  layers: [],
  ...over,
});
const layer = (size: number, pathBytes?: number) => ({
  history: 1,
  createdBy: 'RUN x',
  size,
  ...(pathBytes === undefined ? {} : { pathBytes }),
});

describe('advice view', () => {
  it('says what the layers cost, and the exact bytes where a layer analysis counted them', () => {
    expect(layerCost(finding({}))).toBeUndefined();
    expect(layerCost(finding({ layers: [layer(48_200_000)] }))).toBe('This layer is 48.2 MB');
    expect(layerCost(finding({ layers: [layer(1_000_000), layer(2_000_000)] }))).toBe('These 2 layers are 3 MB');
    expect(layerCost(finding({ layers: [layer(48_200_000, 31_000_000)], paths: ['/var/lib/apt/lists'] }))).toBe(
      'This layer is 48.2 MB, 31 MB of it under /var/lib/apt/lists',
    );
  });

  it('splits code spans out of a message', () => {
    expect(messageParts('use `apk add --no-cache` here')).toEqual([
      { text: 'use ', code: false },
      { text: 'apk add --no-cache', code: true },
      { text: ' here', code: false },
    ]);
  });

  it('says how much of the image matched, and when nothing did', () => {
    const report = (matched: number, layerSteps: number) => ({
      findings: [],
      stages: 1,
      image: { id: 'i', matched, layerSteps },
    });
    expect(imageMatch({ findings: [], stages: 1 })).toBeUndefined();
    expect(imageMatch(report(2, 3))).toBe("2 of 3 RUN, COPY or ADD instructions found in this image's layers.");
    expect(imageMatch(report(0, 3))).toMatch(/does not match the Dockerfile's final stage/);
  });
});
