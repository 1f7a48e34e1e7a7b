// The built main where no engine is installed: it runs Berth's VM (the qemu backend, through the machine agent it
// starts). The VM's files are left out (an empty BERTH_VM_ASSETS), so no QEMU boots: the VM's start fails for real,
// and the tray, its engine controls and quit (which stops the VM) are driven in that state.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ENGINE_SOCKET } from '../../src-main/machine/host-engine-socket';
import type { StandInMain } from '../support/electron-stand-in/driver';
import { agentPids, stopMainAndAgents } from '../support/electron-stand-in/machine-agent';
import { startBuiltMain } from '../support/electron-stand-in/started-main';
import { trayWhen } from '../support/electron-stand-in/tray-wait';
import { waitFor } from '../support/engine';
import { pidAlive } from '../support/host-cleanup';
import { waitForExit } from '../support/processes';
import { makeOwnedTempDir } from '../support/temp-dirs';

const HOME = makeOwnedTempDir('berth-electron-vm-');
const BERTH_HOME = join(HOME, 'berth');

let main: StandInMain | undefined;

function emptyFolder(name: string): string {
  const path = join(HOME, name);
  mkdirSync(path);
  return path;
}

beforeAll(async () => {
  expect(existsSync(SYSTEM_ENGINE_SOCKET), 'this test needs a computer without a system Docker Engine').toBe(false);
  ({ main } = await startBuiltMain({
    DOCKER_HOST: undefined,
    BERTH_HOME,
    HOME,
    XDG_RUNTIME_DIR: emptyFolder('run'),
    BERTH_VM_ASSETS: emptyFolder('vm-assets'),
  }));
});

afterAll(() => stopMainAndAgents(main, BERTH_HOME, HOME));

describe("the tray of Berth's VM", () => {
  it('shows the failed start with Start, Stop and Restart engine offered', async () => {
    const tray = await trayWhen(
      main!,
      (shown) => shown.menu[0]?.label?.startsWith('Engine error') === true,
      "the VM's failed start",
    );
    expect(tray.image.endsWith('/error.png')).toBe(true);
    expect(tray.menu[0]?.label).toMatch(/^Engine error: The VM is not built/);
    // An errored VM can be started, stopped (its remains) and restarted.
    expect(tray.menu.slice(1, 5)).toEqual([
      { label: 'Start engine', enabled: true },
      { label: 'Stop engine', enabled: true },
      { label: 'Restart engine', enabled: true },
      { type: 'separator' },
    ]);
  });

  it.each([
    ['Start engine', 'Could not start the engine'],
    ['Restart engine', 'Could not restart the engine'],
  ])("says in an error dialog why the tray's %s failed", async (item, title) => {
    await main!.trayClick([item]);
    const shown = await waitFor(
      async () =>
        (await main!.calls()).find(
          (call) => call.api === 'dialog' && call.method === 'showErrorBox' && call.args[0] === title,
        ),
      { timeoutMs: 15_000, message: `the error dialog "${title}"` },
    );
    expect(shown.args[1]).toMatch(/The VM is not built/);
  });

  it("stops the errored VM from the tray's Stop engine: its agent exits, the tray says stopped, Start offered", async () => {
    const [agent] = agentPids(BERTH_HOME);
    await main!.trayClick(['Stop engine']);
    const tray = await trayWhen(main!, (shown) => shown.menu[0]?.label === 'Engine stopped', 'the stopped VM');
    expect(tray.image.endsWith('/stopped.png')).toBe(true);
    expect(tray.menu.slice(1, 4)).toEqual([
      { label: 'Start engine', enabled: true },
      { label: 'Stop engine', enabled: false },
      { label: 'Restart engine', enabled: false },
    ]);
    const dialogs = (await main!.calls()).filter((call) => call.api === 'dialog' && call.method === 'showErrorBox');
    expect(dialogs.map((call) => call.args[0])).not.toContain('Could not stop the engine');
    await waitFor(async () => !pidAlive(agent!), { timeoutMs: 10_000, message: 'the machine agent exiting' });
  });

  it('starts the VM again from the tray, then stops it (its agent exits) when quitting, and exits with code 0', async () => {
    await main!.trayClick(['Start engine']);
    await trayWhen(
      main!,
      (shown) => shown.menu[0]?.label?.startsWith('Engine error') === true,
      'the start failing again',
    );
    // The stopped agent's pid is logged first; the one this start launched, last.
    const agent = agentPids(BERTH_HOME).at(-1);
    expect(agent !== undefined && pidAlive(agent)).toBe(true);
    await main!.trayClick(['Quit Berth']);
    expect(await waitForExit(main!.child, 30_000)).toBe(true);
    expect(main!.exitReport()).toMatchObject({ code: 0, errors: [] });
    // The agent exits only after a stop request it answered (or SIGTERM, which nothing sent yet): main's stop on quit.
    await waitFor(async () => !pidAlive(agent!), { timeoutMs: 10_000, message: 'the machine agent exiting' });
  });
});
