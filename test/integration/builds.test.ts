// Builds through Berth's API with the real buildx CLI and BuildKit of the test engine: a multi-stage Dockerfile with
// a build arg and a target, the cache on a second build and after one source file changed, a failing RUN, a cancel
// that leaves nothing running, a secret in no layer, log, event or history record, the history across a restart,
// and the classic builder where there is no buildx.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BuildRecord, BuildStepDelta } from '../../src-main/contract';
import { BuildHistory } from '../../src-main/builds/build-history';
import { BuildService } from '../../src-main/builds/build-service';
import { EventHub } from '../../src-main/engine/event-hub';
import { SettingsStore } from '../../src-main/settings/settings-store';
import { startTestApi, type TestApi } from '../support/api';
import { testHostCli } from '../support/compose-project';
import { containerOutput } from '../support/container-output';
import { testEngine, testLabels, uniqueName, waitFor } from '../support/engine';
import { rejectionOf } from '../support/errors';
import { scan, textSecret } from '../support/secret-scan';
import { makeOwnedTempDir } from '../support/temp-dirs';

const { docker, dockerHost, image } = testEngine();
const scratch = makeOwnedTempDir('berth-builds-');
const dataDir = join(scratch, 'data');
const built = new Set<string>();
let api: TestApi;

const MULTI_STAGE = `ARG BASE
FROM \${BASE} AS base
ARG GREETING=hello
RUN echo "$GREETING" > /greeting

FROM base AS tools
RUN echo tools > /tools-only

FROM base AS app
COPY app.txt /app.txt
RUN cat /greeting /app.txt > /combined
RUN wc -c < /combined > /size
`;

/** A context folder `name` with these files. */
function context(name: string, files: Record<string, string>): string {
  const dir = join(scratch, name);
  mkdirSync(dir, { recursive: true });
  for (const [file, text] of Object.entries(files)) writeFileSync(join(dir, file), text);
  return dir;
}

/** Starts a build through the API and waits for its end. */
async function build(request: Parameters<TestApi['client']['call']>[1] & object): Promise<BuildRecord> {
  const { id } = await api.client.call('builds.start', request as never);
  const record = await api.backend.services.builds.wait(id);
  if (record.imageId) built.add(record.imageId);
  return record;
}

/** What `command` prints in a container of `ref`. */
async function runIn(ref: string, command: string): Promise<string> {
  const container = await docker.createContainer({ Image: ref, Cmd: ['sh', '-c', command], Labels: testLabels() });
  try {
    await container.start();
    await container.wait();
    return (await containerOutput(container)).stdout;
  } finally {
    await container.remove({ force: true });
  }
}

