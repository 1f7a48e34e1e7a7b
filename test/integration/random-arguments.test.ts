// Random and oversized arguments to every API method over both transports (the WebSocket and the built main's
// IPC under the Electron stand-in), against the test engine: every refusal an {ok:false} naming the field, ids of
// missing objects answered without touching anything else, and both servers still answering afterwards.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { methodNames, type MethodName } from '../../src-main/contract/api';
import type { WireResult } from '../../src-main/contract/result';
import { startWebServer, type WebServer } from '../../src-main/transport/websocket';
import { startTestApi, type TestApi } from '../support/api';
import type { StandInMain } from '../support/electron-stand-in/driver';
import { callAsPage, startBuiltMain } from '../support/electron-stand-in/started-main';
import { cleanupTestObjects, testEngine, testLabels, uniqueName } from '../support/engine';
import {
  edgyJson,
  expectNamedRefusal,
  invalidArgumentsFor,
  isValidArgs,
  missingObjectArguments,
} from '../support/random-arguments';
import { handlerProbes } from '../support/handler-probes';
import { openRawWebSocket, type RawWebSocket } from '../support/raw-websocket';
import { makeOwnedTempDir } from '../support/temp-dirs';

/** Random invalid arguments sent to each method over each transport. */
const RUNS_PER_METHOD = 100;
/** Random valid arguments sent to each handler probe over each transport. */
const RUNS_PER_PROBE = 30;
/** Time budget for one transport's random calls to all methods, in ms. */
const RANDOM_BUDGET_MS = 240_000;
const MISSING = uniqueName('berth-fuzz-missing');

type Call = (method: string, args: unknown) => Promise<WireResult<unknown>>;
interface Transport {
  call: Call;
  /** Throws when the server behind the transport has gone (crashed or closed). */
  alive(): Promise<void>;
}

let api: TestApi;
let web: WebServer;
let ws: RawWebSocket;
let main: StandInMain;
let berthHome: string;
const sentinel = {
  container: uniqueName('fuzz-sentinel'),
  volume: uniqueName('fuzz-sentinel'),
  network: uniqueName('fuzz-sentinel'),
};

const transports: Record<'websocket' | 'ipc', () => Transport> = {
  websocket: () => ({
    call: (method, args) => ws.call(method, args),
    alive: async () => expect(await ws.call('system.version', {})).toMatchObject({ ok: true }),
  }),
  ipc: () => ({
    call: (method, args) => callAsPage(main, method as MethodName, args),
    alive: async () => {
      expect(main.child.exitCode, main.log()).toBeNull();
      expect(await callAsPage(main, 'system.version', {})).toMatchObject({ ok: true });
    },
  }),
};

beforeAll(async () => {
  const { docker, image, dockerHost } = testEngine();
  const labels = testLabels();
  const container = await docker.createContainer({
    name: sentinel.container,
    Image: image,
    Cmd: ['sleep', '3600'],
    Labels: labels,
  });
  await container.start();
  await docker.createVolume({ Name: sentinel.volume, Labels: labels });
  await docker.createNetwork({ Name: sentinel.network, Labels: labels });

  api = startTestApi();
  web = await startWebServer({ backend: api.backend });
  ws = await openRawWebSocket(web.port, web.token);
  ({ main } = await startBuiltMain({
    DOCKER_HOST: dockerHost,
    BERTH_HOME: (berthHome = makeOwnedTempDir('berth-fuzz-main-')),
  }));
}, 180_000);

afterAll(async () => {
  ws?.close();
  await main?.stop();
  await web?.close();
  await api?.close();
  await cleanupTestObjects(testEngine().docker);
});

/** Nothing the test did not make was touched: the sentinel objects are all still there, the container running. */
async function expectSentinelsIntact(): Promise<void> {
  const { docker } = testEngine();
  expect((await docker.getContainer(sentinel.container).inspect()).State.Running).toBe(true);
  await docker.getVolume(sentinel.volume).inspect();
  await docker.getNetwork(sentinel.network).inspect();
}

