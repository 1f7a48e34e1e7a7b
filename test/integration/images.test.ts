// Images through Berth's API: list with usage, inspect, history, tag, remove, pull and push through a
// real local registry with layer progress, multi-stage builds with streamed output, cancel, prune.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rejectionOf } from '../support/errors';
import { startTestApi, useTestApi } from '../support/api';
import { testEngine, testLabels, uniqueName, waitFor } from '../support/engine';
import { containerOutput } from '../support/container-output';
import { REGISTRY_LOGIN, startRegistry, type TestRegistry } from '../support/registry';

const api = useTestApi();
let registry: TestRegistry;
let scratch: string;
const { docker, image } = testEngine();
const labels = testLabels();

beforeAll(async () => {
  registry = await startRegistry();
  scratch = await mkdtemp(join(tmpdir(), 'berth-images-'));
});

afterAll(async () => {
  await registry.stop();
  await rm(scratch, { recursive: true, force: true });
});

async function context(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(scratch, 'ctx-'));
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
  return dir;
}

/** Output of a one-shot container from `ref` running `script`. */
async function runOnce(ref: string, script: string): Promise<string> {
  const container = await docker.createContainer({ Image: ref, Cmd: ['sh', '-c', script], Labels: labels });
  await container.start();
  await container.wait();
  return (await containerOutput(container)).stdout;
}

const MULTI_STAGE = `
FROM ${image} AS base
ARG GREETING=hi
RUN echo "$GREETING" > /greeting
FROM base AS second
RUN echo second > /stage
FROM base AS final
RUN echo final > /stage
`;

describe('images list, inspect, history, tag, remove', () => {
  it('lists the test image with the number of containers using it', async () => {
    const before = (await api.client.call('images.list', {})).find((i) => i.repoTags.includes(image));
    expect(before).toMatchObject({ dangling: false });
    expect(before?.size).toBeGreaterThan(500_000);
    const container = await docker.createContainer({ Image: image, Cmd: ['true'], Labels: labels });
    const after = (await api.client.call('images.list', {})).find((i) => i.repoTags.includes(image));
    expect(after?.containers).toBe((before?.containers ?? 0) + 1);
    await container.remove();
  });

  it('inspects the image config', async () => {
    const detail = await api.client.call('images.inspect', { id: image });
    expect(detail.repoTags).toContain(image);
    expect(detail.env).toContain('PATH=/bin');
    expect(detail.command).toEqual(['/bin/sh']);
    expect(detail.os).toBe('linux');
  });

  it('shows the layers of a built image with the instruction that made each', async () => {
    const tag = `${uniqueName('history')}:1`;
    await api.client.call('images.build', {
      context: await context({ Dockerfile: `FROM ${image}\nRUN echo layered > /layer\nCMD ["cat", "/layer"]\n` }),
      tags: [tag],
      labels,
    });
    const layers = await api.client.call('images.history', { id: tag });
    expect(layers[0]?.tags).toEqual([tag]);
    expect(layers.some((l) => /CMD \["cat" "\/layer"\]/.test(l.createdBy))).toBe(true);
    const run = layers.find((l) => l.createdBy.includes('echo layered'));
    expect(run?.size).toBeGreaterThan(0);
  });

  it('tags, refuses to remove an image in use, force-removes a tag, and says what went', async () => {
    const tag = `${uniqueName('tagged')}:v2`;
    await api.client.call('images.tag', { id: image, reference: tag });
    expect((await api.client.call('images.inspect', { id: tag })).repoTags).toContain(tag);

    const invalid = await rejectionOf(api.client.call('images.tag', { id: image, reference: 'Bad:Tag!' }));
    expect(invalid).toMatchObject({ code: 'invalid-argument' });
    expect(invalid.message).toMatch(/^reference: /);

    const removed = await api.client.call('images.remove', { id: tag });
    expect(removed).toEqual({ untagged: [`${tag}`], deleted: [] });

    const original = (await api.client.call('images.inspect', { id: image })).id;
    const copyTag = `${uniqueName('inuse')}:1`;
    await api.client.call('images.tag', { id: image, reference: copyTag });
    const container = await docker.createContainer({ Image: copyTag, Cmd: ['true'], Labels: labels });
    const conflict = await rejectionOf(api.client.call('images.remove', { id: original }));
    expect(conflict.code).toBe('conflict');
    const missing = await rejectionOf(api.client.call('images.inspect', { id: 'berth/never-there:1' }));
    expect(missing.code).toBe('not-found');
    await container.remove();
    await api.client.call('images.remove', { id: copyTag });
  });
});

