// A compose project's merged logs through Berth's API on the real engine and compose CLI: both services' lines,
// sources named by service, timestamp order across services (history and live), stderr kept, tail per container,
// a stopped service not ending the session, a container started by a scale up joining a following session (a
// removed one ending its source only, a restarted one read again), the session ending when every container has,
// and logs.close.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromLogBatch, type LogLine } from '../../src-main/contract';
import { startTestApi, type TestApi } from '../support/api';
import { LOGS_HISTORY, LOGS_SERVICES, testHostCli, writeLogsProject } from '../support/compose-project';
import { testEngine, uniqueName, waitFor } from '../support/engine';
import { rejectionOf } from '../support/errors';
import { makeOwnedTempDir } from '../support/temp-dirs';

const { docker, dockerHost, image } = testEngine();
const scratch = makeOwnedTempDir('berth-stack-logs-');
const project = uniqueName('logs').replace(/-/g, '_');
const file = writeLogsProject(join(scratch, 'app'), image);
let api: TestApi;

/** What a session has delivered so far, each line with its service's name. */
function received(session: string, sources: readonly string[]): Array<LogLine & { service: string }> {
  return api.events
    .all('logs.data')
    .filter((e) => e.session === session)
    .flatMap((batch) => fromLogBatch(batch))
    .map((line) => ({ ...line, service: sources[line.source!]! }));
}

function expectTimeOrder(lines: readonly LogLine[]): void {
  const stamps = lines.map((l) => l.timestamp!);
  expect(stamps.every((s) => /^\d{4}-\d\d-\d\dT[\d:.]+Z$/.test(s))).toBe(true);
  const late = stamps.findIndex((s, i) => i > 0 && s < stamps[i - 1]!);
  expect(late, `line ${late} is older than the one before it`).toBe(-1);
}

/** A session's source names now: the handle's, or the latest list a batch brought. */
function namesOf(session: string, opened: readonly string[]): readonly string[] {
  const changed = api.events.all('logs.data').filter((e) => e.session === session && e.sourceNames);
  return changed.at(-1)?.sourceNames ?? opened;
}

/** The highest tick each service has delivered (0 before its first). */
function ticks(lines: ReadonlyArray<{ service: string; text: string }>): Record<string, number> {
  const out: Record<string, number> = Object.fromEntries(LOGS_SERVICES.map((s) => [s, 0]));
  for (const l of lines) {
    const tick = /^\w+ tick (\d+)$/.exec(l.text);
    if (tick) out[l.service] = Math.max(out[l.service]!, Number(tick[1]));
  }
  return out;
}

beforeAll(async () => {
  api = startTestApi(dockerHost, 'test-client', { hostCli: await testHostCli(join(scratch, 'docker-config')) });
  await api.client.call('stacks.up', { files: [file], projectName: project });
  // Both services have written their history once each has ticked.
  const stack = await api.client.call('stacks.inspect', { name: project });
  for (const service of stack.services) {
    const container = docker.getContainer(service.containers[0]!.id);
    await waitFor(async () => {
      const log = (await container.logs({ stdout: true, stderr: true, follow: false })) as unknown as Buffer;
      return log.toString('utf8').includes('tick 1') || false;
    });
  }
}, 600_000);

afterAll(async () => {
  await api?.client.call('stacks.down', { name: project, volumes: true }).catch(() => undefined);
  await api?.close();
  rmSync(scratch, { recursive: true, force: true });
});

