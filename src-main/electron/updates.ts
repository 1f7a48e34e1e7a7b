// Berth's own updates (electron-updater), off by default: checks a feed only when updatePlan says so, and says when one is ready.
import { Notification } from 'electron';
import { UPDATE_CHECK_INTERVAL_MS, updatePlan } from '../core/update-plan';
import type { SettingsStore } from '../settings/settings-store';

/** Follows the updates settings; returns a function that stops checking. */
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
    if (!plan.check) return;
    void checkEvery(plan.feedUrl).then((handle) => {
      if (feed === plan.feedUrl) timer = handle;
      else clearInterval(handle);
    });
  };
  apply();
  const off = settings.onChange((next, previous) => {
    if (next.updates.enabled !== previous.updates.enabled || next.updates.feedUrl !== previous.updates.feedUrl) apply();
  });
  return () => {
    off();
    feed = undefined;
    clearInterval(timer);
  };
}

/** Points electron-updater at `feedUrl`, checks now and then every UPDATE_CHECK_INTERVAL_MS. */
async function checkEvery(feedUrl: string): Promise<NodeJS.Timeout> {
  // Loaded only when updates are on: it reads the app's files and starts work of its own.
  const { autoUpdater } = (await import('electron-updater')).default;
  autoUpdater.removeAllListeners('update-downloaded');
  autoUpdater.setFeedURL({ provider: 'generic', url: feedUrl });
  autoUpdater.autoDownload = true;
  autoUpdater.autoInstallOnAppQuit = true;
  autoUpdater.on('update-downloaded', (info) => {
    if (!Notification.isSupported()) return;
    new Notification({
      title: `Berth ${info.version} is ready`,
      body: 'It is installed when you quit Berth.',
    }).show();
  });
  const check = () =>
    void autoUpdater.checkForUpdates().catch((error: Error) => console.error(`Update check failed: ${error.message}`));
  check();
  return setInterval(check, UPDATE_CHECK_INTERVAL_MS);
}
