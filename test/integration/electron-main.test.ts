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
import { testEngine, waitFor } from '../support/engine';
import { waitForExit } from '../support/processes';
import { makeOwnedTempDir } from '../support/temp-dirs';

const ROOT = resolve(import.meta.dirname, '../..');
const RENDERER = join(ROOT, 'out/renderer/index.html');
const OWN_URL = pathToFileURL(RENDERER).href;
const VERSION = callChannel('system.version');

let main: StandInMain;
let started: ChildStatus;

beforeAll(async () => {
  const bundle = await ensureBuiltApp();
  main = startStandInMain(
    { DOCKER_HOST: testEngine().dockerHost, BERTH_HOME: makeOwnedTempDir('berth-electron-main-') },
    bundle,
  );
  started = await waitFor(
    async () => {
      const status = await main.status();
      return status.windows[0]?.url && status.channels.length > 0 ? status : undefined;
    },
    { timeoutMs: 60_000, message: 'the main window loading its page' },
  ).catch((error: Error) => {
    throw new Error(`${error.message}\n${main.log()}`);
  });
});

afterAll(async () => {
  await main?.stop();
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

  it('quits with code 0 when asked', async () => {
    expect((await main.status()).errors).toEqual([]);
    await main.quit();
    expect(await waitForExit(main.child, 30_000)).toBe(true);
    expect(main.child.exitCode).toBe(0);
  });
});
