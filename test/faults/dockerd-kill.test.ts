// dockerd SIGKILLed under open logs, stats and exec sessions: Berth reports the loss fast, reconnects by itself once
// the engine is back, ends every stream with a message and keeps no session behind.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../support/api';
import { dockerodeFor } from '../support/docker-client';
import { startPrivateDockerd, type PrivateDockerd } from '../support/dockerd';
import { testLabels, waitFor } from '../support/engine';
import { delay } from '../support/wait';
import { buildTestImage, TEST_IMAGE_TAG } from '../support/test-image';

/** The limits: disconnected within 1 s of the kill, connected within 2 s of the engine's return. */
const DISCONNECT_LIMIT_MS = 1_000;
const RECONNECT_LIMIT_MS = 2_000;
/** How long the engine stays away. */
const OUTAGE_MS = 4_000;

let dockerd: PrivateDockerd;
let api: TestApi;

beforeAll(async () => {
  dockerd = await startPrivateDockerd({ name: 'faults-kill', engine: 'current' });
  await buildTestImage(dockerodeFor(dockerd.dockerHost), TEST_IMAGE_TAG);
  api = startTestApi(dockerd.dockerHost, 'faults-client');
  await api.events.next('engine.state', (s) => s.state === 'connected');
});

afterAll(async () => {
  await api?.close();
  await dockerd?.stop();
});

describe('dockerd SIGKILLed under open streams', () => {
  it('says disconnected within 1 s, reconnects within 2 s of the return, ends every session with a message', async () => {
    const { id } = await api.client.call('containers.run', {
      spec: {
        image: TEST_IMAGE_TAG,
        command: ['sh', '-c', 'i=0; while true; do i=$((i+1)); echo "tick $i"; sleep 0.1; done'],
        labels: testLabels(),
        restartPolicy: 'always',
      } as never,
    });
    const logs = await api.client.call('logs.open', { id, follow: true });
    const stats = await api.client.call('stats.open', { id });
    const exec = await api.client.call('exec.open', { id, cmd: ['sh'], tty: true, cols: 80, rows: 24 } as never);
    await api.events.next('logs.data', (e) => e.session === logs.session);
    await api.events.next('stats.data', (e) => e.session === stats.session);
    const sessionsBefore = api.backend.services.sessions.size;
    expect(sessionsBefore).toBe(3);

    const mark = api.events.mark();
    const killedAt = Date.now();
    await dockerd.kill('SIGKILL');
    await api.events.next('engine.state', (s) => s.state !== 'connected', { from: mark, timeoutMs: 5_000 });
    const disconnectMs = Date.now() - killedAt;

    const logsEnd = await api.events.next('logs.end', (e) => e.session === logs.session, { from: mark });
    const statsEnd = await api.events.next('stats.end', (e) => e.session === stats.session, { from: mark });
    const execExit = await api.events.next('exec.exit', (e) => e.session === exec.session, { from: mark });

    // An outage long enough for the reconnect backoff to grow past its first steps.
    await delay(OUTAGE_MS);
    await dockerd.restart();
    const backAt = Date.now();
    await api.events.next('engine.state', (s) => s.state === 'connected', { from: mark, timeoutMs: 10_000 });
    const reconnectMs = Date.now() - backAt;
    process.stdout.write(
      `[faults] disconnect seen after ${disconnectMs} ms; reconnected ${reconnectMs} ms after the engine's return; ` +
        `ends: ${JSON.stringify([logsEnd.error, statsEnd.error, execExit.error])}\n`,
    );

    expect(disconnectMs).toBeLessThan(DISCONNECT_LIMIT_MS);
    expect(reconnectMs).toBeLessThan(RECONNECT_LIMIT_MS);
    for (const end of [logsEnd.error, statsEnd.error, execExit.error]) {
      expect(end).toMatch(/^The connection to the Docker Engine was lost \(.+\)$/);
    }
    // The views close their ended sessions; closing each must work and leave none behind.
    await api.client.call('logs.close', logs);
    await api.client.call('stats.close', stats);
    await api.client.call('exec.close', exec);
    expect(api.backend.services.sessions.size).toBe(0);
    expect((await api.client.call('system.version', {})).version).toMatch(/^26\./);

    // The container comes back under its restart policy: its streams open again and deliver.
    await waitFor(async () => (await api.client.call('containers.inspect', { id })).state === 'running', {
      timeoutMs: 15_000,
    });
    const reopened = api.events.mark();
    const logsAgain = await api.client.call('logs.open', { id, follow: true, tail: 0 });
    const statsAgain = await api.client.call('stats.open', { id });
    await api.events.next('logs.data', (e) => e.session === logsAgain.session, { from: reopened });
    await api.events.next('stats.data', (e) => e.session === statsAgain.session, { from: reopened });
    await api.client.call('logs.close', logsAgain);
    await api.client.call('stats.close', statsAgain);
    expect(api.backend.services.sessions.size).toBe(0);
  });
});
