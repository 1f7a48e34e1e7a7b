// Compose stacks through Berth's API with the real compose CLI on the test engine: preview, up, the stack from its
// labels, HTTP on the published port, the secret, scale, stop/start, recreate, down with volumes, and bad input.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Stack } from '../../src-main/contract';
import { startTestApi, type TestApi } from '../support/api';
import { copyComposeFixture, testHostCli } from '../support/compose-project';
import { testEngine, uniqueName, waitFor } from '../support/engine';
import { rejectionOf } from '../support/errors';
import { httpGet } from '../support/http';
import { makeOwnedTempDir } from '../support/temp-dirs';

const { docker, dockerHost, image } = testEngine();
const scratch = makeOwnedTempDir('berth-stacks-');
const project = uniqueName('stack').replace(/-/g, '_');
const file = copyComposeFixture(join(scratch, 'app'), image);
let api: TestApi;

/** Every engine object's name, to compare before up and after down. */
async function engineObjects(): Promise<string[]> {
  const [containers, networks, volumes] = await Promise.all([
    docker.listContainers({ all: true }),
    docker.listNetworks(),
    docker.listVolumes(),
  ]);
  return [
    ...containers.map((c) => `container ${c.Names[0]}`),
    ...networks.map((n) => `network ${n.Name}`),
    ...(volumes.Volumes ?? []).map((v) => `volume ${v.Name}`),
  ].sort();
}

const files = { files: [file], projectName: project };
const webPort = (stack: Stack) => stack.services.find((s) => s.name === 'web')!.containers[0]!.ports[0]!.hostPort!;
let before: string[] = [];

beforeAll(async () => {
  api = startTestApi(dockerHost, 'test-client', { hostCli: await testHostCli(join(scratch, 'docker-config')) });
  before = await engineObjects();
}, 600_000);

afterAll(async () => {
  await api?.client.call('stacks.down', { name: project, volumes: true }).catch(() => undefined);
  await api?.close();
  rmSync(scratch, { recursive: true, force: true });
});

