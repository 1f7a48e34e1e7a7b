// The built Electron main run under Node with a stand-in 'electron', against the test engine: start-up, the window, IPC, quit.
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { methodNames } from '../../src-main/contract/api';
import { callChannel } from '../../src-main/contract/channels';
import { secureWebPreferences } from '../../src-main/electron/security-policy';
import { ensureBuiltApp } from '../support/electron-stand-in/built-app';
import { startStandInMain, type StandInMain } from '../support/electron-stand-in/driver';
import type { ChildStatus } from '../support/electron-stand-in/protocol';
import { startBuiltMain } from '../support/electron-stand-in/started-main';
import { cleanupTestObjects, testEngine, testLabels, uniqueName, waitFor } from '../support/engine';
import { waitForExit } from '../support/processes';
import { makeOwnedTempDir } from '../support/temp-dirs';

const ROOT = resolve(import.meta.dirname, '../..');
const RENDERER = join(ROOT, 'out/renderer/index.html');
const OWN_URL = pathToFileURL(RENDERER).href;
const VERSION = callChannel('system.version');

let main: StandInMain;
let started: ChildStatus;

beforeAll(async () => {
  ({ main, started } = await startBuiltMain({
    DOCKER_HOST: testEngine().dockerHost,
    BERTH_HOME: makeOwnedTempDir('berth-electron-main-'),
  }));
});

afterAll(async () => {
  await main?.stop();
  await cleanupTestObjects(testEngine().docker);
});

describe('the built Electron main', () => {
  it('gets to app ready and opens one window, isolated, sandboxed and without Node, on its own page', async () => {
    expect(started.ready).toBe(true);
    expect(started.windows).toHaveLength(1);
    const [window] = started.windows;
    expect(window?.url).toBe(OWN_URL);
    expect(window?.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
    });
    expect(window?.options.webPreferences).toEqual(secureWebPreferences(join(ROOT, 'out/preload/index.cjs')));
    const calls = await main.calls();
    expect(calls.filter((call) => call.method === 'new' && call.api.startsWith('BrowserWindow#'))).toHaveLength(1);
    expect(calls).toContainEqual({ api: 'app', method: 'requestSingleInstanceLock', args: [] });
    expect(calls).toContainEqual({ api: 'app', method: 'whenReady', args: [] });
    // security.ts: no permissions, every new window refused.
    expect(calls.map((call) => `${call.api}.${call.method}`)).toEqual(
      expect.arrayContaining([
        'session.defaultSession.setPermissionRequestHandler',
        'session.defaultSession.setPermissionCheckHandler',
        'webContents#1.setWindowOpenHandler',
      ]),
    );
    expect(started.errors).toEqual([]);
  });

  it("registers an IPC handler for exactly the contract's methods", () => {
    expect([...started.channels].sort()).toEqual(methodNames.map(callChannel).sort());
  });

  it("answers its own page's call with the engine's data", async () => {
    const engine = await testEngine().docker.version();
    expect(await main.invoke(VERSION, OWN_URL, {})).toMatchObject({
      ok: true,
      value: { version: engine.Version, apiVersion: engine.ApiVersion },
    });
    expect(await main.invoke(VERSION, `${OWN_URL}#/containers`, {})).toMatchObject({ ok: true });
  });

  it.each([
    ['another origin', 'https://evil.example/'],
    ['file: of another path', pathToFileURL(join(ROOT, 'out/renderer/other.html')).href],
    ['file: of the same path on another host', `file://otherhost${new URL(OWN_URL).pathname}`],
    ['devtools:', 'devtools://devtools/bundled/inspector.html'],
    ['about:blank', 'about:blank'],
    ['no frame', null],
  ])('refuses a call from %s', async (_what, frameUrl) => {
    expect(await main.invoke(VERSION, frameUrl, {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('runs the preload in the page, which exposes only window.berth with call and on', async () => {
    expect(started.windows[0]?.exposed).toEqual({ berth: ['call', 'on'] });
    const calls = await main.calls();
    expect(calls.filter((call) => call.api === 'contextBridge')).toEqual([
      {
        api: 'contextBridge',
        method: 'exposeInMainWorld',
        args: ['berth', { call: '[function call]', on: '[function on]' }],
      },
    ]);
  });

  it('answers window.berth.call from the page over IPC, and the preload refuses what the contract lacks', async () => {
    const engine = await testEngine().docker.version();
    expect(await main.pageCall('system.version', {})).toMatchObject({ ok: true, value: { version: engine.Version } });
    expect(await main.pageCall('shell.run', { command: 'id' })).toMatchObject({
      ok: false,
      error: { code: 'unknown-method' },
    });
    const invoked = (await main.calls()).filter((call) => call.api === 'ipcRenderer' && call.method === 'invoke');
    expect(invoked.map((call) => call.args[0])).toEqual([VERSION]);
    await expect(main.pageOn('shell.output')).rejects.toThrow('unknown event "shell.output"');
  });

  it('delivers engine events to the page through window.berth.on', async () => {
    const { docker, image } = testEngine();
    await main.pageOn('containers.changed');
    const container = await docker.createContainer({
      Image: image,
      name: uniqueName('ipc-event'),
      Labels: testLabels(),
    });
    await waitFor(
      async () => (await main.pageEvents()).some(({ payload }) => JSON.stringify(payload).includes(container.id)),
      { timeoutMs: 10_000, message: 'the page hearing containers.changed for the new container' },
    );
  });

  it("quits with code 0 from the tray's Quit item once its before-quit clean-up has run", async () => {
    await main.trayClick(['Quit Berth']);
    expect(await waitForExit(main.child, 30_000)).toBe(true);
    expect(main.child.exitCode).toBe(0);
    const report = main.exitReport();
    expect(report).toMatchObject({ code: 0, errors: [] });
    // The tray's app.quit() is cancelled by Berth's before-quit handler, which stops tray and backend, then quits again.
    const done = report?.calls.map((call) => `${call.api}.${call.method}`) ?? [];
    expect(done.filter((call) => call === 'app.quit')).toHaveLength(2);
    expect(done.indexOf('Tray#1.destroy')).toBeGreaterThan(done.indexOf('app.quit'));
    expect(done.indexOf('Tray#1.destroy')).toBeLessThan(done.lastIndexOf('app.quit'));
  });
});

describe('a second launch', () => {
  it('quits at once with code 0 when another instance holds the lock, opening no window and no tray', async () => {
    const second = startStandInMain(
      {
        DOCKER_HOST: testEngine().dockerHost,
        BERTH_HOME: makeOwnedTempDir('berth-electron-second-'),
        STAND_IN_LOCK_HELD: '1',
      },
      { bundle: await ensureBuiltApp() },
    );
    try {
      expect(await waitForExit(second.child, 30_000)).toBe(true);
      const report = second.exitReport();
      expect(report).toMatchObject({ code: 0, errors: [] });
      expect(report?.calls.map((call) => `${call.api}.${call.method}`)).toEqual([
        'app.requestSingleInstanceLock',
        'app.quit',
      ]);
    } finally {
      await second.stop();
    }
  });
});
