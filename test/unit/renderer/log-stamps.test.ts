// Packed timestamps: the engine's stamps of one width share a prefix; any other mix is kept as it came.
import { describe, expect, it } from 'vitest';
import { packStamps } from '../../../src-renderer/src/components/logs/log-stamps';

const read = (stamps: string[]) => {
  const column = packStamps(stamps);
  return stamps.map((_, j) => column.at(j));
};

describe('packStamps', () => {
  it('reads back stamps of one width, whatever they share', () => {
    const stamps = [
      '2024-05-01T10:00:05.200000000Z',
      '2024-05-01T10:00:05.700000000Z',
      '2024-05-01T10:59:59.999999999Z',
      '2024-05-02T00:00:00.000000000Z',
    ];
    expect(read(stamps)).toEqual(stamps);
    expect(read([stamps[0]!, stamps[0]!])).toEqual([stamps[0], stamps[0]]);
    expect(read([stamps[3]!])).toEqual([stamps[3]]);
  });

  it('reads back stamps of mixed widths and lines without one', () => {
    const stamps = ['2024-05-01T10:00:05.2Z', '', '2024-05-01T10:00:05.200000000Z', 'T'];
    expect(read(stamps)).toEqual(stamps);
    expect(read(['', '2024-05-01T10:00:05Z'])).toEqual(['', '2024-05-01T10:00:05Z']);
  });
});
