// The built Electron main's tray, window life and desktop hooks, driven through the stand-in against DOCKER_HOST.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { autostartEntry } from '../../src-main/core/autostart-entry';
import type { StandInMain } from '../support/electron-stand-in/driver';
import type { TrayItemView } from '../support/electron-stand-in/protocol';
import type { RecordedCall } from '../support/electron-stand-in/recorder';
import { startBuiltMain } from '../support/electron-stand-in/started-main';
import { trayWhen } from '../support/electron-stand-in/tray-wait';
import { cleanupTestObjects, testEngine, testLabels, uniqueName, waitFor } from '../support/engine';
import { createSleeper } from '../support/sleeper';
import { waitForExit } from '../support/processes';
import { makeOwnedTempDir } from '../support/temp-dirs';

const ROOT = resolve(import.meta.dirname, '../..');
const HOME = makeOwnedTempDir('berth-electron-tray-');
const CONFIG_HOME = join(HOME, 'config');

let main: StandInMain;

beforeAll(async () => {
  ({ main } = await startBuiltMain({
    DOCKER_HOST: testEngine().dockerHost,
    BERTH_HOME: join(HOME, 'berth'),
    HOME,
    XDG_CONFIG_HOME: CONFIG_HOME,
  }));
});

afterAll(async () => {
  await main?.stop();
  await cleanupTestObjects(testEngine().docker);
  rmSync(HOME, { recursive: true, force: true });
});

const labels = (items: readonly TrayItemView[]) => items.map((item) => item.label ?? item.type);
const submenu = async (label: string) => (await main.tray()).menu.find((item) => item.label === label)?.submenu;
const visible = async () => (await main.status()).windows[0]?.visible;
const imagePath = (call: RecordedCall | undefined) =>
  basename((call?.args[0] as { path?: string } | undefined)?.path ?? '');

/** Waits until the page got app.navigate to `path` (the listener is added once, by the first test that needs it). */
async function navigatedTo(path: string): Promise<void> {
  await waitFor(
    async () =>
      (await main.pageEvents()).some(
        ({ event, payload }) => event === 'app.navigate' && (payload as { path: string }).path === path,
      ),
    { timeoutMs: 5_000, message: `the page being sent to ${path}` },
  );
}

/** A running sleeper the tray lists, optionally publishing 8080 on a free port of 127.0.0.1. */
async function runningContainer(prefix: string, options: { port?: boolean } = {}) {
  const { container, name } = await createSleeper(
    prefix,
    options.port
      ? {
          ExposedPorts: { '8080/tcp': {} },
          HostConfig: { PortBindings: { '8080/tcp': [{ HostIp: '127.0.0.1', HostPort: '' }] } },
        }
      : {},
  );
  await container.start();
  await waitFor(async () => (await submenu(name)) !== undefined, {
    timeoutMs: 10_000,
    message: `the tray listing ${name}`,
  });
  return { container, name };
}

describe('the tray of an engine Berth only uses (DOCKER_HOST)', () => {
  it('starts with the "starting" icon, not the error one, and shows running once connected', async () => {
    const calls = await main.calls();
    expect(imagePath(calls.find((call) => call.api === 'Tray#1' && call.method === 'new'))).toBe('starting.png');
    const { image } = await trayWhen(
      main,
      (tray) => basename(tray.image) === 'running.png',
      'the running icon',
      10_000,
    );
    expect(existsSync(image)).toBe(true);
    const shown = (await main.calls()).filter((call) => call.api === 'Tray#1' && call.method === 'setImage');
    expect(shown.map(imagePath)).not.toContain('error.png');
  });

  it('offers no Start, Stop or Restart engine: the engine is run elsewhere', async () => {
    const { menu, toolTip } = await main.tray();
    expect(menu[0]).toMatchObject({ enabled: false });
    expect(menu[0]?.label).toMatch(/^Engine running — /);
    expect(toolTip).toMatch(/^Berth — Engine running — /);
    expect(labels(menu.slice(1, 3))).toEqual(['separator', 'Containers']);
    expect(labels(menu.slice(1)).filter((label) => /engine|connect again/i.test(label ?? ''))).toEqual([]);
    expect(labels(menu.slice(-5))).toEqual(['separator', 'Open dashboard', 'Settings…', 'separator', 'Quit Berth']);
  });

  it('lists a running container whose items stop, restart, open its port, and show its logs and terminal', async () => {
    await main.pageOn('app.navigate');
    const { container, name } = await runningContainer('tray-items', { port: true });
    const port = (await container.inspect()).NetworkSettings.Ports['8080/tcp']?.[0]?.HostPort;
    expect(labels((await submenu(name)) ?? [])).toEqual([
      'Stop',
      'Restart',
      `Open localhost:${port} in browser`,
      'Logs',
      'Terminal',
    ]);

    await main.trayClick([name, 'Logs']);
    await navigatedTo(`/containers/${container.id}/logs`);
    expect(await visible()).toBe(true);
    await main.trayClick([name, 'Terminal']);
    await navigatedTo(`/containers/${container.id}/terminal`);

    await main.trayClick([name, `Open localhost:${port} in browser`]);
    expect(await main.calls()).toContainEqual({
      api: 'shell',
      method: 'openExternal',
      args: [`http://localhost:${port}`],
    });

    const before = (await container.inspect()).State.StartedAt;
    await main.trayClick([name, 'Restart']);
    await waitFor(async () => (await container.inspect()).State.StartedAt !== before, {
      timeoutMs: 15_000,
      message: 'the container restarted',
    });
    await waitFor(async () => (await submenu(name)) !== undefined, {
      timeoutMs: 5_000,
      message: 'the tray listing the restarted container',
    });
    await main.trayClick([name, 'Stop']);
    await waitFor(async () => !(await container.inspect()).State.Running, {
      timeoutMs: 15_000,
      message: 'the container stopped',
    });
    await waitFor(async () => (await submenu(name)) === undefined, {
      timeoutMs: 5_000,
      message: 'the tray dropping the stopped container',
    });
    // A stop the user asked for (exit 137 here) is no news: no notification, no error dialog.
    const calls = await main.calls();
    expect(calls.filter((call) => call.api.startsWith('Notification#') && call.method === 'new')).toEqual([]);
    expect(calls.filter((call) => call.api === 'dialog')).toEqual([]);
  });

  it('opens the dashboard and the settings page, and runs a recent image from the images page', async () => {
    expect(await main.closeWindow()).toBe(false);
    expect(await visible()).toBe(false);
    await main.trayClick(['Open dashboard']);
    expect(await visible()).toBe(true);

    expect(await main.closeWindow()).toBe(false);
    await main.trayClick(['Settings…']);
    expect(await visible()).toBe(true);
    await navigatedTo('/settings');

    const reference = testEngine().image;
    expect(await main.pageCall('settings.update', { patch: { recentImages: [reference] } })).toMatchObject({
      ok: true,
    });
    await waitFor(async () => (await submenu('Run recent image'))?.[0]?.label === reference, {
      timeoutMs: 5_000,
      message: 'the tray offering the recent image',
    });
    await main.trayClick(['Run recent image', reference]);
    await navigatedTo(`/images?run=${encodeURIComponent(reference)}`);
  });
});