describe('pull and push through a local registry', () => {
  it('pushes with per-layer progress, then pulls back the same image', async () => {
    const reference = `${registry.address}/berth/${uniqueName('roundtrip')}:1.0`;
    await api.client.call('images.build', {
      context: await context({ Dockerfile: `FROM ${image}\nRUN echo ${reference} > /unique\n` }),
      tags: [reference],
    });
    const pushMark = api.events.mark();
    const pushed = await api.client.call('images.push', { reference, operation: 'push-1' });
    expect(pushed.reference).toBe(reference);
    expect(pushed.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    const pushEvents = api.events.all('images.progress').slice(0);
    const pushLayers = pushEvents.filter((e) => e.operation === 'push-1').flatMap((e) => e.layers);
    expect(pushLayers.length).toBeGreaterThan(0);
    expect(pushLayers.some((l) => /Pushed|Layer already exists/.test(l.status))).toBe(true);
    expect(api.events.events.length).toBeGreaterThan(pushMark);

    const id = (await api.client.call('images.inspect', { id: reference })).id;
    const removed = await api.client.call('images.remove', { id: reference });
    expect(removed.deleted).toContain(id);
    expect((await rejectionOf(api.client.call('images.inspect', { id: reference }))).code).toBe('not-found');

    const pulled = await api.client.call('images.pull', { reference, operation: 'pull-1' });
    expect(pulled).toEqual({ id, reference });
    const pullEvents = api.events.all('images.progress').filter((e) => e.operation === 'pull-1');
    expect(pullEvents.every((e) => e.kind === 'pull')).toBe(true);
    const statuses = pullEvents.flatMap((e) => e.layers.map((l) => l.status));
    expect(statuses.some((s) => /Pull complete|Already exists/.test(s))).toBe(true);
    expect(pullEvents.map((e) => e.status).join('\n')).toMatch(/Digest: sha256:|Status: /);
  });

  it('reports a pull that fails with the engine message', async () => {
    const error = await rejectionOf(
      api.client.call('images.pull', { reference: `${registry.address}/berth/does-not-exist:1` }),
    );
    expect(error.message).toMatch(/not found|manifest unknown/i);
  });

  it('refuses references that are not references', async () => {
    for (const reference of ['Upper', 'a b', 'x@sha256:short']) {
      const error = await rejectionOf(api.client.call('images.pull', { reference }));
      expect(error.code).toBe('invalid-argument');
      expect(error.message).toMatch(/^reference: /);
    }
  });
});

describe('images.build', () => {
  it('builds a target stage with build args, streaming output lines', async () => {
    const tag = `${uniqueName('stage')}:1`;
    const built = await api.client.call('images.build', {
      context: await context({ Dockerfile: MULTI_STAGE }),
      tags: [tag],
      target: 'second',
      buildArgs: { GREETING: 'hello' },
      labels,
      operation: 'build-stage',
    });
    expect(built.tags).toEqual([tag]);
    expect(built.id).toBe((await api.client.call('images.inspect', { id: tag })).id);
    expect(await runOnce(tag, 'cat /greeting /stage')).toBe('hello\nsecond\n');
    const lines = api.events
      .all('build.output')
      .filter((e) => e.operation === 'build-stage')
      .flatMap((e) => e.lines);
    expect(lines.some((l) => /^Step \d+\/\d+ : FROM/.test(l))).toBe(true);
    expect(lines.some((l) => l.includes('echo final'))).toBe(false);
  });

  it('honours .dockerignore and a Dockerfile at another path', async () => {
    const dir = await context({
      'build.Dockerfile': `FROM ${image}\nCOPY . /ctx\n`,
      'keep.txt': 'kept',
      'secret.txt': 'never sent',
      '.dockerignore': 'secret.txt\n',
    });
    const tag = `${uniqueName('ignore')}:1`;
    await api.client.call('images.build', { context: dir, dockerfile: 'build.Dockerfile', tags: [tag], labels });
    expect(await runOnce(tag, 'ls /ctx')).toBe('build.Dockerfile\nkeep.txt\n');
  });

  it('reports a failing step with the engine message and a missing Dockerfile by field', async () => {
    const failing = await rejectionOf(
      api.client.call('images.build', {
        context: await context({ Dockerfile: `FROM ${image}\nRUN exit 7\n` }),
        tags: [`${uniqueName('fail')}:1`],
        labels,
      }),
    );
    expect(failing.code).toBe('engine-error');
    expect(failing.message).toMatch(/returned a non-zero code: 7/);
    const missing = await rejectionOf(api.client.call('images.build', { context: await context({}), tags: [] }));
    expect(missing).toMatchObject({ code: 'invalid-argument' });
    expect(missing.message).toMatch(/^dockerfile: no Dockerfile/);
  });

  it('cancels a running build by its operation id', async () => {
    const building = api.client.call('images.build', {
      context: await context({ Dockerfile: `FROM ${image}\nRUN sleep 60\n` }),
      tags: [`${uniqueName('cancel')}:1`],
      labels,
      operation: 'build-cancel',
    });
    await api.events.next(
      'build.output',
      (e) => e.operation === 'build-cancel' && e.lines.some((l) => l.includes('sleep 60')),
    );
    expect(await api.client.call('operations.cancel', { operation: 'build-cancel' })).toEqual({ cancelled: true });
    const error = await rejectionOf(building);
    expect(error.code).toBe('cancelled');
    expect(await api.client.call('operations.cancel', { operation: 'build-cancel' })).toEqual({ cancelled: false });
  });

  it('pulls a FROM image from a registry that needs a login with the stored login, and fails without it', async () => {
    const guarded = await startRegistry({ requireLogin: true });
    const own = startTestApi(undefined, 'images-login', { dockerConfigDir: await mkdtemp(join(scratch, 'config-')) });
    const base = `${guarded.address}/berth-build/base:1`;
    try {
      await docker.getImage(image).tag({ repo: `${guarded.address}/berth-build/base`, tag: '1' });
      const pushed = await docker
        .getImage(base)
        .push({ authconfig: { ...REGISTRY_LOGIN, serveraddress: guarded.address } });
      await new Promise((resolve, reject) => docker.modem.followProgress(pushed, (e) => (e ? reject(e) : resolve(e))));
      await docker.getImage(base).remove();
      const dir = await context({ Dockerfile: `FROM ${base}\nRUN echo from-private > /made\n` });
      const tag = `${uniqueName('private-from')}:1`;
      const refused = await rejectionOf(own.client.call('images.build', { context: dir, tags: [tag], labels }));
      expect(refused.message).toMatch(/no basic auth credentials|unauthorized|authentication required/i);
      await own.client.call('registries.login', { server: guarded.address, ...REGISTRY_LOGIN });
      await own.client.call('images.build', { context: dir, tags: [tag], labels });
      expect(await runOnce(tag, 'cat /made')).toBe('from-private\n');
    } finally {
      await docker
        .getImage(base)
        .remove()
        .catch(() => undefined);
      await own.close();
      await guarded.stop();
    }
  });
});

describe('images.prune', () => {
  it('with all, removes tagged images no container uses, keeping those in use', async () => {
    const pruneLabels = { ...labels, 'berth.prune': uniqueName('all') };
    const filter = Object.entries(pruneLabels).map(([k, v]) => `${k}=${v}`);
    const unusedTag = `${uniqueName('unused')}:1`;
    const usedTag = `${uniqueName('used')}:1`;
    const unused = await api.client.call('images.build', {
      context: await context({ Dockerfile: `FROM ${image}\nRUN echo unused > /v\n` }),
      tags: [unusedTag],
      labels: pruneLabels,
    });
    const used = await api.client.call('images.build', {
      context: await context({ Dockerfile: `FROM ${image}\nRUN echo used > /v\n` }),
      tags: [usedTag],
      labels: pruneLabels,
    });
    await docker.createContainer({ Image: usedTag, Cmd: ['true'], Labels: labels });
    const result = await api.client.call('images.prune', { all: true, labels: filter });
    expect(result.removed).toEqual([{ id: unused.id, name: unusedTag, size: expect.any(Number) }]);
    expect(result.spaceReclaimed).toBeGreaterThan(0);
    expect((await rejectionOf(api.client.call('images.inspect', { id: unusedTag }))).code).toBe('not-found');
    expect((await api.client.call('images.inspect', { id: usedTag })).id).toBe(used.id);
  });

  it('removes exactly the dangling images carrying the labels', async () => {
    const pruneLabels = { ...labels, 'berth.prune': uniqueName('img') };
    const filter = Object.entries(pruneLabels).map(([k, v]) => `${k}=${v}`);
    const tag = `${uniqueName('rebuilt')}:1`;
    const first = await api.client.call('images.build', {
      context: await context({ Dockerfile: `FROM ${image}\nRUN echo one > /v\n` }),
      tags: [tag],
      labels: pruneLabels,
    });
    await api.client.call('images.build', {
      context: await context({ Dockerfile: `FROM ${image}\nRUN echo two > /v\n` }),
      tags: [tag],
      labels: pruneLabels,
    });
    const dangling = (await api.client.call('images.list', {})).find((i) => i.id === first.id);
    expect(dangling).toMatchObject({ dangling: true, repoTags: [] });

    const result = await api.client.call('images.prune', { labels: filter });
    expect(result.removed.map((i) => i.id)).toEqual([first.id]);
    expect(result.removed[0]?.name).toBe('<none>');
    await waitFor(async () => !(await api.client.call('images.list', {})).some((i) => i.id === first.id));
    expect((await api.client.call('images.inspect', { id: tag })).repoTags).toEqual([tag]);
  });
});
