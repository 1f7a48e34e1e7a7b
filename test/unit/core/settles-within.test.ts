// settlesWithin: true for a promise that resolves or rejects in time, false when the time runs out first.
import { describe, expect, it } from 'vitest';
import { settlesWithin } from '../../../src-main/core/settles-within';

describe('settlesWithin', () => {
  it('is true for a promise that resolves or rejects in time', async () => {
    expect(await settlesWithin(Promise.resolve(1), 1_000)).toBe(true);
    expect(await settlesWithin(Promise.reject(new Error('no')), 1_000)).toBe(true);
  });

  it('is false when the promise is still pending at the end of the time', async () => {
    const started = Date.now();
    expect(await settlesWithin(new Promise(() => undefined), 50)).toBe(false);
    expect(Date.now() - started).toBeGreaterThanOrEqual(45);
  });
});
