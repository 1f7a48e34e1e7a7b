// Starts the built main (rebuilt when stale) under the stand-in and waits until its window has loaded its page.
import { ensureBuiltApp } from './built-app';
import { startStandInMain, type StandInMain } from './driver';
import type { ChildStatus } from './protocol';
import { waitFor } from '../engine';

export interface StartedMain {
  main: StandInMain;
  /** The child's status once the window's page loaded and IPC was bound. */
  started: ChildStatus;
}

/** `env` is added to the child's environment (DOCKER_HOST, BERTH_HOME, HOME…); the failure message carries its log. */
export async function startBuiltMain(env: NodeJS.ProcessEnv): Promise<StartedMain> {
  const main = startStandInMain(env, await ensureBuiltApp());
  const started = await waitFor(
    async () => {
      const status = await main.status();
      return status.windows[0]?.url && status.channels.length > 0 ? status : undefined;
    },
    { timeoutMs: 60_000, message: 'the main window loading its page' },
  ).catch(async (error: Error) => {
    await main.stop();
    throw new Error(`${error.message}\n${main.log()}`);
  });
  return { main, started };
}
