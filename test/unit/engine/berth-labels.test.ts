// Which engine objects are Berth's own, and how its helper containers are named and labelled.
import { describe, expect, it } from 'vitest';
import {
  helperContainerLabels,
  helperContainerName,
  isBerthContainer,
  isBerthImage,
} from '../../../src-main/engine/berth-labels';

describe("Berth's own objects", () => {
  it('are helper containers by the value "container", not the image\'s inherited "1"', () => {
    expect(isBerthContainer(helperContainerLabels('volume-export'))).toBe(true);
    expect(isBerthContainer({ 'berth.helper': '1' })).toBe(false);
    expect(isBerthContainer(null)).toBe(false);
  });

  it('is the helper image by its label and berth/helper tag, not an image built FROM it', () => {
    expect(isBerthImage({ 'berth.helper': '1' }, ['berth/helper:1'])).toBe(true);
    expect(isBerthImage({ 'berth.helper': '1', derived: 'yes' }, ['mine:latest'])).toBe(false);
    expect(isBerthImage({ 'berth.helper': '1' }, [])).toBe(false);
    expect(isBerthImage({}, ['berth/helper:1'])).toBe(false);
  });

  it('names helper containers berth-helper-<job>-<6 hex>, each differently, with the job as a label', () => {
    const names = new Set(Array.from({ length: 20 }, () => helperContainerName('volume-files')));
    expect(names.size).toBe(20);
    for (const name of names) expect(name).toMatch(/^berth-helper-volume-files-[0-9a-f]{6}$/);
    expect(helperContainerLabels('volume-clone-target')).toEqual({
      'berth.helper': 'container',
      'berth.helper.job': 'volume-clone-target',
    });
  });
});
