// A stack's pull and build through Berth's API with the real compose CLI: a new image under the same tag pulled from
// a real local registry, a service with `build:` rebuilt from a test image, each with its per-service progress rows
// and raw lines as `stacks.output` events; a missing tag's and a failing build's messages verbatim, with nothing
// half-made left.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StackOutputLine } from '../../src-main/contract';
import { startTestApi, type TestApi } from '../support/api';
import { testHostCli } from '../support/compose-project';
import { testEngine, testLabels, uniqueName } from '../support/engine';
import { rejectionOf } from '../support/errors';
import { followProgress } from '../support/progress';
import { startRegistry, type TestRegistry } from '../support/registry';
import { makeOwnedTempDir } from '../support/temp-dirs';

const { docker, dockerHost, image } = testEngine();
const scratch = makeOwnedTempDir('berth-stack-pull-build-');
const pulling = uniqueName('pull').replace(/-/g, '_');
const building = uniqueName('build').replace(/-/g, '_');
/** compose's name for the image it builds for service "maker". */
const built = `${building}-maker`;
/** Ends at once when compose stops it (a busybox sleep as PID 1 would ignore the signal). */
const COMMAND = ['sh', '-c', 'trap "exit 0" TERM; sleep 300 & wait'];
let api: TestApi;
let registry: TestRegistry;
/** The registry's repository for service "app", and the tag the service names. */
let repository: string;
let reference: string;

/** Writes a compose project (as JSON, which compose reads as YAML) into `dir` and returns its file. */
function writeProject(dir: string, services: Record<string, object>): string {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'compose.yaml');
  writeFileSync(file, JSON.stringify({ services }));
  return file;
}

/** The lines `stacks.output` carried for `operation`. */
function outputOf(operation: string): StackOutputLine[] {
  return api.events.all('stacks.output').flatMap((e) => (e.operation === operation ? e.lines : []));
}

/** Each object's statuses, in the order the lines gave them. */
function statuses(lines: StackOutputLine[], object: string): string[] {
  return lines.filter((l) => l.object === object).map((l) => l.status ?? '');
}

/** Every image on the engine as "id tags", and every container as "id image", to compare before and after. */
async function engineImagesAndContainers(): Promise<string[]> {
  const [images, containers] = await Promise.all([
    docker.listImages({ all: true }),
    docker.listContainers({ all: true }),
  ]);
  return [
    ...images.map((i) => `image ${i.Id} ${(i.RepoTags ?? []).join(',')}`),
    ...containers.map((c) => `container ${c.Id} ${c.ImageID}`),
  ].sort();
}

/** A new image with a layer of `mib` MiB of random bytes on top of the test image, tagged `tag`: its id. */
async function imageWithLayer(repo: string, tag: string, mib: number): Promise<string> {
  const container = await docker.createContainer({
    Image: image,
    Cmd: ['dd', 'if=/dev/urandom', 'of=/payload', 'bs=1M', `count=${mib}`],
    Labels: testLabels(),
  });
  try {
    await container.start();
    expect(await container.wait()).toMatchObject({ StatusCode: 0 });
    const { Id } = (await container.commit({ repo, tag })) as { Id: string };
    return Id;
  } finally {
    await container.remove({ force: true });
  }
}

async function push(tag: string): Promise<void> {
  await followProgress(docker, await docker.getImage(tag).push({ authconfig: {} }));
}

beforeAll(async () => {
  registry = await startRegistry();
  repository = `${registry.address}/berth/${uniqueName('app')}`;
  reference = `${repository}:1`;
  api = startTestApi(dockerHost, 'test-client', { hostCli: await testHostCli(join(scratch, 'docker-config')) });
}, 600_000);

afterAll(async () => {
  for (const name of [pulling, building])
    await api?.client.call('stacks.down', { name, volumes: true }).catch(() => undefined);
  await api?.close();
  for (const tag of [reference, built])
    await docker
      .getImage(tag)
      .remove({ force: true })
      .catch(() => undefined);
  await registry?.stop();
  rmSync(scratch, { recursive: true, force: true });
});

