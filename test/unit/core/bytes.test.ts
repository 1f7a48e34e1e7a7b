import { describe, it, expect } from 'vitest';
import { formatBytes, parseByteSize, parseCpus } from '../../../src-main/core/bytes';
import { ParseError } from '../../../src-main/core/parse-error';

const KiB = 1024;
const MiB = 1024 * KiB;
const GiB = 1024 * MiB;
const TiB = 1024 * GiB;
const PiB = 1024 * TiB;

describe('parseByteSize', () => {
  it.each<[string, number]>([
    ['0', 0],
    ['100', 100],
    ['100b', 100],
    ['100B', 100],
    ['64k', 64 * KiB],
    ['64K', 64 * KiB],
    ['64kb', 64 * KiB],
    ['64KB', 64 * KiB],
    ['64ki', 64 * KiB],
    ['64KiB', 64 * KiB],
    ['64kib', 64 * KiB],
    ['512m', 512 * MiB],
    ['512MB', 512 * MiB],
    ['512MiB', 512 * MiB],
    ['1g', GiB],
    ['1G', GiB],
    ['1.5g', 1.5 * GiB],
    ['1.5 GiB', 1.5 * GiB],
    ['2t', 2 * TiB],
    ['1p', PiB],
    ['0.5k', 512],
    ['1.7b', 1],
    ['1.0001k', 1024],
    ['007m', 7 * MiB],
    ['1 ', 1],
  ])('parses %j as %d bytes', (input, bytes) => {
    expect(parseByteSize(input)).toBe(bytes);
  });

  it.each([
    '',
    ' ',
    '-1',
    '-1m',
    'abc',
    'm',
    '1x',
    '1mm',
    '1ib',
    '1kbb',
    ' 1',
    '1  m',
    '1.',
    '.5m',
    '1.2.3',
    '1e3',
    '0x10',
    '1,5g',
    'Infinity',
  ])('rejects %j', (input) => {
    expect(() => parseByteSize(input)).toThrow(
      new ParseError(`invalid size "${input}": must be a number with an optional unit b, k, m, g, t or p`),
    );
  });

  it('rejects sizes beyond 2^53 - 1 bytes', () => {
    expect(() => parseByteSize('9p')).toThrow(new ParseError('invalid size "9p": too large'));
    expect(parseByteSize('7p')).toBe(7 * PiB);
  });
});

describe('parseCpus', () => {
  it.each<[string, number]>([
    ['1', 1_000_000_000],
    ['1.5', 1_500_000_000],
    ['0.5', 500_000_000],
    ['.5', 500_000_000],
    ['2.', 2_000_000_000],
    ['0.01', 10_000_000],
    ['0.000000001', 1],
    ['16', 16_000_000_000],
    ['1.123456789', 1_123_456_789],
    ['1.5000000000000', 1_500_000_000],
    ['004', 4_000_000_000],
  ])('parses %j as %d NanoCPUs', (input, nanoCpus) => {
    expect(parseCpus(input)).toBe(nanoCpus);
  });

  it.each<[string, string]>([
    ['', 'must be a decimal number such as 1.5'],
    ['.', 'must be a decimal number such as 1.5'],
    ['abc', 'must be a decimal number such as 1.5'],
    ['-1', 'must be a decimal number such as 1.5'],
    ['+1', 'must be a decimal number such as 1.5'],
    ['1e3', 'must be a decimal number such as 1.5'],
    ['1,5', 'must be a decimal number such as 1.5'],
    [' 1', 'must be a decimal number such as 1.5'],
    ['3/2', 'must be a decimal number such as 1.5'],
    ['0', 'must be greater than 0'],
    ['0.0', 'must be greater than 0'],
    ['0.0000000001', 'at most 9 digits after the point'],
    ['1.1234567891', 'at most 9 digits after the point'],
    ['99999999999', 'too large'],
  ])('rejects %j', (input, reason) => {
    expect(() => parseCpus(input)).toThrow(new ParseError(`invalid CPU count "${input}": ${reason}`));
  });
});

describe('formatBytes', () => {
  it.each<[number, string]>([
    [0, '0 B'],
    [1, '1 B'],
    [999, '999 B'],
    [1000, '1 kB'],
    [1500, '1.5 kB'],
    [1549, '1.5 kB'],
    [1550, '1.6 kB'],
    [999_949, '999.9 kB'],
    [999_950, '1 MB'],
    [1_500_000, '1.5 MB'],
    [1e9, '1 GB'],
    [2.25e12, '2.3 TB'],
    [1e15, '1 PB'],
    [1e18, '1 EB'],
    [5e21, '5000 EB'],
    [-1500, '-1.5 kB'],
    [-0.01, '0 B'],
    [0.5, '0.5 B'],
  ])('formats %d decimal as %j', (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text);
  });

  it.each<[number, string]>([
    [0, '0 B'],
    [1000, '1000 B'],
    [1023, '1023 B'],
    [1024, '1 KiB'],
    [1536, '1.5 KiB'],
    [1_048_524, '1023.9 KiB'],
    [1_048_575, '1 MiB'],
    [512 * 1024 * 1024, '512 MiB'],
    [1.5 * 1024 ** 3, '1.5 GiB'],
    [1024 ** 4, '1 TiB'],
    [1024 ** 5, '1 PiB'],
    [1024 ** 6, '1 EiB'],
  ])('formats %d binary as %j', (bytes, text) => {
    expect(formatBytes(bytes, { binary: true })).toBe(text);
  });

  it('uses decimal units when binary is false', () => {
    expect(formatBytes(1536, { binary: false })).toBe('1.5 kB');
  });

  it.each([NaN, Infinity, -Infinity])('refuses %d', (bytes) => {
    expect(() => formatBytes(bytes)).toThrow(new RangeError(`cannot format ${bytes} bytes`));
  });
});