describe('a compose project’s merged logs', () => {
  it('delivers every history line of both services in time order, then live lines from both, until closed', async () => {
    const { session, sources } = await api.client.call('stacks.logs', { name: project });
    expect(sources).toEqual([...LOGS_SERVICES]);
    await api.events.next('logs.data', (e) => e.session === session && e.caughtUp === true);
    const history = received(session, sources);
    for (const service of LOGS_SERVICES) {
      const numbered = history.filter((l) => l.service === service && l.text.startsWith(`${service} line `));
      expect(numbered.map((l) => l.text)).toEqual(
        Array.from({ length: LOGS_HISTORY }, (_, i) => `${service} line ${i + 1}`),
      );
      expect(history.some((l) => l.service === service && l.text === `${service} history done`)).toBe(true);
    }
    // Every line a service wrote is its own; beta's odd lines came from stderr.
    expect(history.every((l) => l.text.startsWith(`${l.service} `))).toBe(true);
    expect(history.filter((l) => l.stream === 'stderr').map((l) => l.text)).toContain('beta line 1');
    expect(history.find((l) => l.text === 'alpha line 1')?.stream).toBe('stdout');
    expectTimeOrder(history);

    const seen = ticks(history);
    await waitFor(async () => {
      const now = ticks(received(session, sources));
      return LOGS_SERVICES.every((s) => now[s]! >= seen[s]! + 2) || false;
    });
    const all = received(session, sources);
    expectTimeOrder(all);
    expect(await api.client.call('logs.replay', { session })).toMatchObject({ caughtUp: true });

    const closedAt = api.events.mark();
    await api.client.call('logs.close', { session });
    expect((await rejectionOf(api.client.call('logs.replay', { session }))).message).toMatch(/no logs session/);
    // Another session sees both services tick again; the closed one got nothing since.
    const other = await api.client.call('stacks.logs', { name: project, tail: 0 });
    await waitFor(async () => {
      const now = ticks(received(other.session, other.sources));
      return LOGS_SERVICES.every((s) => now[s]! > 0) || false;
    });
    await api.client.call('logs.close', { session: other.session });
    const after = api.events.events
      .slice(closedAt)
      .filter((e) => (e.payload as { session?: string }).session === session);
    expect(after).toEqual([]);
  });

  it('reads the last lines of each container without following, then ends', async () => {
    const { session, sources } = await api.client.call('stacks.logs', { name: project, follow: false, tail: 5 });
    await api.events.next('logs.end', (e) => e.session === session);
    const lines = received(session, sources);
    for (const service of LOGS_SERVICES) expect(lines.filter((l) => l.service === service)).toHaveLength(5);
    expectTimeOrder(lines);
    expect(api.events.all('logs.end').find((e) => e.session === session)?.error).toBeUndefined();
    await api.client.call('logs.close', { session });
  });

  it('leaves the timestamps out of the lines when asked, still merging by them', async () => {
    const { session } = await api.client.call('stacks.logs', { name: project, follow: false, timestamps: false });
    await api.events.next('logs.end', (e) => e.session === session);
    const batches = api.events.all('logs.data').filter((e) => e.session === session);
    expect(batches.some((b) => b.lines.length > 0)).toBe(true);
    expect(batches.every((b) => b.timestamps === undefined && b.sources?.length === b.lines.length)).toBe(true);
    await api.client.call('logs.close', { session });
  });

  it('says so for a project that does not exist', async () => {
    const error = await rejectionOf(api.client.call('stacks.logs', { name: 'no_such_project_here' }));
    expect(error.message).toMatch(/no compose project "no_such_project_here"/);
  });

  it('takes in a container a scale up starts while following, goes on when a scale down removes it, reads a restarted one again', async () => {
    const { session, sources } = await api.client.call('stacks.logs', { name: project, tail: 0 });
    expect(sources).toEqual([...LOGS_SERVICES]);
    await api.client.call('stacks.scale', { name: project, service: 'alpha', replicas: 2 });
    const lines = () => received(session, namesOf(session, sources));
    // The new container's lines arrive under its number; the first alpha is numbered from then on too.
    await waitFor(async () => lines().some((l) => l.service === 'alpha-2' && /^alpha tick \d+$/.test(l.text)), {
      timeoutMs: 30_000,
    });
    expect(namesOf(session, sources)).toEqual(['alpha-1', 'beta', 'alpha-2']);
    const joined = lines().filter((l) => l.service === 'alpha-2');
    expect(joined[0]?.text).toBe('alpha line 1');
    expect(joined.every((l) => l.text.startsWith('alpha '))).toBe(true);

    await api.client.call('stacks.scale', { name: project, service: 'alpha', replicas: 1 });
    const scaledDown = ticks(lines());
    await waitFor(async () => ticks(lines()).beta! >= scaledDown.beta! + 2 || false);
    expect(api.events.all('logs.end').some((e) => e.session === session)).toBe(false);
    // Restarted, beta is read again from where it stopped: its new run's history, no line twice.
    await api.client.call('stacks.run', { name: project, action: 'restart', services: ['beta'] });
    await waitFor(async () => lines().some((l) => l.service === 'beta' && l.text === 'beta history done'));
    const beta = lines().filter((l) => l.service === 'beta');
    expect(beta.every((l, i) => i === 0 || l.timestamp! > beta[i - 1]!.timestamp!)).toBe(true);
    // Every source ended without an error, the removed container's too.
    await api.client.call('stacks.run', { name: project, action: 'stop', services: [] });
    expect((await api.events.next('logs.end', (e) => e.session === session)).error).toBeUndefined();
    await api.client.call('logs.close', { session });
    await api.client.call('stacks.run', { name: project, action: 'start', services: [] });
  });

  it('goes on while one service is stopped, and ends once every container has', async () => {
    const { session, sources } = await api.client.call('stacks.logs', { name: project, tail: 0 });
    await api.client.call('stacks.run', { name: project, action: 'stop', services: ['beta'] });
    const stoppedAt = ticks(received(session, sources));
    await waitFor(async () => ticks(received(session, sources)).alpha! >= stoppedAt.alpha! + 2 || false);
    expect(api.events.all('logs.end').some((e) => e.session === session)).toBe(false);
    await api.client.call('stacks.run', { name: project, action: 'stop', services: [] });
    const end = await api.events.next('logs.end', (e) => e.session === session);
    expect(end.error).toBeUndefined();
    await api.client.call('logs.close', { session });
  });
});