describe('pull', () => {
  it('pulls the image a tag names now from the registry, with rows per service and layer', async () => {
    // The registry's first image under the tag is the test image itself: up pulls it (its one layer is there).
    await docker.getImage(image).tag({ repo: repository, tag: '1' });
    await push(reference);
    await docker.getImage(reference).remove();
    const file = writeProject(join(scratch, 'pull'), {
      app: { image: reference, command: COMMAND },
      local: { image, pull_policy: 'never', command: COMMAND },
    });
    await api.client.call('stacks.up', { files: [file], projectName: pulling });
    expect((await docker.getImage(reference).inspect()).Id).toBe((await docker.getImage(image).inspect()).Id);

    // Then the tag moves to an image with one more layer, which the engine has never had.
    const next = await imageWithLayer(repository, '1', 4);
    await push(reference);
    await docker.getImage(next).remove();

    const stack = await api.client.call('stacks.run', { name: pulling, action: 'pull', operation: 'pull-1' });
    expect(stack.services.map((s) => s.name)).toEqual(['app', 'local']);
    expect((await docker.getImage(reference).inspect()).Id).toBe(next);
    const lines = outputOf('pull-1');
    expect(statuses(lines, 'Service app')).toEqual(['Pulling', 'Pulled']);
    expect(statuses(lines, 'Service local')).toEqual(['Skipped']);
    const layers = [...new Set(lines.filter((l) => l.object?.startsWith('Layer ')).map((l) => l.object!))];
    expect(layers).toHaveLength(2);
    const fresh = layers.find((layer) => statuses(lines, layer).includes('Pull complete'))!;
    expect(statuses(lines, fresh)).toEqual(expect.arrayContaining(['Pulling fs layer', 'Extracting']));
    expect(layers.filter((layer) => statuses(lines, layer).includes('Already exists'))).toHaveLength(1);
    // The raw lines are there as the CLI printed them, progress bars and amounts included.
    expect(lines.map((l) => l.text)).toContain(' app Pulled ');
    expect(lines.find((l) => l.object === fresh && l.status === 'Extracting')?.text).toMatch(/\[=*>? *\] +\S+\/\S+MB/);
  }, 180_000);

  it("says which tag the registry does not have, in the daemon's words, once the project's file names it", async () => {
    // The stack reruns the CLI with its own file, as its labels record it: an edit there is what pull reads.
    writeProject(join(scratch, 'pull'), {
      app: { image: `${repository}:2`, command: COMMAND },
      local: { image, pull_policy: 'never', command: COMMAND },
    });
    const error = await rejectionOf(
      api.client.call('stacks.run', { name: pulling, action: 'pull', services: ['app'], operation: 'pull-2' }),
    );
    expect(error.message).toBe(
      `Error response from daemon: manifest for ${repository}:2 not found: manifest unknown: manifest unknown`,
    );
    expect(statuses(outputOf('pull-2'), 'Service app')).toEqual([
      'Pulling',
      `Error manifest for ${repository}:2 not found: manifest unknown: manifest unknown`,
    ]);
  }, 60_000);
});

describe('build', () => {
  const dir = join(scratch, 'build');
  const dockerfile = (run: string) => writeFileSync(join(dir, 'Dockerfile'), `FROM ${image}\nRUN ${run}\n`);
  let file: string;

  it("rebuilds a service with build: under compose's name for its image, with rows for the service", async () => {
    file = writeProject(dir, {
      maker: { build: { context: '.', network: 'none', labels: testLabels() }, command: COMMAND },
    });
    dockerfile('echo one > /built');
    const up = await api.client.call('stacks.up', { files: [file], projectName: building });
    const first = (await docker.getImage(built).inspect()).Id;
    expect(up.services.find((s) => s.name === 'maker')!.image).toBe(built);
    expect((await api.client.call('stacks.inspect', { name: building })).services[0]!.build).toBe(true);

    dockerfile('echo two > /built');
    await api.client.call('stacks.run', { name: building, action: 'build', operation: 'build-1' });
    const second = await docker.getImage(built).inspect();
    expect(second.Id).not.toBe(first);
    expect(second.RepoTags).toEqual([`${built}:latest`]);
    const lines = outputOf('build-1');
    const steps = statuses(lines, 'Service maker');
    expect(steps[0]).toBe('Building');
    expect(steps.at(-1)).toBe('Built');
    expect(lines.map((l) => l.text)).toContainEqual(
      expect.stringMatching(/^#\d+ \[maker 2\/2\] RUN echo two > \/built$/),
    );
  }, 180_000);

  it("fails a build whose step fails with the CLI's own message, leaving the engine as it was", async () => {
    const before = await engineImagesAndContainers();
    dockerfile('echo failing; exit 3');
    const error = await rejectionOf(
      api.client.call('stacks.run', { name: building, action: 'build', operation: 'build-2' }),
    );
    expect(error.message).toBe(
      'failed to solve: process "/bin/sh -c echo failing; exit 3" did not complete successfully: exit code: 3',
    );
    expect(statuses(outputOf('build-2'), 'Service maker').at(-1)).toBe(
      'Error: process "/bin/sh -c echo failing; exit 3" did not complete successfully: exit code: 3',
    );
    expect(await engineImagesAndContainers()).toEqual(before);
  }, 120_000);
});
