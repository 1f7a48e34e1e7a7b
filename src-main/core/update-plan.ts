// Whether Berth checks for its own updates, and where: from the updates settings and how Berth runs. Pure.

export interface UpdatesSettings {
  enabled: boolean;
  feedUrl?: string | undefined;
}

/** How often an installed Berth with updates on looks for a new release, in ms. */
export const UPDATE_CHECK_INTERVAL_MS = 6 * 60 * 60 * 1000;

export type UpdatePlan = { check: true; feedUrl: string } | { check: false; reason: string };

/**
 * Checks only when the user turned updates on, Berth is installed (a development build has
 * nothing to replace) and there is a feed: Berth publishes no release feed yet, so until it does
 * the user's `feedUrl` (an https:// electron-builder "generic" feed) is the only one.
 */
export function updatePlan(updates: UpdatesSettings, packaged: boolean): UpdatePlan {
  if (!updates.enabled) return { check: false, reason: 'Updates are off (Settings › Updates)' };
  if (!packaged) return { check: false, reason: 'A development build does not update itself' };
  if (!updates.feedUrl) return { check: false, reason: 'No update feed is set: Berth has no release feed yet' };
  return { check: true, feedUrl: updates.feedUrl };
}
