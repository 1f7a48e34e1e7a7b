// Names in confirmations and previews: A to Z, numbers by value, case only as a tie-breaker.
import { describe, expect, it } from 'vitest';
import { sortNames } from '../../../src-renderer/src/format';

describe('sortNames', () => {
  it('orders numbers in names by value', () => {
    expect(sortNames(['web-10', 'web-2', 'web-1', 'db-1'])).toEqual(['db-1', 'web-1', 'web-2', 'web-10']);
  });

  it('ignores case but keeps a stable order for names that differ only in case', () => {
    expect(sortNames(['b', 'Web', 'a', 'web'])).toEqual(['a', 'b', 'Web', 'web']);
  });

  it('returns a copy and leaves the input alone', () => {
    const names = ['b', 'a'];
    expect(sortNames(names)).toEqual(['a', 'b']);
    expect(names).toEqual(['b', 'a']);
  });
});
