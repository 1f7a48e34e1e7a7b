// Containers through Berth's API against a real engine: run specs, published ports, lifecycle, top,
// commit, live limit updates, copy in and out, prune, and bad input reported by field.
import { mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rejectionOf } from '../support/errors';
import { ensureHelperImage } from '../../src-main/engine/helper-image';
import { useTestApi } from '../support/api';
import { testEngine, testLabels, uniqueName, waitFor } from '../support/engine';
import { httpGet } from '../support/http';
import { freePort } from '../support/ports';

const api = useTestApi();
let scratch: string;
const { docker, image } = testEngine();
const labels = testLabels();

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'berth-containers-'));
});

afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

const run = (spec: Record<string, unknown>, start = true) =>
  api.client.call('containers.run', { spec: { image, labels, ...spec } as never, start });

const sh = (script: string) => ({ command: ['sh', '-c', script] });

async function state(id: string) {
  return (await api.client.call('containers.inspect', { id })).state;
}

describe('containers.run', () => {
  it('publishes a port that answers HTTP on the host, and lists the container with it', async () => {
    const port = await freePort();
    const site = await mkdtemp(join(scratch, 'site-'));
    await writeFile(join(site, 'index.html'), 'hello from berth');
    const name = uniqueName('web');
    const created = await run({
      name,
      ...sh('httpd -f -p 80 -h /www'),
      ports: [`127.0.0.1:${port}:80`],
      volumes: [`${site}:/www:ro`],
    });
    expect(created.name).toBe(name);
    const response = await waitFor(() => httpGet({ port, path: '/index.html' }).catch(() => undefined), {
      message: 'httpd answering on the published port',
    });
    expect(response.status).toBe(200);
    expect(response.body).toBe('hello from berth');

    const listed = (await api.client.call('containers.list', { all: false })).find((c) => c.id === created.id);
    expect(listed).toMatchObject({ name, image, state: 'running', health: 'none' });
    expect(listed?.ports).toEqual([{ containerPort: 80, protocol: 'tcp', hostIp: '127.0.0.1', hostPort: port }]);
    expect(listed?.mounts).toEqual([{ type: 'bind', source: site, destination: '/www', readOnly: true }]);
  });

  it('applies every part of a run spec', async () => {
    const envFile = '# comment\nFROM_FILE=one\nOVERRIDDEN=file\n';
    const network = uniqueName('net');
    await api.client.call('networks.create', { name: network, labels });
    const volume = uniqueName('vol');
    const created = await run({
      name: uniqueName('spec'),
      entrypoint: ['sh', '-c'],
      command: ['sleep 300'],
      env: ['PLAIN=value=with=equals', 'OVERRIDDEN=line'],
      envFile,
      ports: ['9000-9001:7000-7001/udp', '80'],
      volumes: [`${volume}:/named`, '/anonymous'],
      tmpfs: ['/scratch:size=8m,mode=1777'],
      network,
      networkAliases: ['spec-alias'],
      restartPolicy: 'on-failure',
      restartMaxRetries: 3,
      memory: '64m',
      cpus: '0.5',
      workingDir: '/tmp',
      user: 'nobody',
      hostname: 'spec-host',
      labels: { ...labels, 'com.example.role': 'spec' },
    });
    const d = await api.client.call('containers.inspect', { id: created.id });
    expect(d.entrypoint).toEqual(['sh', '-c']);
    expect(d.command).toEqual(['sleep 300']);
    expect(d.env).toEqual(expect.arrayContaining(['FROM_FILE=one', 'OVERRIDDEN=line', 'PLAIN=value=with=equals']));
    expect(d.env).not.toContain('OVERRIDDEN=file');
    expect(d.ports).toEqual(
      expect.arrayContaining([
        { containerPort: 7000, protocol: 'udp', hostPort: 9000, hostIp: '0.0.0.0' },
        { containerPort: 7001, protocol: 'udp', hostPort: 9001, hostIp: '0.0.0.0' },
      ]),
    );
    const random = d.ports.find((p) => p.containerPort === 80);
    expect(random?.hostPort).toBeGreaterThan(0);
    expect(d.mounts).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ type: 'volume', name: volume, destination: '/named' }),
        expect.objectContaining({ type: 'volume', destination: '/anonymous' }),
      ]),
    );
    expect((d.raw.HostConfig as { Tmpfs: Record<string, string> }).Tmpfs).toEqual({
      '/scratch': 'size=8388608,mode=1777',
    });
    expect(d.networks.map((n) => n.network)).toEqual([network]);
    expect(d.networks[0]?.aliases).toContain('spec-alias');
    expect(d.restartPolicy).toEqual({ name: 'on-failure', maximumRetryCount: 3 });
    expect(d.memoryLimit).toBe(64 * 1024 * 1024);
    expect(d.nanoCpus).toBe(500_000_000);
    expect(d).toMatchObject({ workingDir: '/tmp', user: 'nobody', running: true });
    expect(d.labels['com.example.role']).toBe('spec');
    const exec = await docker.getContainer(created.id).inspect();
    expect(exec.Config.Hostname).toBe('spec-host');
  });

  it('auto-removes a container that exits when asked to', async () => {
    const created = await run({ ...sh('exit 0'), autoRemove: true });
    await waitFor(async () => (await docker.listContainers({ all: true })).every((c) => c.Id !== created.id), {
      message: 'auto-removed container gone',
    });
  });

  it.each([
    [{ ports: ['80', 'abc'] }, /spec\.ports\[1\]: .*abc/],
    [{ memory: 'lots' }, /spec\.memory: .*lots/],
    [{ volumes: ['./relative:/data'] }, /spec\.volumes\[0\]: .*absolute/],
    [{ cpus: '-1' }, /spec\.cpus: /],
    [{ env: ['=nokey'] }, /spec\.env\[0\]: /],
    [{ autoRemove: true, restartPolicy: 'always' }, /spec\.restartPolicy: /],
    [{ name: '-bad' }, /spec\.name: /],
  ])('reports bad input %j naming the field, creating nothing', async (spec, message) => {
    const before = (await docker.listContainers({ all: true })).length;
    const error = await rejectionOf(run(spec));
    expect(error.code).toBe('invalid-argument');
    expect(error.message).toMatch(message);
    expect((await docker.listContainers({ all: true })).length).toBe(before);
  });

  it('removes the container again when it cannot start (port already taken)', async () => {
    const port = await freePort();
    const name = uniqueName('taken');
    await run({ ...sh('httpd -f -p 80'), ports: [`127.0.0.1:${port}:80`] });
    const error = await rejectionOf(run({ name, ...sh('httpd -f -p 80'), ports: [`127.0.0.1:${port}:80`] }));
    expect(error.code).toBe('engine-error');
    expect(error.message).toMatch(/port is already allocated|address already in use/);
    expect((await docker.listContainers({ all: true })).some((c) => c.Names.includes(`/${name}`))).toBe(false);
  });

  it('reports a missing image the engine cannot pull with its message', async () => {
    const error = await rejectionOf(run({ image: '127.0.0.1:1/berth/none:latest' }));
    expect(error.message).toMatch(/connection refused|dial tcp/);
  });
});

