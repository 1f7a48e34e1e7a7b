// When Berth checks for its own updates: only when turned on, installed, and given a feed.
import { describe, expect, it } from 'vitest';
import { updatePlan } from '../../../src-main/core/update-plan';

const FEED = 'https://releases.example.test/berth';

describe('updatePlan', () => {
  it('never checks with updates off, the default, whatever else holds', () => {
    expect(updatePlan({ enabled: false, feedUrl: FEED }, true)).toEqual({
      check: false,
      reason: 'Updates are off (Settings › Updates)',
    });
  });

  it('never checks from a development build', () => {
    expect(updatePlan({ enabled: true, feedUrl: FEED }, false)).toMatchObject({ check: false });
  });

  it('does not check without a feed, since Berth publishes none yet', () => {
    expect(updatePlan({ enabled: true }, true)).toEqual({
      check: false,
      reason: 'No update feed is set: Berth has no release feed yet',
    });
  });

  it("checks the user's feed when on and installed", () => {
    expect(updatePlan({ enabled: true, feedUrl: FEED }, true)).toEqual({ check: true, feedUrl: FEED });
  });
});
