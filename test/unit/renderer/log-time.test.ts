// Log timestamps: nanosecond comparison, whole seconds for `since`, the short local form.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isAfter, shortStamp, stampNanos, unixSeconds } from '../../../src-renderer/src/components/logs/log-time';

describe('log timestamps', () => {
  const tz = process.env.TZ;
  beforeAll(() => {
    process.env.TZ = 'UTC';
  });
  afterAll(() => {
    process.env.TZ = tz;
  });

  it('reads RFC 3339 with any fraction and offset', () => {
    expect(stampNanos('1970-01-01T00:00:01.5Z')).toBe(1_500_000_000n);
    expect(stampNanos('1970-01-01T00:00:01.000000007Z')).toBe(1_000_000_007n);
    expect(stampNanos('1970-01-01T01:00:00+01:00')).toBe(0n);
    expect(stampNanos('yesterday')).toBeUndefined();
  });

  it('compares beyond milliseconds, where string order would be wrong', () => {
    expect(isAfter('2024-01-01T00:00:05.1Z', '2024-01-01T00:00:05.12Z')).toBe(false);
    expect(isAfter('2024-01-01T00:00:05.12Z', '2024-01-01T00:00:05.12Z')).toBe(false);
    expect(isAfter('2024-01-01T00:00:05.120000001Z', '2024-01-01T00:00:05.12Z')).toBe(true);
    expect(isAfter(undefined, '2024-01-01T00:00:05Z')).toBe(true);
  });

  it('gives whole seconds for since', () => {
    expect(unixSeconds('1970-01-01T00:01:40.999Z')).toBe(100);
  });

  it('shows local time to the millisecond', () => {
    expect(shortStamp('2024-05-01T14:03:09.123456789Z')).toBe('2024-05-01 14:03:09.123');
    expect(shortStamp('not a time')).toBe('not a time');
  });
});
