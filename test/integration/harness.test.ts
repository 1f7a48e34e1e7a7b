// Smoke test of the integration harness: engine, test image, published ports, registry, second daemon.
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { containerOutput } from '../support/container-output';
import { startPrivateDockerd } from '../support/dockerd';
import type { PrivateDockerd } from '../support/dockerd';
import {
  cleanupTestObjects,
  TEST_LABEL,
  testEngine,
  testLabels,
  testRunId,
  uniqueName,
  waitFor,
} from '../support/engine';
import { mountsUnder, pidAlive } from '../support/host-cleanup';
import { httpGet } from '../support/http';
import { freePort } from '../support/ports';
import { followProgress } from '../support/progress';
import { startRegistry } from '../support/registry';
import { packDir } from '../support/tar';
import type { TestRegistry } from '../support/registry';

const { docker, image } = testEngine();

describe('integration harness', () => {
  let registry: TestRegistry | undefined;
  let second: PrivateDockerd | undefined;
  const scratch = mkdtempSync(join(tmpdir(), 'berth-harness-test-'));
  const extraTags: string[] = [];

  beforeAll(async () => {
    registry = await startRegistry();
  });

  afterAll(async () => {
    // Tags of the shared test image carry no run label: remove them by name.
    await Promise.allSettled(extraTags.map((ref) => docker.getImage(ref).remove()));
    await cleanupTestObjects(docker);
    const left = await docker.listContainers({ all: true, filters: { label: [`${TEST_LABEL}=${testRunId()}`] } });
    expect(left).toEqual([]);
    await registry?.stop();
    await second?.stop();
    rmSync(scratch, { recursive: true, force: true });
  });

  it('reaches the engine', async () => {
    const info = await docker.info();
    expect(info.ServerVersion).toMatch(/^\d+\.\d+/);
    expect(await docker.getImage(image).inspect()).toMatchObject({
      Config: { Env: expect.arrayContaining(['PATH=/bin']), Cmd: ['/bin/sh'] },
    });
  });

  it('runs a shell command in the test image', async () => {
    const container = await docker.createContainer({
      name: uniqueName('echo'),
      Image: image,
      Cmd: ['sh', '-c', 'echo hello-from-busybox; ls -ld /tmp; which httpd'],
      Labels: testLabels(),
    });
    await container.start();
    expect(await container.wait()).toMatchObject({ StatusCode: 0 });
    const { stdout } = await containerOutput(container);
    const [greeting, tmpMode, httpd] = stdout.trim().split('\n');
    expect(greeting).toBe('hello-from-busybox');
    expect(tmpMode).toMatch(/^drwxrwxrwt /);
    expect(httpd).toBe('/bin/httpd');
  });

  it('serves HTTP from a container on a published loopback port', async () => {
    const hostPort = await freePort();
    const body = `served by busybox httpd ${uniqueName('page')}\n`;
    mkdirSync(join(scratch, 'www'));
    writeFileSync(join(scratch, 'www', 'index.html'), body);
    const container = await docker.createContainer({
      name: uniqueName('httpd'),
      Image: image,
      Cmd: ['httpd', '-f', '-p', '8080', '-h', '/tmp/www'],
      ExposedPorts: { '8080/tcp': {} },
      HostConfig: { PortBindings: { '8080/tcp': [{ HostIp: '127.0.0.1', HostPort: String(hostPort) }] } },
      Labels: testLabels(),
    });
    await container.putArchive(packDir(scratch, { entries: ['www', 'www/index.html'] }), { path: '/tmp' });
    await container.start();
    const res = await waitFor(
      async () => {
        const r = await httpGet({ host: '127.0.0.1', port: hostPort, path: '/index.html' });
        return r.status === 200 ? r : undefined;
      },
      { timeoutMs: 15_000, message: `httpd on 127.0.0.1:${hostPort} did not serve index.html` },
    );
    expect(res.body).toBe(body);
  });

  it('runs a registry that accepts a push from the engine', async () => {
    const address = registry!.address;
    const v2 = await httpGet({ host: '127.0.0.1', port: Number(address.split(':')[1]), path: '/v2/' });
    expect(v2.status).toBe(200);

    const repo = `${address}/${uniqueName('smoke')}`;
    await docker.getImage(image).tag({ repo, tag: 'v1' });
    extraTags.push(`${repo}:v1`);
    await followProgress(docker, await docker.getImage(`${repo}:v1`).push({ authconfig: {} }));
    const tags = await httpGet({
      host: '127.0.0.1',
      port: Number(address.split(':')[1]),
      path: `/v2/${repo.slice(address.length + 1)}/tags/list`,
    });
    expect(JSON.parse(tags.body)).toMatchObject({ tags: ['v1'] });
  });

  it('runs a second daemon beside the first, which survives SIGKILL and restart', async () => {
    second = await startPrivateDockerd({ networking: 'none', name: 'second' });
    const ping = () => httpGet({ socketPath: second!.socketPath, path: '/_ping' });
    expect((await ping()).body).toBe('OK');
    expect(second.dockerHost).toBe(`unix://${second.socketPath}`);

    const firstPid = second.pid;
    await second.kill('SIGKILL');
    expect(pidAlive(firstPid)).toBe(false);
    await expect(ping()).rejects.toThrow();

    await second.restart();
    expect(second.pid).not.toBe(firstPid);
    expect((await ping()).body).toBe('OK');
    // The first engine was not disturbed: its containers still get bridge networking.
    const probe = await docker.createContainer({
      name: uniqueName('after-second'),
      Image: image,
      Cmd: ['sh', '-c', 'ip -o -4 addr show eth0'],
      Labels: testLabels(),
    });
    await probe.start();
    expect(await probe.wait()).toMatchObject({ StatusCode: 0 });
    expect((await containerOutput(probe)).stdout).toMatch(/eth0\s+inet \d+\.\d+\.\d+\.\d+/);

    const dir = second.dir;
    await second.stop();
    expect(existsSync(dir)).toBe(false);
    expect(mountsUnder(dir)).toEqual([]);
  });
});
