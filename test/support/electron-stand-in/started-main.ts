// Starts the built main (rebuilt when stale) under the stand-in and waits until its window has loaded its page.
import { ensureBuiltApp } from './built-app';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { MethodName } from '../../../src-main/contract/api';
import { callChannel } from '../../../src-main/contract/channels';
import type { WireResult } from '../../../src-main/contract/result';
import { startStandInMain, type StandInMain, type StandInOptions } from './driver';
import type { ChildStatus } from './protocol';
import { waitFor } from '../engine';

export interface StartedMain {
  main: StandInMain;
  /** The child's status once the window's page loaded and IPC was bound. */
  started: ChildStatus;
}

/** The URL of the built renderer: what main trusts as its own page. */
export const OWN_PAGE_URL = pathToFileURL(
  join(resolve(import.meta.dirname, '../../..'), 'out/renderer/index.html'),
).href;

/**
 * `env` is added to the child's environment (DOCKER_HOST, BERTH_HOME, HOME…), `options` as for startStandInMain;
 * the failure message carries its log.
 */
export async function startBuiltMain(
  env: NodeJS.ProcessEnv,
  options: Omit<StandInOptions, 'bundle'> = {},
): Promise<StartedMain> {
  const main = startStandInMain(env, { ...options, bundle: await ensureBuiltApp() });
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

/** Calls `method` through main's ipcMain handler as Berth's own page does. */
export async function callAsPage<T = unknown>(
  main: StandInMain,
  method: MethodName,
  args: unknown,
): Promise<WireResult<T>> {
  return (await main.invoke(callChannel(method), OWN_PAGE_URL, args)) as WireResult<T>;
}
