// A volume's size as the UI writes it: bytes, or "—" with why the size is not known.
import { describe, expect, it } from 'vitest';
import { volumeSize } from '../../../src-renderer/src/components/volumes/volume-size';

describe('volumeSize', () => {
  it('writes a measured size, 0 B included, without a hint', () => {
    expect(volumeSize({ size: 8 })).toEqual({ text: '8 B' });
    expect(volumeSize({ size: 0 })).toEqual({ text: '0 B' });
  });

  it('writes "—" for an unknown size, with why', () => {
    expect(volumeSize({ size: null, sizeUnknown: 'not-measured' })).toEqual({
      text: '—',
      hint: 'Size not measured yet',
    });
    expect(volumeSize({ size: null, sizeUnknown: 'not-reported' })).toEqual({
      text: '—',
      hint: "This volume's driver does not report its size",
    });
  });
});
