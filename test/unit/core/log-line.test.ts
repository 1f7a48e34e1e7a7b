import { describe, it, expect } from 'vitest';
import { joinPartials, splitTimestamp } from '../../../src-main/core/log-line';

describe('splitTimestamp', () => {
  it.each<[string, string, string]>([
    ['2024-01-02T03:04:05.123456789Z hello', '2024-01-02T03:04:05.123456789Z', 'hello'],
    ['2024-01-02T03:04:05.000000000Z hello world', '2024-01-02T03:04:05.000000000Z', 'hello world'],
    ['2024-01-02T03:04:05Z x', '2024-01-02T03:04:05Z', 'x'],
    ['2024-01-02T03:04:05.1Z x', '2024-01-02T03:04:05.1Z', 'x'],
    ['2024-01-02T03:04:05.123+02:00 x', '2024-01-02T03:04:05.123+02:00', 'x'],
    ['2024-01-02T03:04:05-07:30 x', '2024-01-02T03:04:05-07:30', 'x'],
    ['2024-12-31T23:59:60Z leap', '2024-12-31T23:59:60Z', 'leap'],
    ['2024-01-02T03:04:05.123456789Z ', '2024-01-02T03:04:05.123456789Z', ''],
    ['2024-01-02T03:04:05.123456789Z', '2024-01-02T03:04:05.123456789Z', ''],
    ['2024-01-02T03:04:05.123456789Z  two spaces', '2024-01-02T03:04:05.123456789Z', ' two spaces'],
    [
      '2024-01-02T03:04:05.123456789Z 2024-01-02T03:04:05Z nested',
      '2024-01-02T03:04:05.123456789Z',
      '2024-01-02T03:04:05Z nested',
    ],
  ])('splits %j', (line, timestamp, text) => {
    expect(splitTimestamp(line)).toEqual({ timestamp, text });
  });

  it.each([
    '',
    'hello',
    ' 2024-01-02T03:04:05Z x',
    '2024-01-02 03:04:05Z x',
    '2024-01-02T03:04:05 x',
    '2024-01-02T03:04:05.Z x',
    '2024-01-02T03:04:05.1234567890Z x',
    '2024-13-02T03:04:05Z x',
    '2024-00-02T03:04:05Z x',
    '2024-01-32T03:04:05Z x',
    '2024-01-00T03:04:05Z x',
    '2024-01-02T24:04:05Z x',
    '2024-01-02T03:60:05Z x',
    '2024-01-02T03:04:61Z x',
    '2024-01-02T03:04:05+0200 x',
    '2024-01-02T03:04:05zx',
    '2024-01-02T03:04:05Zhello',
    '2024-01-02T03:04:05Z\thello',
    '24-01-02T03:04:05Z x',
  ])('returns %j whole when it has no valid timestamp', (line) => {
    expect(splitTimestamp(line)).toEqual({ text: line });
  });

  it('has no timestamp key when there is none', () => {
    expect('timestamp' in splitTimestamp('plain')).toBe(false);
  });
});

describe('joinPartials', () => {
  const T = '2024-01-02T03:04:05.123456789Z';
  const a = 'a'.repeat(16384);
  const b = 'b'.repeat(16384);

  it('joins the pieces of a long line and says where each began', () => {
    expect(joinPartials(`${a}${T} ${b}${T} end`, T)).toEqual({ text: `${a}${b}end`, partials: [16384, 32768] });
  });

  it('leaves a line that is one message alone', () => {
    expect(joinPartials(a, T)).toBeUndefined();
    expect(joinPartials(`${a}2024-01-02T03:04:06.000000000Z ${b}`, T)).toBeUndefined();
  });

  it('does not look into short lines', () => {
    expect(joinPartials(`x${T} y`, T)).toBeUndefined();
  });

  it('keeps an empty last piece', () => {
    expect(joinPartials(`${a}${T} `, T)).toEqual({ text: a, partials: [16384] });
  });
});
