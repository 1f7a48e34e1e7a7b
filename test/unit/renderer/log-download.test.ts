// What a downloaded log leaves out, in words: loading, a range, dropped and cleared lines.
import { describe, expect, it } from 'vitest';
import { missingFromDownload } from '../../../src-renderer/src/components/logs/log-download';

const whole = { range: 'all', caughtUp: true, length: 10, dropped: 0, cleared: 0 } as const;

describe('missingFromDownload', () => {
  it('says nothing when the lines held are the whole log', () => {
    expect(missingFromDownload(whole)).toEqual([]);
  });

  it('names every reason the lines held are not the whole log', () => {
    expect(
      missingFromDownload({ range: 'tail-1000', caughtUp: false, length: 1234, dropped: 5000, cleared: 1 }),
    ).toEqual([
      'The logs are still loading: 1,234 lines so far.',
      'The range shown is the last 1,000 lines (and what came since); choose “All lines” for the whole log.',
      'The oldest 5,000 lines were dropped to keep the view fast.',
      '1 line cleared from the view is left out.',
    ]);
    expect(missingFromDownload({ ...whole, range: 'since-1h', cleared: 3 })).toEqual([
      'The range shown is the last hour (and what came since); choose “All lines” for the whole log.',
      '3 lines cleared from the view are left out.',
    ]);
  });
});
