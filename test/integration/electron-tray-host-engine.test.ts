// The built main on Linux with a Docker Engine installed on the host (here: the test engine's socket at rootless
// Docker's place, $XDG_RUNTIME_DIR/docker.sock): the machine agent it starts runs the native backend, and the tray
// offers no engine controls while that engine answers.
import { mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StandInMain } from '../support/electron-stand-in/driver';
import { agentPids, stopMainAndAgents } from '../support/electron-stand-in/machine-agent';
import { startBuiltMain } from '../support/electron-stand-in/started-main';
import { trayWhen } from '../support/electron-stand-in/tray-wait';
import { testEngine } from '../support/engine';
import { makeOwnedTempDir } from '../support/temp-dirs';

const HOME = makeOwnedTempDir('berth-electron-host-');
const BERTH_HOME = join(HOME, 'berth');
const RUNTIME_DIR = join(HOME, 'run');
const SOCKET = join(RUNTIME_DIR, 'docker.sock');

let main: StandInMain | undefined;

beforeAll(async () => {
  mkdirSync(RUNTIME_DIR, { recursive: true });
  symlinkSync(testEngine().dockerHost.replace(/^unix:\/\//, ''), SOCKET);
  ({ main } = await startBuiltMain({ DOCKER_HOST: undefined, BERTH_HOME, HOME, XDG_RUNTIME_DIR: RUNTIME_DIR }));
});

afterAll(() => stopMainAndAgents(main, BERTH_HOME, HOME));

describe('the tray of the host engine', () => {
  it('shows the host engine running, with no Start, Stop or Restart (nor "Connect again" while it answers)', async () => {
    const tray = await trayWhen(
      main!,
      (shown) => shown.menu[0]?.label === `Engine running — ${SOCKET}`,
      'the host engine running',
    );
    expect(tray.menu[1]).toEqual({ type: 'separator' });
    expect(tray.menu.map((item) => item.label).filter((label) => /engine|connect again/i.test(label ?? ''))).toEqual([
      `Engine running — ${SOCKET}`,
    ]);
    expect(agentPids(BERTH_HOME)).toHaveLength(1);
  });
});
