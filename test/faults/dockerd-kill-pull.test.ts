// dockerd SIGKILLed during a pull from a registry on 127.0.0.1: the pull ends with Berth's message about the lost
// engine, nothing is left running or unhandled, and once the engine is back the same pull completes.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../support/api';
import { pushBigImage } from '../support/big-image';
import { dockerodeFor } from '../support/docker-client';
import { startPrivateDockerd, type PrivateDockerd } from '../support/dockerd';
import { rejectionOf } from '../support/errors';
import { startRegistry, type TestRegistry } from '../support/registry';
import { buildTestImage, TEST_IMAGE_TAG } from '../support/test-image';

/** The limit: disconnected within 1 s of the kill. */
const DISCONNECT_LIMIT_MS = 1_000;
/** The random layer: enough that the pull is still downloading or extracting a moment after it started. */
const LAYER_MIB = 48;

let dockerd: PrivateDockerd;
let registry: TestRegistry;
let api: TestApi;
let reference: string;

beforeAll(async () => {
  const started = Date.now();
  [dockerd, registry] = await Promise.all([
    startPrivateDockerd({ name: 'faults-pull', engine: 'current' }),
    startRegistry(),
  ]);
  const docker = dockerodeFor(dockerd.dockerHost);
  await buildTestImage(docker, TEST_IMAGE_TAG);
  reference = `${registry.address}/berth/big-layer:1`;
  await pushBigImage(docker, reference, LAYER_MIB);
  process.stdout.write(`[faults] engine, registry and a ${LAYER_MIB} MiB image ready in ${Date.now() - started} ms\n`);
  api = startTestApi(dockerd.dockerHost, 'faults-pull-client');
  await api.events.next('engine.state', (s) => s.state === 'connected');
});

afterAll(async () => {
  await api?.close();
  await Promise.all([dockerd?.stop(), registry?.stop()]);
});

/** Rejections nobody handled while a test ran (vitest fails the run on them too; this names the test). */
const unhandled: unknown[] = [];
const recordUnhandled = (reason: unknown) => unhandled.push(reason);
beforeEach(() => void process.on('unhandledRejection', recordUnhandled));
afterEach(() => void process.off('unhandledRejection', recordUnhandled));

describe('dockerd SIGKILLed during a pull', () => {
  it('ends the pull with the lost engine named, leaks nothing, and the same pull completes after the return', async () => {
    const mark = api.events.mark();
    let settled = false;
    const pull = api.client.call('images.pull', { reference, operation: 'pull-killed' });
    void pull.then(
      () => (settled = true),
      () => (settled = true),
    );
    const firstProgress = await api.events.next('images.progress', (e) => e.operation === 'pull-killed', {
      from: mark,
    });
    expect(settled).toBe(false);

    const killedAt = Date.now();
    await dockerd.kill('SIGKILL');
    await api.events.next('engine.state', (s) => s.state !== 'connected', { from: mark, timeoutMs: 5_000 });
    const disconnectMs = Date.now() - killedAt;
    const failure = await rejectionOf(pull);
    const endedMs = Date.now() - killedAt;
    const layers = api.events
      .all('images.progress')
      .filter((e) => e.operation === 'pull-killed')
      .flatMap((e) => e.layers.map((l) => l.status));
    process.stdout.write(
      `[faults] pull: killed after "${firstProgress.status ?? firstProgress.layers[0]?.status}"; disconnect seen ` +
        `after ${disconnectMs} ms; the pull ended after ${endedMs} ms (${failure.code}): ${failure.message}; ` +
        `last layer status: ${layers.at(-1)}\n`,
    );

    expect(disconnectMs).toBeLessThan(DISCONNECT_LIMIT_MS);
    expect(failure.code).toBe('engine-unavailable');
    expect(failure.message.startsWith(`The connection to the Docker Engine at ${dockerd.dockerHost} was lost (`)).toBe(
      true,
    );
    expect(failure.message).toMatch(/\)$/);
    expect(failure.message).not.toMatch(/socket hang up|^ECONNRESET/);
    expect(api.backend.services.operations.size).toBe(0);
    expect(api.backend.services.sessions.size).toBe(0);

    await dockerd.restart();
    await api.events.next('engine.state', (s) => s.state === 'connected', { from: mark, timeoutMs: 10_000 });
    const pulled = await api.client.call('images.pull', { reference, operation: 'pull-again' });
    expect(pulled.reference).toBe(reference);
    const listed = await api.client.call('images.list', { all: false });
    expect(listed.find((i) => i.id === pulled.id)?.repoTags).toContain(reference);
    expect(api.backend.services.operations.size).toBe(0);
    expect(unhandled).toEqual([]);
  });
});
