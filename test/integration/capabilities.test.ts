// What the engine and the CLIs where it is can do, read through the API: versions, BuildKit, swarm, compose, buildx;
// with the CLI or its plugins missing, each says what to install. Runs on docker 26 and on 20.10 (legacy).
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ServiceOptions } from '../../src-main/api/services';
import { startTestApi, type TestApi } from '../support/api';
import { testHostCli } from '../support/compose-project';
import { composeV1Bin } from '../support/compose-v1';
import { testEngine } from '../support/engine';
import { makeOwnedTempDir } from '../support/temp-dirs';

const { dockerHost } = testEngine();
const scratch = makeOwnedTempDir('berth-capabilities-');
const apis: TestApi[] = [];

afterAll(async () => {
  await Promise.all(apis.map((api) => api.close()));
  rmSync(scratch, { recursive: true, force: true });
});

function api(hostCli: { docker: string; env?: Record<string, string> }, options: ServiceOptions = {}): TestApi {
  const started = startTestApi(dockerHost, 'test-client', { hostCli, ...options });
  apis.push(started);
  return started;
}

describe('engine capabilities', () => {
  it('reads the engine version, BuildKit, swarm and the compose and buildx CLIs', async () => {
    const capabilities = await api(await testHostCli(join(scratch, 'config'))).client.call('system.capabilities', {});
    const major = Number(capabilities.engineVersion.split('.')[0]);
    expect(Number(capabilities.apiVersion)).toBeGreaterThanOrEqual(1.41);
    expect(capabilities.buildkit).toEqual({ available: true, default: major >= 23 });
    expect(capabilities.swarm).toMatchObject({ available: false, state: 'inactive' });
    expect(capabilities.swarm.reason).toContain('docker swarm init');
    expect(capabilities.compose).toMatchObject({ available: true, version: expect.stringMatching(/^2\./) });
    expect(capabilities.buildx).toMatchObject({ available: true, version: expect.stringMatching(/^0\.\d+\.\d+$/) });
  });

  it('says what to install when the plugins are missing, and when there is no docker CLI at all', async () => {
    const bare = join(scratch, 'bare');
    mkdirSync(bare, { recursive: true });
    const { docker } = await testHostCli(join(scratch, 'config'));
    const noPlugins = await api({ docker, env: { DOCKER_CONFIG: bare } }).client.call('system.capabilities', {});
    expect(noPlugins.compose.available).toBe(false);
    expect(noPlugins.compose.reason).toMatch(
      /compose CLI is not installed on this computer: install Docker Compose v2/,
    );
    expect(noPlugins.buildx.reason).toMatch(/buildx CLI plugin is not installed on this computer: install/);
    const noCli = await api({ docker: join(scratch, 'no-such-docker') }).client.call('system.capabilities', {});
    expect(noCli.compose).toMatchObject({ available: false });
    expect(noCli.compose.reason).toContain('not installed');
    const refused = await api({ docker: join(scratch, 'no-such-docker') })
      .client.call('stacks.preview', { files: [join(scratch, 'compose.yaml')] })
      .catch((error: Error) => error);
    expect(String(refused)).toContain('install Docker Compose v2');
  });

  it('says when only the end-of-life docker-compose v1 is there, and which version', async () => {
    const bare = join(scratch, 'bare-v1');
    mkdirSync(bare, { recursive: true });
    const { docker } = await testHostCli(join(scratch, 'config'));
    // Debian bookworm's real docker-compose 1.29.2, first on the PATH the CLI runs with; no compose plugin.
    const path = `${await composeV1Bin()}:${process.env.PATH ?? ''}`;
    const v1Only = api({ docker, env: { DOCKER_CONFIG: bare, PATH: path } });
    const reason =
      'Only the end-of-life docker-compose v1 (1.29.2) was found on this computer, and Berth needs Compose v2: ' +
      'install Docker Compose v2 (Debian\'s "docker-compose" package from trixie on, or Docker\'s "docker-compose-plugin")';
    const { compose } = await v1Only.client.call('system.capabilities', {});
    expect(compose).toEqual({ available: false, version: '1.29.2', reason });
    expect(await v1Only.client.call('stacks.compose', {})).toEqual({ ...compose, where: 'host' });
    const refused = await v1Only.client
      .call('stacks.preview', { files: [join(scratch, 'compose.yaml')] })
      .catch((error: Error) => error);
    expect(String(refused)).toContain(reason);
  }, 300_000);

  it("picks files with the desktop app's dialog, and says to type the path where there is none", async () => {
    const { docker } = await testHostCli(join(scratch, 'config'));
    // Electron's dialog cannot exist here: a stand-in answers as it would (the paths chosen, none when cancelled).
    const asked: unknown[] = [];
    const desktop = api({ docker }, { pickFiles: async (request) => (asked.push(request), ['/p/compose.yaml']) });
    const picked = await desktop.client.call('host.pickFiles', { title: 'Compose files', extensions: ['yaml'] });
    expect(picked).toEqual({ paths: ['/p/compose.yaml'] });
    expect(asked).toEqual([{ title: 'Compose files', multiple: false, extensions: ['yaml'] }]);
    const browser = await api({ docker })
      .client.call('host.pickFiles', { title: 'Compose files' })
      .catch((error: Error) => error);
    expect(String(browser)).toContain('type the path');
  });
});