/** The image's `docker save` tar (every layer tar and its config), whole. */
async function savedImage(ref: string): Promise<Buffer> {
  const stream = (await docker.getImage(ref).get()) as unknown as Readable;
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function stepNamed(record: BuildRecord, pattern: RegExp) {
  const step = record.steps.find((s) => pattern.test(s.name));
  if (!step) throw new Error(`no step ${pattern} in ${record.steps.map((s) => s.name).join(', ')}`);
  return step;
}

beforeAll(async () => {
  const settings = new SettingsStore(dataDir);
  await settings.load();
  api = startTestApi(dockerHost, 'test-client', {
    hostCli: await testHostCli(join(scratch, 'docker-config')),
    settings,
  });
}, 600_000);

afterAll(async () => {
  await api?.close();
  for (const id of built)
    await docker
      .getImage(id)
      .remove({ force: true })
      .catch(() => undefined);
  rmSync(scratch, { recursive: true, force: true });
});

describe('a multi-stage build with a build arg and a target', () => {
  const tag = `${uniqueName('multi')}:1`;
  const dir = context('multi', { Dockerfile: MULTI_STAGE, 'app.txt': 'first\n' });
  const request = { context: dir, tags: [tag], buildArgs: { BASE: image, GREETING: 'hi there' }, target: 'app' };

  it('lists the named stages for the target field', async () => {
    expect(await api.client.call('builds.stages', { context: dir })).toEqual({ stages: ['base', 'tools', 'app'] });
  });

  it("builds the target with BuildKit: its image has the target's files and not the other stages'", async () => {
    const record = await build({ ...request, noCache: true });
    expect(record).toMatchObject({ state: 'succeeded', builder: 'buildkit', request: { target: 'app', tags: [tag] } });
    expect(record.imageId).toBe((await docker.getImage(tag).inspect()).Id);
    expect(await runIn(tag, 'cat /combined; test -e /tools-only && echo tools-present; true')).toBe(
      'hi there\nfirst\n',
    );
    // base's RUN, app's COPY, RUN, RUN (the FROM only names the base image); the tools stage is not built.
    expect(record.totalSteps).toBe(4);
    expect(record.steps.filter((s) => s.kind === 'base').map((s) => s.name)).toEqual([
      `[base 1/2] FROM docker.io/${image}`,
    ]);
    expect(record.steps.some((s) => s.name.includes('/tools-only'))).toBe(false);
    const run = stepNamed(record, /RUN cat \/greeting/);
    expect(run.cached).toBe(false);
    expect(run.error).toBeUndefined();
    // Live progress came as deltas for this build, and the last one carries the result.
    const progress = api.events.all('builds.progress').filter((p) => p.build === record.id);
    expect(progress.length).toBeGreaterThan(1);
    expect(progress.at(-1)).toMatchObject({ state: 'succeeded', imageId: record.imageId, totalSteps: 4 });
    expect(progress.slice(0, -1).every((p) => p.state === 'running')).toBe(true);
  }, 180_000);

  it('reports every step cached on a second build', async () => {
    const record = await build(request);
    expect(record.state).toBe('succeeded');
    expect(record.totalSteps).toBe(4);
    expect(record.cachedSteps).toBe(4);
    // The id comes from the exporter's status, also when nothing was built.
    expect(record.imageId).toBe((await docker.getImage(tag).inspect()).Id);
  }, 120_000);

  it('re-runs only the steps after the COPY of a changed file', async () => {
    writeFileSync(join(dir, 'app.txt'), 'second\n');
    const record = await build(request);
    expect(record.state).toBe('succeeded');
    const instructions = record.steps.filter((s) => s.kind === 'instruction');
    const cached = instructions.filter((s) => s.cached).map((s) => s.name);
    expect(cached).toEqual(['[base 2/2] RUN echo "hi there" > /greeting']);
    expect(record.cachedSteps).toBe(1);
    expect(record.totalSteps).toBe(4);
    expect(await runIn(tag, 'cat /combined')).toBe('hi there\nsecond\n');
  }, 120_000);
});

describe('failures and cancel', () => {
  it('reports the failing RUN with its exit code and last lines', async () => {
    const dir = context('failing', {
      Dockerfile: `FROM ${image}\nRUN echo preparing && echo about to fail && exit 3\nRUN echo never\n`,
    });
    const record = await build({ context: dir });
    expect(record.state).toBe('failed');
    expect(record.failure).toMatchObject({ step: expect.stringMatching(/RUN echo preparing/), exitCode: 3 });
    expect(record.failure!.lastLines).toContain('about to fail');
    expect(record.error).toMatch(/exit code: 3/);
    expect(stepNamed(record, /RUN echo preparing/).exitCode).toBe(3);
  }, 120_000);

  it('refuses a context that is not a folder and a secret file that is not there, naming the field', async () => {
    const error = await rejectionOf(api.client.call('builds.start', { context: join(scratch, 'nowhere') }));
    expect(error.message).toMatch(/^context: .*nowhere is not a folder/);
    const dir = context('refused', { Dockerfile: `FROM ${image}\n` });
    const secrets = [{ id: 'token', file: join(scratch, 'no-such-secret') }];
    const missing = await rejectionOf(api.client.call('builds.start', { context: dir, secrets }));
    expect(missing.message).toMatch(/^secrets\[0\]\.file: .*no-such-secret is not a file/);
  });

  it('cancels mid-build and leaves no RUN and no buildx running', async () => {
    const marker = `${31_400 + Math.floor(Math.random() * 500)}`;
    const dir = context('cancel', { Dockerfile: `FROM ${image}\nRUN echo started-${marker} && sleep ${marker}\n` });
    const { id } = await api.client.call('builds.start', { context: dir, noCache: true });
    const said = (step: BuildStepDelta) => step.logs.includes(`started-${marker}`);
    await api.events.next('builds.progress', (p) => p.build === id && p.steps.some(said), { timeoutMs: 60_000 });
    const running = () => execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' });
    await waitFor(async () => running().includes(`sleep ${marker}`), { message: 'the RUN to be running' });
    expect(await api.client.call('builds.cancel', { id })).toEqual({ cancelled: true });
    const record = await api.backend.services.builds.wait(id);
    expect(record.state).toBe('cancelled');
    await waitFor(async () => !running().includes(`sleep ${marker}`) && !running().includes(`${dir}`), {
      timeoutMs: 20_000,
      message: 'the RUN and the buildx CLI to be gone',
    });
    expect((await api.client.call('builds.get', { id })).state).toBe('cancelled');
  }, 120_000);
});

describe('secrets', () => {
  it('mounts a secret for RUN, and its value is in no layer, log, event or history record', async () => {
    const value = `s3cr3t-${uniqueName('v')}`;
    const secretFile = join(scratch, 'token.txt');
    writeFileSync(secretFile, value);
    const tag = `${uniqueName('secret')}:1`;
    const dir = context('secret', {
      Dockerfile: `FROM ${image}\nRUN --mount=type=secret,id=token wc -c < /run/secrets/token > /token-length && cat /run/secrets/token\n`,
    });
    const record = await build({ context: dir, tags: [tag], secrets: [{ id: 'token', file: secretFile }] });
    expect(record.state).toBe('succeeded');
    expect((await runIn(tag, 'cat /token-length')).trim()).toBe(String(value.length));
    expect(record.request.secrets).toEqual([{ id: 'token', file: secretFile }]);
    // The RUN printed it: the log shows it hidden.
    expect(record.log.join('\n')).toContain('[hidden]');
    const secret = textSecret('token', value);
    const history = readFileSync(join(dataDir, 'builds.json'));
    expect(
      scan(
        [secret],
        [
          ['image tar', await savedImage(tag)],
          ['record', JSON.stringify(await api.client.call('builds.get', { id: record.id }))],
          ['list', JSON.stringify(await api.client.call('builds.list', {}))],
          ['events', JSON.stringify(api.events.events)],
          ['history file', history],
        ],
      ),
    ).toEqual([]);
  }, 120_000);
});

describe('history', () => {
  it('keeps the builds across a restart: a new history on the same folder lists them, and remove drops one', async () => {
    const listed = await api.client.call('builds.list', {});
    expect(listed.length).toBeGreaterThanOrEqual(5);
    const s = api.backend.services;
    const restarted = new BuildService({ ...s, hub: new EventHub(), historyFile: join(dataDir, 'builds.json') });
    expect((await restarted.list()).map((r) => r.id)).toEqual(listed.map((r) => r.id));
    const first = listed.find((r) => r.state === 'succeeded')!;
    const reread = await restarted.get(first.id);
    expect(reread.log.length).toBeGreaterThan(0);
    expect(reread.steps.length).toBeGreaterThan(0);
    expect(reread).toMatchObject({ request: first.request, imageId: first.imageId, cachedSteps: first.cachedSteps });
    await api.client.call('builds.remove', { id: first.id });
    expect((await new BuildHistory(join(dataDir, 'builds.json')).list()).map((r) => r.id)).not.toContain(first.id);
    expect((await rejectionOf(api.client.call('builds.get', { id: first.id }))).message).toMatch(/no build/);
  });
});

describe('the classic builder', () => {
  it('builds where the CLI has no buildx, and says why', async () => {
    const cli = await testHostCli(join(scratch, 'docker-config-bare'));
    rmSync(join(scratch, 'docker-config-bare', 'cli-plugins'), { recursive: true, force: true });
    const bare = startTestApi(dockerHost, 'bare-client', { hostCli: cli });
    try {
      const dir = context('classic', { Dockerfile: `FROM ${image}\nRUN echo classic > /made-by\n` });
      const { id } = await bare.client.call('builds.start', { context: dir, noCache: true });
      const record = await bare.backend.services.builds.wait(id);
      if (record.imageId) built.add(record.imageId);
      expect(record).toMatchObject({ state: 'succeeded', builder: 'classic', totalSteps: 1 });
      expect(record.builderReason).toMatch(/buildx CLI plugin is not installed/);
      expect(await runIn(record.imageId!, 'cat /made-by')).toBe('classic\n');
      const secrets = [{ id: 'token', env: 'HOME' }];
      const refused = await rejectionOf(bare.client.call('builds.start', { context: dir, secrets }));
      expect(refused.message).toMatch(/secrets need BuildKit/);
    } finally {
      await bare.close();
    }
  }, 120_000);
});

describe('the build cache budget', () => {
  it('is applied after each BuildKit build: the cache ends at most the budget set in Settings', async () => {
    const budget = 100_000;
    await api.client.call('settings.update', { patch: { buildCache: { budgetGB: budget / 1e9 } } });
    try {
      const dir = context('budget', {
        // A cache mount's bytes belong to no image: they count against the budget.
        Dockerfile: `FROM ${image}\nRUN --mount=type=cache,target=/c dd if=/dev/urandom of=/c/blob bs=64k count=32\n`,
      });
      const record = await build({ context: dir, noCache: true });
      expect(record.state).toBe('succeeded');
      expect((await api.client.call('buildCache.list', {})).total).toBeLessThanOrEqual(budget);
    } finally {
      await api.client.call('settings.update', { patch: { buildCache: { budgetGB: undefined } } });
    }
  }, 120_000);
});