describe('the window and the desktop', () => {
  it('hides to the tray on close, and comes back on a Dock click (activate) or a second launch', async () => {
    expect(await main.closeWindow()).toBe(false);
    const [window] = (await main.status()).windows;
    expect(window?.visible).toBe(false);
    await main.emitApp('activate');
    expect(await visible()).toBe(true);
    expect(await main.closeWindow()).toBe(false);
    await main.emitApp('second-instance');
    expect(await visible()).toBe(true);
    expect((await main.status()).windows).toHaveLength(1);
  });

  it('writes and removes an XDG autostart entry when "Start Berth when you log in" is toggled', async () => {
    const entry = join(CONFIG_HOME, 'autostart', 'berth.desktop');
    expect(existsSync(entry)).toBe(false);
    expect(await main.pageCall('settings.update', { patch: { general: { startAtLogin: true } } })).toMatchObject({
      ok: true,
    });
    await waitFor(async () => existsSync(entry), { timeoutMs: 5_000, message: 'the autostart entry written' });
    expect(readFileSync(entry, 'utf8')).toBe(autostartEntry('berth', [process.execPath, ROOT]));
    expect(readFileSync(entry, 'utf8')).toContain(`Exec=${process.execPath} ${ROOT}\n`);
    expect(await main.pageCall('settings.update', { patch: { general: { startAtLogin: false } } })).toMatchObject({
      ok: true,
    });
    await waitFor(async () => !existsSync(entry), { timeoutMs: 5_000, message: 'the autostart entry removed' });
    expect((await main.calls()).filter((call) => call.method === 'setLoginItemSettings')).toEqual([]);
  });

  it('notifies when a container exits with an error on its own; the notification opens the window', async () => {
    const { docker, image } = testEngine();
    const name = uniqueName('tray-dies');
    const container = await docker.createContainer({
      Image: image,
      name,
      Cmd: ['sh', '-c', 'exit 3'],
      Labels: testLabels(),
    });
    await container.start();
    const shown = await waitFor(
      async () =>
        (await main.calls()).find(
          (call) =>
            call.api.startsWith('Notification#') &&
            call.method === 'new' &&
            (call.args[0] as { title?: string }).title === `${name} exited with code 3`,
        ),
      { timeoutMs: 10_000, message: 'a notification for the exit' },
    );
    expect(await main.calls()).toContainEqual({ api: shown.api, method: 'show', args: [] });
    // Clicking it brings back the window hidden to the tray.
    expect(await main.closeWindow()).toBe(false);
    await main.clickNotification(Number(shown.api.slice('Notification#'.length)));
    expect(await visible()).toBe(true);
  });

  it('ignores a tray click once the window is gone (main stopping on quit), then quits with code 0', async () => {
    await main.trayClick(['Settings…'], { destroyWindowFirst: true });
    expect(await waitForExit(main.child, 30_000)).toBe(true);
    expect(main.exitReport()).toMatchObject({ code: 0, errors: [] });
  });
});
