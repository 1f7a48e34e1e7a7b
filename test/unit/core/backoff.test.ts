import { describe, it, expect } from 'vitest';
import { Backoff, type BackoffOptions } from '../../../src-main/core/backoff';

const delays = (backoff: Backoff, count: number) => Array.from({ length: count }, () => backoff.next());

describe('Backoff', () => {
  it('doubles from initialMs up to maxMs', () => {
    expect(delays(new Backoff({ initialMs: 100, maxMs: 1000 }), 7)).toEqual([100, 200, 400, 800, 1000, 1000, 1000]);
  });

  it('uses the given factor', () => {
    expect(delays(new Backoff({ initialMs: 10, maxMs: 10_000, factor: 3 }), 5)).toEqual([10, 30, 90, 270, 810]);
    expect(delays(new Backoff({ initialMs: 100, maxMs: 1000, factor: 1.5 }), 4)).toEqual([100, 150, 225, 338]);
  });

  it('stays constant with factor 1', () => {
    expect(delays(new Backoff({ initialMs: 50, maxMs: 50, factor: 1 }), 3)).toEqual([50, 50, 50]);
  });

  it('stays at 0 when initialMs is 0', () => {
    expect(delays(new Backoff({ initialMs: 0, maxMs: 1000 }), 3)).toEqual([0, 0, 0]);
  });

  it('never overflows after many attempts', () => {
    const backoff = new Backoff({ initialMs: 1, maxMs: 30_000 });
    delays(backoff, 5000);
    expect(backoff.next()).toBe(30_000);
  });

  it('counts attempts and resets', () => {
    const backoff = new Backoff({ initialMs: 100, maxMs: 1000 });
    expect(backoff.attempts).toBe(0);
    delays(backoff, 3);
    expect(backoff.attempts).toBe(3);
    backoff.reset();
    expect(backoff.attempts).toBe(0);
    expect(backoff.next()).toBe(100);
    expect(backoff.attempts).toBe(1);
  });

  it('applies jitter as a random reduction of up to jitter × delay', () => {
    const randoms = [0, 0.5, 0.999, 0.25];
    const backoff = new Backoff({
      initialMs: 1000,
      maxMs: 8000,
      jitter: 0.5,
      random: () => randoms.shift() ?? 0,
    });
    // 1000 × (1 − 0.5 × 0), 2000 × (1 − 0.5 × 0.5), 4000 × (1 − 0.5 × 0.999), 8000 × (1 − 0.5 × 0.25)
    expect(delays(backoff, 4)).toEqual([1000, 1500, 2002, 7000]);
  });

  it('keeps growing from the un-jittered delay', () => {
    const backoff = new Backoff({ initialMs: 100, maxMs: 10_000, jitter: 1, random: () => 0.5 });
    expect(delays(backoff, 4)).toEqual([50, 100, 200, 400]);
  });

  it('with full jitter stays within [0, delay]', () => {
    const backoff = new Backoff({ initialMs: 100, maxMs: 1600, jitter: 1 });
    const caps = [100, 200, 400, 800, 1600, 1600];
    for (const cap of caps) {
      const delay = backoff.next();
      expect(delay).toBeGreaterThanOrEqual(0);
      expect(delay).toBeLessThanOrEqual(cap);
    }
  });

  it.each<[Partial<BackoffOptions>, string]>([
    [{ initialMs: -1 }, 'initialMs must be >= 0, got -1'],
    [{ initialMs: NaN }, 'initialMs must be >= 0, got NaN'],
    [{ initialMs: Infinity, maxMs: Infinity }, 'initialMs must be >= 0, got Infinity'],
    [{ maxMs: 50 }, 'maxMs must be >= initialMs, got 50'],
    [{ maxMs: Infinity }, 'maxMs must be >= initialMs, got Infinity'],
    [{ factor: 0.5 }, 'factor must be >= 1, got 0.5'],
    [{ jitter: -0.1 }, 'jitter must be within 0..1, got -0.1'],
    [{ jitter: 1.5 }, 'jitter must be within 0..1, got 1.5'],
  ])('rejects %j', (override, message) => {
    expect(() => new Backoff({ initialMs: 100, maxMs: 1000, ...override })).toThrow(new RangeError(message));
  });
});