describe('container lifecycle', () => {
  it('stops, starts, restarts, pauses, unpauses, kills, renames and removes', async () => {
    const created = await run({ name: uniqueName('life'), ...sh('trap "exit 0" TERM; while true; do sleep 1; done') });
    const { id } = created;
    expect(await state(id)).toBe('running');

    await api.client.call('containers.stop', { id, timeout: 5 });
    expect(await state(id)).toBe('exited');
    await api.client.call('containers.start', { id });
    expect(await state(id)).toBe('running');

    const startedAt = (await api.client.call('containers.inspect', { id })).startedAt;
    await api.client.call('containers.restart', { id, timeout: 5 });
    const restarted = await api.client.call('containers.inspect', { id });
    expect(restarted.state).toBe('running');
    expect(restarted.startedAt).not.toBe(startedAt);

    await api.client.call('containers.pause', { id });
    expect(await state(id)).toBe('paused');
    expect((await api.client.call('containers.list', { all: true })).find((c) => c.id === id)?.state).toBe('paused');
    await api.client.call('containers.unpause', { id });
    expect(await state(id)).toBe('running');

    await api.client.call('containers.kill', { id, signal: 'SIGKILL' });
    const killed = await api.client.call('containers.inspect', { id });
    expect(killed).toMatchObject({ state: 'exited', exitCode: 137 });

    const renamed = uniqueName('renamed');
    await api.client.call('containers.rename', { id, name: renamed });
    expect((await api.client.call('containers.inspect', { id })).name).toBe(renamed);

    await api.client.call('containers.remove', { id });
    expect((await rejectionOf(api.client.call('containers.inspect', { id }))).code).toBe('not-found');
  });

  it('refuses to remove a running container unless forced, and removes anonymous volumes on request', async () => {
    const { id } = await run({ ...sh('sleep 300'), volumes: ['/data'] });
    const volume = (await api.client.call('containers.inspect', { id })).mounts[0]?.name ?? '';
    expect(volume).toMatch(/^[0-9a-f]{64}$/);
    const refused = await rejectionOf(api.client.call('containers.remove', { id }));
    expect(refused.code).toBe('conflict');
    await api.client.call('containers.remove', { id, force: true, volumes: true });
    expect((await rejectionOf(api.client.call('volumes.inspect', { name: volume }))).code).toBe('not-found');
  });

  it('lists just the containers asked for by id', async () => {
    const a = await run({ ...sh('sleep 300') });
    const b = await run({ ...sh('sleep 300') });
    const listed = await api.client.call('containers.list', { all: true, ids: [a.id, 'f'.repeat(64)] });
    expect(listed.map((c) => c.id)).toEqual([a.id]);
    expect(await api.client.call('containers.list', { ids: [] })).toEqual([]);
    expect(b.id).not.toBe(a.id);
    const short = await rejectionOf(api.client.call('containers.list', { ids: [a.id.slice(0, 12)] }));
    expect(short.message).toMatch(/ids\[0\]: must be a full container id/);
  });

  it('lists only running containers when asked', async () => {
    const { id } = await run({ ...sh('exit 3') });
    await waitFor(async () => (await state(id)) === 'exited');
    expect((await api.client.call('containers.list', { all: false })).some((c) => c.id === id)).toBe(false);
    const listed = (await api.client.call('containers.list', { all: true })).find((c) => c.id === id);
    expect(listed?.status).toMatch(/Exited \(3\)/);
  });

  it("lists Berth's own helper containers and image flagged as Berth's, and the user's as theirs", async () => {
    const helper = await docker.createContainer({
      Image: image,
      Cmd: ['true'],
      Labels: { ...labels, 'berth.helper': 'container' },
    });
    const plain = await docker.createContainer({ Image: image, Cmd: ['true'], Labels: labels });
    const helperImage = await ensureHelperImage(docker);
    // A user's container from the helper image inherits the image's label, and is the user's.
    const fromHelperImage = await docker.createContainer({ Image: helperImage.image, Cmd: ['true'], Labels: labels });
    const owned = new Map((await api.client.call('containers.list', { all: true })).map((c) => [c.id, c.berthOwned]));
    expect(owned.get(plain.id)).toBe(false);
    expect(owned.get(fromHelperImage.id)).toBe(false);
    expect(owned.get(helper.id)).toBe(true);
    const images = await api.client.call('images.list', {});
    expect(images.find((i) => i.repoTags.includes(helperImage.image))?.berthOwned).toBe(true);
    expect(images.find((i) => i.repoTags.includes(image))?.berthOwned).toBe(false);
  });

  it('groups compose containers by project and service', async () => {
    const { id } = await run({
      ...sh('sleep 300'),
      labels: { ...labels, 'com.docker.compose.project': 'shop', 'com.docker.compose.service': 'web' },
    });
    const listed = (await api.client.call('containers.list', { all: true })).find((c) => c.id === id);
    expect(listed).toMatchObject({ composeProject: 'shop', composeService: 'web' });
    const plain = (await api.client.call('containers.list', { all: true })).find((c) => c.id !== id);
    expect(plain?.composeProject).toBeUndefined();
  });

  it('reports health from the engine healthcheck', async () => {
    const container = await docker.createContainer({
      Image: image,
      Cmd: ['sleep', '300'],
      Labels: labels,
      Healthcheck: { Test: ['CMD', 'true'], Interval: 200_000_000, StartPeriod: 0, Retries: 1 },
    });
    await container.start();
    const healthy = await waitFor(async () => {
      const c = (await api.client.call('containers.list', { all: true })).find((x) => x.id === container.id);
      return c?.health === 'healthy' ? c : undefined;
    });
    expect(healthy.status).toMatch(/\(healthy\)/);
    expect((await api.client.call('containers.inspect', { id: container.id })).health).toBe('healthy');
  });
});