describe('compose stacks through the API', () => {
  it('finds compose v2 where the engine is', async () => {
    const compose = await api.client.call('stacks.compose', {});
    expect(compose).toMatchObject({ available: true, where: 'host' });
    expect(compose.version).toMatch(/^2\.\d+/);
  });

  it('previews exactly what up will create, the unset variable flagged', async () => {
    const preview = await api.client.call('stacks.preview', files);
    expect(preview.name).toBe(project);
    expect(preview.services.map((s) => s.name)).toEqual(['web', 'worker']);
    expect(preview.networks).toEqual([`${project}_backend`]);
    expect(preview.volumes).toEqual([`${project}_data`]);
    expect(preview.secrets).toEqual([`${project}_api_key`]);
    expect(preview.unresolved).toEqual(['WORKER_MODE']);
    expect(preview.plan).toBeUndefined();
    const worker = preview.services.find((s) => s.name === 'worker')!;
    expect(worker).toMatchObject({ dependsOn: ['web'], secrets: ['api_key'], image, build: false });
    expect(preview.services[0]!.ports).toEqual([
      { target: 8080, published: '0', protocol: 'tcp', hostIp: '127.0.0.1' },
    ]);
    const withProfile = await api.client.call('stacks.preview', { ...files, profiles: ['debug'] });
    expect(withProfile.services.map((s) => s.name)).toEqual(['debug', 'web', 'worker']);
  });

  it('brings the project up: one stack, both services running, HTTP answers, the worker has the secret', async () => {
    const from = api.events.events.length;
    const stack = await api.client.call('stacks.up', { ...files, operation: 'up-1' });
    expect(stack).toMatchObject({ name: project, status: 'running', running: 2, total: 2, configFiles: [file] });
    expect(stack.services.map((s) => s.name)).toEqual(['web', 'worker']);
    expect(stack.networks).toEqual([`${project}_backend`]);
    expect(stack.volumes).toEqual([`${project}_data`]);
    const lines = api.events
      .all('stacks.output')
      .slice(0)
      .flatMap((e) => (e.operation === 'up-1' ? e.lines : []));
    expect(api.events.events.length).toBeGreaterThan(from);
    expect(lines).toContainEqual(expect.objectContaining({ object: `Container ${project}-web-1`, status: 'Healthy' }));
    const page = await httpGet({ port: webPort(stack), path: '/' });
    expect(page.body.trim()).toBe('hello from compose');
    const worker = docker.getContainer(stack.services[1]!.containers[0]!.id);
    await waitFor(async () => {
      const exec = await worker.exec({ Cmd: ['cat', '/data/key'], AttachStdout: true });
      const stream = await exec.start({ Detach: false });
      const out = await new Promise<string>((resolve) => {
        let text = '';
        stream.on('data', (chunk: Buffer) => (text += chunk.toString()));
        stream.on('end', () => resolve(text));
      });
      return out.includes('s3cret-key');
    });
    expect((await api.client.call('stacks.list', {})).map((s) => s.name)).toContain(project);
  }, 120_000);

  it("previews up again on the running project as the CLI's dry run plans it", async () => {
    const preview = await api.client.call('stacks.preview', files);
    expect(preview.plan?.map((p) => [p.service, p.action]).sort()).toEqual([
      ['web', 'keep'],
      ['worker', 'keep'],
    ]);
  }, 60_000);

  it('scales web to 3, stops and starts the project, recreates the worker', async () => {
    const scaled = await api.client.call('stacks.scale', { name: project, service: 'web', replicas: 3 });
    expect(scaled.services.find((s) => s.name === 'web')!.containers.map((c) => c.number)).toEqual([1, 2, 3]);
    await api.client.call('stacks.run', { name: project, action: 'stop' });
    // compose reports each stop done; the engine's list can show one still running for a moment after.
    const stopped = await waitFor(async () => {
      const stack = await api.client.call('stacks.inspect', { name: project });
      return stack.status === 'stopped' ? stack : undefined;
    });
    expect(stopped).toMatchObject({ status: 'stopped', running: 0, total: 4 });
    const started = await api.client.call('stacks.run', { name: project, action: 'start' });
    expect(started.status).toBe('running');
    const workerId = started.services.find((s) => s.name === 'worker')!.containers[0]!.id;
    const recreated = await api.client.call('stacks.recreate', { name: project, service: 'worker' });
    expect(recreated.services.find((s) => s.name === 'worker')!.containers[0]!.id).not.toBe(workerId);
    // A service scaled to 0 has no container, but the stack still lists it, from the project's files.
    await api.client.call('stacks.scale', { name: project, service: 'worker', replicas: 0 });
    const inspected = await api.client.call('stacks.inspect', { name: project });
    expect(inspected.services.map((s) => [s.name, s.containers.length, s.build])).toEqual([
      ['debug', 0, false],
      ['web', 3, false],
      ['worker', 0, false],
    ]);
    await api.client.call('stacks.scale', { name: project, service: 'worker', replicas: 1 });
  }, 180_000);

  it('down with volumes removes exactly what up created, as its confirmation listed', async () => {
    const removal = await api.client.call('stacks.removal', { name: project, volumes: true });
    expect(removal.containers).toEqual([
      `${project}-web-1`,
      `${project}-web-2`,
      `${project}-web-3`,
      `${project}-worker-1`,
    ]);
    expect(removal).toMatchObject({ networks: [`${project}_backend`], volumes: [`${project}_data`] });
    const withoutVolumes = await api.client.call('stacks.removal', { name: project, volumes: false });
    expect(withoutVolumes.volumes).toEqual([]);
    await api.client.call('stacks.down', { name: project, volumes: true });
    expect(await engineObjects()).toEqual(before);
    expect((await rejectionOf(api.client.call('stacks.inspect', { name: project }))).code).toBe('not-found');
  }, 120_000);

  it("refuses broken YAML with the CLI's own words and creates nothing", async () => {
    const broken = join(scratch, 'broken', 'compose.yaml');
    mkdirSync(join(scratch, 'broken'), { recursive: true });
    writeFileSync(broken, 'services:\n  a:\n  image: [\n');
    const error = await rejectionOf(api.client.call('stacks.up', { files: [broken], projectName: 'broken' }));
    expect(error.message).toContain('yaml: line 3: did not find expected node content');
    expect(await engineObjects()).toEqual(before);
  });

  it('says which image is missing, and what a failed up left behind is a stack to see and take down', async () => {
    const missing = join(scratch, 'missing', 'compose.yaml');
    mkdirSync(join(scratch, 'missing'), { recursive: true });
    writeFileSync(
      missing,
      'services:\n  a:\n    image: berth-test/missing:1\n    pull_policy: never\n    networks: [n]\nnetworks:\n  n: {}\n',
    );
    const name = `${project}_missing`;
    const error = await rejectionOf(api.client.call('stacks.up', { files: [missing], projectName: name }));
    expect(error.message).toMatch(/berth-test\/missing:1/);
    expect(error.message).not.toMatch(/Network .* Creat/);
    const left = (await api.client.call('stacks.list', {})).find((s) => s.name === name);
    expect(left?.networks).toEqual([`${name}_n`]);
    await api.client.call('stacks.down', { name, volumes: false });
    expect(await engineObjects()).toEqual(before);
  }, 60_000);

  it('names a file that does not exist instead of running the CLI', async () => {
    const error = await rejectionOf(api.client.call('stacks.preview', { files: [join(scratch, 'nope.yaml')] }));
    expect(error).toMatchObject({ code: 'invalid-argument' });
    expect(error.message).toContain('nope.yaml does not exist');
  });
});