describe.each(['websocket', 'ipc'] as const)('random arguments over %s', (name) => {
  it('refuses random invalid arguments to every method, naming the field, and stays up', async () => {
    const transport = transports[name]();
    const deadline = Date.now() + RANDOM_BUDGET_MS;
    for (const method of methodNames) {
      expect(Date.now(), `time budget spent before ${method}`).toBeLessThan(deadline);
      await fc.assert(
        fc.asyncProperty(invalidArgumentsFor(method), async (args) => {
          const wireArgs = (JSON.parse(JSON.stringify({ args })) as { args?: unknown }).args;
          expectNamedRefusal(method, wireArgs, await transport.call(method, args));
        }),
        { numRuns: RUNS_PER_METHOD, seed: 13 },
      );
      await transport.alive();
    }
    await expectSentinelsIntact();
  }, 300_000);

  it('answers ids of objects that do not exist without an internal error, touching nothing', async () => {
    const transport = transports[name]();
    const cases = missingObjectArguments(MISSING);
    expect(cases.length).toBeGreaterThan(30);
    const answers: Record<string, string> = {};
    for (const [method, args] of cases) {
      const result = await transport.call(method, args);
      answers[method] = result.ok ? 'ok' : result.error.code;
      if (!result.ok) expect(result.error.message, method).not.toBe('');
    }
    console.log(`${name}: missing-object answers`, JSON.stringify(answers));
    expect(Object.entries(answers).filter(([, code]) => code === 'internal' || code === 'invalid-argument')).toEqual(
      [],
    );
    await transport.alive();
    await expectSentinelsIntact();
  }, 120_000);

  it('answers random valid arguments that reach the handlers with a value or a named error, never internal', async () => {
    const transport = transports[name]();
    const { image } = testEngine();
    const probes = handlerProbes({ ...sentinel, image, labels: testLabels(), freshName: () => uniqueName('fuzz') });
    const internal: string[] = [];
    for (const { method, args: probeArgs } of probes) {
      const started = Date.now();
      const answers: Record<string, number> = {};
      await fc.assert(
        fc.asyncProperty(
          probeArgs.filter((args) => isValidArgs(method, args)),
          async (args) => {
            const result = await transport.call(method, args);
            const answer = result.ok ? 'ok' : result.error.code;
            answers[answer] = (answers[answer] ?? 0) + 1;
            if (!result.ok) {
              expect(result.error.message, method).not.toBe('');
              if (result.error.code === 'internal')
                internal.push(`${method} ${JSON.stringify(args)}: ${result.error.message}`);
              return;
            }
            const session = (result.value as { session?: string } | null)?.session;
            if (session)
              expect(await transport.call(`${method.split('.')[0]}.close`, { session })).toMatchObject({ ok: true });
          },
        ),
        { numRuns: RUNS_PER_PROBE, seed: 13 },
      );
      console.log(`${name} ${method}: ${Date.now() - started} ms, answers ${JSON.stringify(answers)}`);
      await transport.alive();
    }
    expect(internal).toEqual([]);
    await expectSentinelsIntact();
  }, 300_000);

  it.each([
    [
      'a 1 MB env value',
      'containers.run',
      { spec: { image: 'busybox', env: [`BIG=${'x'.repeat(1 << 20)}`] } },
      /spec\.env\[0\]: is longer than 128 KiB/,
    ],
    [
      '10,000 ports',
      'containers.run',
      { spec: { image: 'busybox', ports: Array.from({ length: 10_000 }, (_, i) => `${1024 + i}`) } },
      /spec\.ports: must have at most 1000 entries/,
    ],
    [
      'a 100,000-character container name',
      'containers.run',
      { spec: { image: 'busybox', name: 'n'.repeat(100_000) } },
      /spec\.name: must be at most 255 characters/,
    ],
    [
      'a 100,000-character volume name',
      'volumes.create',
      { name: 'v'.repeat(100_000) },
      /name: must be at most 255 characters/,
    ],
    [
      'a 100,000-character network name',
      'networks.create',
      { name: 'w'.repeat(100_000) },
      /name: must be at most 255 characters/,
    ],
    ['a 100,000-character id', 'containers.remove', { id: 'i'.repeat(100_000), force: true }, /id: is too long/],
    [
      '9 MiB of terminal input',
      'exec.input',
      { session: 's', data: 'x'.repeat(9 << 20) },
      /arguments: are too large \(9.1 MiB of JSON, at most 8 MiB\)/,
    ],
  ] as const)(
    'bounds %s with a clear message',
    async (_what, method, args, message) => {
      const transport = transports[name]();
      const result = await transport.call(method, args);
      expectNamedRefusal(method, args, result);
      expect(result.ok ? '' : result.error.message).toMatch(message);
      await transport.alive();
    },
    60_000,
  );
});

