// Waits until a stand-in main's tray shows what a test expects; a timeout's message carries the child's log.
import { waitFor } from '../wait';
import type { StandInMain } from './driver';
import type { TrayView } from './protocol';

export async function trayWhen(
  main: StandInMain,
  shows: (tray: TrayView) => boolean,
  what: string,
  timeoutMs = 30_000,
): Promise<TrayView> {
  return waitFor(
    async () => {
      const tray = await main.tray();
      return shows(tray) && tray;
    },
    { timeoutMs, message: `the tray showing ${what}` },
  ).catch((error: Error) => {
    throw new Error(`${error.message}\n${main.log()}`);
  });
}
