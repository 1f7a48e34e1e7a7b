// The host terminal through the API: the user's shell under node-pty, with DOCKER_HOST on the test engine.
import { describe, expect, it } from 'vitest';
import { rejectionOf } from '../support/errors';
import { useTestApi } from '../support/api';
import { testEngine, waitFor } from '../support/engine';

const api = useTestApi();
const { docker } = testEngine();

function outputOf(session: string): string {
  return api.events
    .all('terminal.data')
    .filter((e) => e.session === session)
    .map((e) => e.data)
    .join('');
}

describe('host terminal', () => {
  it('runs the docker CLI against the engine Berth uses, resizes, and reports the exit', async () => {
    const { session } = await api.client.call('terminal.open', { cols: 100, rows: 30 });
    const version = (await docker.version()).Version;
    await api.client.call('terminal.input', {
      session,
      data: "docker version --format 'engine={{.Server.Version}}'; stty size\n",
    });
    await waitFor(async () => outputOf(session).includes(`engine=${version}`), {
      message: 'docker version through the host terminal',
    });
    expect(outputOf(session)).toContain('30 100');
    await api.client.call('terminal.resize', { session, cols: 132, rows: 43 });
    await api.client.call('terminal.input', { session, data: 'stty size; exit 7\n' });
    const exit = await api.events.next('terminal.exit', (e) => e.session === session);
    expect(exit.exitCode).toBe(7);
    expect(outputOf(session)).toContain('43 132');
    expect(await api.client.call('terminal.replay', { session })).toContain(`engine=${version}`);
    expect((await rejectionOf(api.client.call('terminal.input', { session, data: 'x' }))).message).toMatch(/exited/);
    await api.client.call('terminal.close', { session });
  });

  it('ends the shell when the session is closed, and when its client goes away', async () => {
    const first = await api.client.call('terminal.open', { cols: 80, rows: 24 });
    const closedExit = api.events.next('terminal.exit', (e) => e.session === first.session);
    await api.client.call('terminal.close', { session: first.session });
    await closedExit;
    expect((await rejectionOf(api.client.call('terminal.replay', first))).code).toBe('not-found');

    const second = await api.client.call('terminal.open', { cols: 80, rows: 24 });
    const goneExit = api.events.next('terminal.exit', (e) => e.session === second.session);
    api.backend.clientGone('test-client');
    await goneExit;
  });

  it('refuses a size that is not a terminal size, naming the field', async () => {
    const error = await rejectionOf(api.client.call('terminal.open', { cols: 0, rows: 24 }));
    expect(error.code).toBe('invalid-argument');
    expect(error.message).toMatch(/cols/);
  });
});
