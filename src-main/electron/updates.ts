// Berth's own updates (electron-updater), off by default: checks a feed only when updatePlan says so, and says when one is ready.
import { Notification } from 'electron';
import type { AppUpdater } from 'electron-updater';
import { UPDATE_CHECK_INTERVAL_MS, updatePlan } from '../core/update-plan';
import type { SettingsStore } from '../settings/settings-store';

/** Follows the updates settings: checks the feed at once and then every UPDATE_CHECK_INTERVAL_MS while the plan says so. */
export function startUpdates(settings: SettingsStore, packaged: boolean): () => void {
  let timer: NodeJS.Timeout | undefined;
  let feed: string | undefined;
  const apply = () => {
    const plan = updatePlan(settings.settings.updates, packaged);
    const next = plan.check ? plan.feedUrl : undefined;
    if (next === feed) return;
    feed = next;
    clearInterval(timer);
    timer = undefined;
    if (!next) return;
    const check = () => void checkFeed(next);
    check();
    timer = setInterval(check, UPDATE_CHECK_INTERVAL_MS);
  };
  apply();
  const off = settings.onChange((next, previous) => {
    if (next.updates.enabled !== previous.updates.enabled || next.updates.feedUrl !== previous.updates.feedUrl) apply();
  });
  return () => {
    off();
    clearInterval(timer);
  };
}

let updater: Promise<AppUpdater> | undefined;

/** electron-updater, loaded the first time updates are on (it reads the app's files and starts work of its own). */
function loadUpdater(): Promise<AppUpdater> {
  updater ??= import('electron-updater').then(({ default: { autoUpdater } }) => {
    autoUpdater.autoDownload = true;
    autoUpdater.autoInstallOnAppQuit = true;
    autoUpdater.on('update-downloaded', (info) => {
      if (!Notification.isSupported()) return;
      new Notification({
        title: `Berth ${info.version} is ready`,
        body: 'It is installed when you quit Berth.',
      }).show();
    });
    return autoUpdater;
  });
  return updater;
}

/** Points electron-updater at `feedUrl` (an electron-builder "generic" feed) and checks it. */
async function checkFeed(feedUrl: string): Promise<void> {
  try {
    const autoUpdater = await loadUpdater();
    autoUpdater.setFeedURL({ provider: 'generic', url: feedUrl });
    await autoUpdater.checkForUpdates();
  } catch (error) {
    console.error(`Update check failed: ${(error as Error).message}`);
  }
}
