// The built main run as a packaged app (its resources folder as electron-builder lays it out): the XDG autostart entry
// starts the installed app, the AppImage's own file when run from one, not the copy mounted while it runs.
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { StandInMain } from '../support/electron-stand-in/driver';
import { startBuiltMain } from '../support/electron-stand-in/started-main';
import { trayWhen } from '../support/electron-stand-in/tray-wait';
import { testEngine, waitFor } from '../support/engine';
import { makeOwnedTempDir } from '../support/temp-dirs';

const ROOT = resolve(import.meta.dirname, '../..');
const HOME = makeOwnedTempDir('berth-electron-packaged-');
/** What electron-builder puts next to app.asar that main reads at start: the tray icons. */
const RESOURCES = join(HOME, 'resources');
mkdirSync(RESOURCES);
cpSync(join(ROOT, 'build', 'tray'), join(RESOURCES, 'tray'), { recursive: true });

let main: StandInMain | undefined;

afterEach(async () => {
  await main?.stop();
  main = undefined;
});

/** Starts the packaged main, turns "Start Berth when you log in" on and gives the entry's Exec line. */
async function autostartExec(name: string, env: Record<string, string | undefined>): Promise<string> {
  const configHome = join(HOME, name);
  ({ main } = await startBuiltMain({
    DOCKER_HOST: testEngine().dockerHost,
    BERTH_HOME: join(HOME, name, 'berth'),
    HOME,
    XDG_CONFIG_HOME: configHome,
    STAND_IN_RESOURCES: RESOURCES,
    ...env,
  }));
  // Packaged, main takes its tray icons from the resources folder.
  const tray = await trayWhen(main, (shown) => shown.image !== '', 'the tray icon');
  expect(tray.image.startsWith(join(RESOURCES, 'tray'))).toBe(true);
  expect(await main.pageCall('settings.update', { patch: { general: { startAtLogin: true } } })).toMatchObject({
    ok: true,
  });
  const entry = join(configHome, 'autostart', 'berth.desktop');
  await waitFor(async () => existsSync(entry), { timeoutMs: 5_000, message: 'the autostart entry written' });
  const exec = readFileSync(entry, 'utf8')
    .split('\n')
    .find((line) => line.startsWith('Exec='));
  rmSync(configHome, { recursive: true, force: true });
  return exec ?? '';
}

describe('the autostart entry of a packaged Berth', () => {
  it('runs the installed executable alone (no app folder argument)', async () => {
    expect(await autostartExec('deb', { APPIMAGE: undefined })).toBe(`Exec=${process.execPath}`);
  });

  it("runs the AppImage's own file, quoted when its path has a space", async () => {
    const appImage = join(HOME, 'Applications', 'Berth 1.0.AppImage');
    expect(await autostartExec('appimage', { APPIMAGE: appImage })).toBe(`Exec="${appImage}"`);
  });
});
