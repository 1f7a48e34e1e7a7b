// The built main under the stand-in when its engine dies: a private dockerd SIGKILLed under it. Main notifies
// "Engine stopped", the tray turns to the error icon without engine controls, and all comes back when dockerd does.
import { rmSync } from 'node:fs';
import { basename } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StandInMain } from '../support/electron-stand-in/driver';
import { startBuiltMain } from '../support/electron-stand-in/started-main';
import { trayWhen } from '../support/electron-stand-in/tray-wait';
import { startPrivateDockerd, type PrivateDockerd } from '../support/dockerd';
import { waitFor } from '../support/engine';
import { makeOwnedTempDir } from '../support/temp-dirs';

const BERTH_HOME = makeOwnedTempDir('berth-electron-engine-down-');

let dockerd: PrivateDockerd | undefined;
let main: StandInMain | undefined;

beforeAll(async () => {
  dockerd = await startPrivateDockerd({ name: 'electron-down', networking: 'none' });
  ({ main } = await startBuiltMain({ DOCKER_HOST: dockerd.dockerHost, BERTH_HOME }));
}, 180_000);

afterAll(async () => {
  await main?.stop();
  await dockerd?.stop();
  rmSync(BERTH_HOME, { recursive: true, force: true });
});

const notices = async () =>
  (await main!.calls())
    .filter((call) => call.api.startsWith('Notification#') && call.method === 'new')
    .map((call) => call.args[0] as { title: string; body: string });

describe('the engine going down under main', () => {
  it('notifies that the engine stopped, shows the error in the tray, and recovers when dockerd is back', async () => {
    await trayWhen(main!, (tray) => basename(tray.image) === 'running.png', 'the engine running');
    expect(await notices()).toEqual([]);

    await dockerd!.kill('SIGKILL');
    const [notice] = await waitFor(async () => (await notices()).length > 0 && notices(), {
      timeoutMs: 10_000,
      message: 'a notification that the engine stopped',
    });
    expect(notice).toMatchObject({ title: 'Engine stopped' });
    expect(notice?.body).toMatch(/^The engine stopped unexpectedly/);
    const down = await trayWhen(main!, (tray) => basename(tray.image) === 'error.png', 'the error icon', 10_000);
    expect(down.menu[0]?.label).toMatch(/^Engine error/);
    expect(down.menu[1]).toEqual({ type: 'separator' });

    await dockerd!.restart();
    await trayWhen(main!, (tray) => basename(tray.image) === 'running.png', 'the engine running again');
    expect(await notices()).toHaveLength(1);
    expect((await main!.status()).errors).toEqual([]);
  });
});
