// A proxy between Berth and the engine stalls, cuts off or garbles its answers: every call fails with a message within
// its deadline, and Berth keeps working once the answers are whole again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../support/api';
import { testEngine } from '../support/engine';
import { startEngineProxy, type EngineProxy, type ProxyFault } from '../support/engine-proxy';
import { rejectionOf } from '../support/errors';

/** Short deadlines, so a stalled call fails quickly here. */
const DEADLINES = { callMs: 2_000, streamStartMs: 2_000 };

let proxy: EngineProxy;
let api: TestApi;

beforeAll(async () => {
  proxy = await startEngineProxy(testEngine().dockerHost.replace(/^unix:\/\//, ''));
  api = startTestApi(proxy.dockerHost, 'proxy-client', { callDeadlines: DEADLINES });
});

afterAll(async () => {
  await api?.close();
  await proxy?.stop();
});

const calls = () => [
  api.client.call('system.version', {}),
  api.client.call('containers.list', {} as never),
  api.client.call('images.list', {} as never),
  api.client.call('volumes.list', {} as never),
  api.client.call('networks.list', {}),
];

describe.each<ProxyFault>(['stall', 'truncate', 'corrupt'])('answers that %s', (fault) => {
  it('fail every call with a message within the deadline; whole answers work again afterwards', async () => {
    proxy.fault = fault;
    const started = Date.now();
    const failures = await Promise.all(calls().map((call) => rejectionOf(call)));
    const elapsedMs = Date.now() - started;
    process.stdout.write(
      `[faults] ${fault}: ${failures.length} calls failed in ${elapsedMs} ms: ${failures[0]?.message}\n`,
    );
    // Berth's own words about the engine, never a TypeError from reading half an answer.
    for (const failure of failures) expect(failure.message).toMatch(/Docker Engine/);
    expect(elapsedMs).toBeLessThan(DEADLINES.callMs + 1_000);

    proxy.fault = 'none';
    const answers = await Promise.all(calls());
    expect(answers).toHaveLength(5);
  });
});
