// The built renderer in Chromium talking to the built Electron main (under the stand-in) over its IPC, not the WebSocket.
import { join, resolve } from 'node:path';
import { chromium, selectors, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callChannel } from '../../src-main/contract/channels';
import type { StandInMain } from '../support/electron-stand-in/driver';
import { startBuiltMain } from '../support/electron-stand-in/started-main';
import { cleanupTestObjects, testEngine } from '../support/engine';
import { createSleeper } from '../support/sleeper';
import { makeOwnedTempDir } from '../support/temp-dirs';
import { ContainersPage } from './pages/containers-page';
import { CHROMIUM_ARGS, navigate } from './support/chromium';
import { bridgePageToStandIn } from './support/stand-in-bridge';
import { serveFolder, type StaticFolderServer } from './support/static-folder-server';

const RENDERER_DIR = join(resolve(import.meta.dirname, '../..'), 'out/renderer');

let main: StandInMain | undefined;
let server: StaticFolderServer | undefined;
let browser: Browser | undefined;
let page: Page;
let stopBridge: (() => void) | undefined;
const pageErrors: string[] = [];
/** The container the first test created and saw listed. */
let listed = '';

beforeAll(async () => {
  selectors.setTestIdAttribute('data-test');
  // startBuiltMain builds out/ when stale, so the renderer served is the one main loads.
  ({ main } = await startBuiltMain({
    DOCKER_HOST: testEngine().dockerHost,
    BERTH_HOME: makeOwnedTempDir('berth-electron-ipc-'),
  }));
  server = await serveFolder(RENDERER_DIR);
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('console', (message) => message.type() === 'error' && pageErrors.push(message.text()));
  page.on('websocket', (socket) => pageErrors.push(`the page opened a WebSocket: ${socket.url()}`));
  stopBridge = await bridgePageToStandIn(page, main);
  await navigate(page, () => page.goto(server!.url));
});

afterAll(async () => {
  stopBridge?.();
  await browser?.close().catch(() => undefined);
  await server?.close();
  await main?.stop();
  await cleanupTestObjects(testEngine().docker);
});

describe('the renderer over the stand-in IPC', () => {
  it('lists a container the test created on the Containers page, fetched and kept fresh over IPC', async () => {
    await page.locator('[data-test="engine-badge"][data-state="connected"]').waitFor({ timeout: 30_000 });
    const containers = new ContainersPage(page);
    await containers.open();
    const { container, name } = await createSleeper('ipc-listed');
    // Only the containers.changed event reaching the page through the stand-in makes the list re-fetch.
    await containers.row(name).waitFor({ timeout: 15_000 });
    await container.start();
    await containers.waitForState(name, 'running');
    listed = name;

    const invoked = (await main!.calls())
      .filter((call) => call.api === 'ipcRenderer' && call.method === 'invoke')
      .map((call) => call.args[0]);
    expect(invoked).toContain(callChannel('containers.list'));
    const listens = (await main!.calls()).filter((call) => call.api === 'ipcRenderer' && call.method === 'on');
    expect(listens.length).toBeGreaterThan(0);
    expect(pageErrors).toEqual([]);
  });

  it("stops that container from its row's Stop action, through main's containers.stop handler", async () => {
    const containers = new ContainersPage(page);
    expect(listed).not.toBe('');
    await containers.action(listed, 'stop');
    await containers.waitForState(listed, 'exited');
    expect((await testEngine().docker.getContainer(listed).inspect()).State.Running).toBe(false);
    const invoked = (await main!.calls()).filter((call) => call.api === 'ipcRenderer' && call.method === 'invoke');
    expect(invoked.map((call) => call.args[0])).toContain(callChannel('containers.stop'));
    expect(pageErrors).toEqual([]);
  });
});