describe.each(['websocket', 'ipc'] as const)('ports over %s', (name) => {
  it('refuses 10,000 ports published as one range, naming spec.ports, before the engine makes anything', async () => {
    const transport = transports[name]();
    const spec = {
      image: testEngine().image,
      name: uniqueName('fuzz-ports'),
      ports: ['1-10000:1-10000'],
      labels: testLabels(),
    };
    expect(await transport.call('containers.run', { spec, start: false })).toEqual({
      ok: false,
      error: { code: 'invalid-argument', message: 'spec.ports: publishes 10000 container ports; at most 1000' },
    });
    expect(await testEngine().docker.listContainers({ all: true, filters: { name: [spec.name] } })).toEqual([]);
    await transport.alive();
  });
});

describe('settings over IPC', () => {
  it('applies random values for settings fields or refuses them naming the field; settings.json stays readable', async () => {
    const ipc = transports.ipc();
    // Fields whose change only writes settings.json here (no login item, no remote engine, no update feed, no CLI context).
    const fields = {
      general: ['closeToTray', 'stopMachineOnQuit', 'theme', 'notifications'],
      window: ['bounds', 'maximized'],
      machine: ['cpus', 'memoryMiB', 'diskGiB', 'idlePauseSeconds', 'exposePortsOnAllInterfaces'],
    };
    const value = fc.oneof(
      edgyJson,
      fc.boolean(),
      fc.integer(),
      fc.constantFrom('dark', 'light', 'system', null),
      fc.record({ x: fc.integer(), y: fc.integer(), width: fc.integer(), height: fc.integer() }),
    );
    const patch = fc.oneof(
      ...Object.entries(fields).map(([section, keys]) =>
        fc.dictionary(fc.constantFrom(...keys), value, { minKeys: 1, maxKeys: 2 }).map((p) => ({ [section]: p })),
      ),
      fc.array(fc.oneof(fc.string(), edgyJson), { maxLength: 3 }).map((recentImages) => ({ recentImages })),
    );
    const answers: Record<string, number> = {};
    await fc.assert(
      fc.asyncProperty(patch, async (p) => {
        const result = await ipc.call('settings.update', { patch: p });
        const answer = result.ok ? 'ok' : result.error.code;
        answers[answer] = (answers[answer] ?? 0) + 1;
        if (!result.ok) {
          expect(result.error.code, result.error.message).toBe('invalid-argument');
          const [section] = Object.keys(p);
          expect(result.error.message, JSON.stringify(p)).toMatch(new RegExp(`\\b${section}\\b`));
        }
        const file = join(berthHome, 'settings.json');
        if (existsSync(file)) expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ general: {} });
      }),
      { numRuns: 150, seed: 13 },
    );
    console.log('ipc settings.update answers', JSON.stringify(answers));
    expect(await ipc.call('settings.get', {})).toMatchObject({ ok: true });
    await ipc.alive();
  }, 120_000);
});

describe('the WebSocket transport', () => {
  it('answers garbage frames with a refusal when they carry an id, and keeps the connection', async () => {
    const frames = fc.sample(
      fc.oneof(
        fc.string({ unit: 'binary', maxLength: 200 }),
        fc.jsonValue().map((v) => JSON.stringify(v)),
        fc
          .record({
            type: fc.constantFrom('call', 'result', 'x'),
            id: fc.oneof(fc.integer(), fc.string()),
            method: fc.jsonValue(),
          })
          .map((v) => JSON.stringify(v)),
      ),
      { numRuns: 300, seed: 13 },
    );
    for (const frame of frames) await ws.send(frame);
    const withId = await ws.send(JSON.stringify({ type: 'call', id: 424242, method: 7 }), 424242);
    expect(withId).toEqual({
      ok: false,
      error: { code: 'invalid-argument', message: 'expected { type: "call", id, method, args }' },
    });
    expect(isValidArgs('system.version', {})).toBe(true);
    await transports.websocket().alive();
  });

  it('closes a connection sending more than 16 MiB in one message (1009), and takes the next one', async () => {
    const big = await openRawWebSocket(web.port, web.token);
    void big.send(
      JSON.stringify({ type: 'call', id: 1, method: 'exec.input', args: { session: 's', data: 'x'.repeat(17 << 20) } }),
    );
    expect((await big.closed).code).toBe(1009);
    const next = await openRawWebSocket(web.port, web.token);
    expect(await next.call('system.version', {})).toMatchObject({ ok: true });
    next.close();
  });
});