describe('top, commit, update, copy', () => {
  it('lists the processes of a running container', async () => {
    const { id } = await run({ ...sh('sleep 300') });
    const top = await api.client.call('containers.top', { id });
    expect(top.titles).toContain('PID');
    expect(top.processes.some((row) => row.join(' ').includes('sleep 300'))).toBe(true);
  });

  it('commits a container to an image that carries its changes', async () => {
    const { id } = await run({ ...sh('echo committed > /marker && sleep 300') });
    await waitFor(async () => {
      const out = await docker.getContainer(id).top();
      return out.Processes.length > 0;
    });
    const reference = `${uniqueName('snapshot')}:v1`;
    const commit = await api.client.call('containers.commit', {
      id,
      reference,
      comment: 'from test',
      changes: [`LABEL berth.test=${labels['berth.test']}`],
    });
    expect(commit.id).toMatch(/^sha256:/);
    const imageInfo = await api.client.call('images.inspect', { id: reference });
    expect(imageInfo.repoTags).toEqual([reference]);
    const check = await run({ image: reference, ...sh('cat /marker') }, true);
    await waitFor(async () => (await state(check.id)) === 'exited');
    const logs = await docker.getContainer(check.id).logs({ stdout: true, follow: false });
    expect(logs.toString()).toContain('committed');
  });

  it('changes memory and CPU limits of a running container', async () => {
    const { id } = await run({ ...sh('sleep 300'), memory: '64m' });
    const result = await api.client.call('containers.update', { id, memory: '128m', cpus: '1.5' });
    expect(result.warnings).toEqual([]);
    const d = await api.client.call('containers.inspect', { id });
    expect(d.memoryLimit).toBe(128 * 1024 * 1024);
    expect(d.nanoCpus).toBe(1_500_000_000);
    expect(d.running).toBe(true);
    const none = await rejectionOf(api.client.call('containers.update', { id }));
    expect(none.code).toBe('invalid-argument');
  });

  it('copies a folder into a container and a file back out', async () => {
    const { id } = await run({ ...sh('sleep 300') });
    const folder = join(scratch, 'upload');
    await mkdir(join(folder, 'nested'), { recursive: true });
    await writeFile(join(folder, 'nested', 'a.txt'), 'alpha');
    await api.client.call('containers.copyTo', { id, hostPath: folder, path: '/tmp' });

    const exec = await docker.getContainer(id).exec({ Cmd: ['cat', '/tmp/upload/nested/a.txt'], AttachStdout: true });
    const stream = await exec.start({});
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).toString()).toContain('alpha');

    const out = await mkdtemp(join(scratch, 'download-'));
    const copied = await api.client.call('containers.copyFrom', { id, path: '/tmp/upload/nested/a.txt', hostDir: out });
    expect(copied.hostPath).toBe(join(out, 'a.txt'));
    expect(await readFile(copied.hostPath, 'utf8')).toBe('alpha');

    const missing = await rejectionOf(api.client.call('containers.copyFrom', { id, path: '/nope', hostDir: out }));
    expect(missing.code).toBe('not-found');
    const badHost = await rejectionOf(
      api.client.call('containers.copyTo', { id, hostPath: join(scratch, 'nope'), path: '/tmp' }),
    );
    expect(badHost.message).toMatch(/hostPath: .*does not exist/);
  });
});

describe('containers.prune', () => {
  it('removes exactly the stopped containers carrying the labels', async () => {
    const pruneLabel = { ...labels, 'berth.prune': uniqueName('p') };
    const filter = Object.entries(pruneLabel).map(([k, v]) => `${k}=${v}`);
    const stopped = await run({ ...sh('exit 0'), labels: pruneLabel });
    const running = await run({ ...sh('sleep 300'), labels: pruneLabel });
    const other = await run({ ...sh('exit 0') });
    await waitFor(async () => (await state(stopped.id)) === 'exited' && (await state(other.id)) === 'exited');
    const result = await api.client.call('containers.prune', { labels: filter });
    expect(result.removed.map((c) => c.id)).toEqual([stopped.id]);
    expect(result.removed[0]?.name).toBe(stopped.name);
    expect(await state(running.id)).toBe('running');
    expect(await state(other.id)).toBe('exited');
  });
});
