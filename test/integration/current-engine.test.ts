// The current engine for tests: dockerd 26 from the trixie engine root, started on this older host after pivot_root.
// Berth's API reads it, BuildKit's RUN works there (a plain chroot would break it), `top` works (procps), and the
// root's own buildx and compose plugins run from a private DOCKER_CONFIG.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../src-main/api/backend';
import { parseEngineAddress } from '../../src-main/engine/endpoint';
import { runCommand } from '../support/command';
import { dockerodeFor } from '../support/docker-client';
import { startPrivateDockerd, type PrivateDockerd } from '../support/dockerd';
import { engineRootCli, ensureEngineRoot } from '../support/engine-root';
import { makeOwnedTempDir } from '../support/temp-dirs';
import { buildTestImage, TEST_IMAGE_TAG } from '../support/test-image';

describe('the current test engine (docker 26 from a trixie root)', () => {
  let dockerd: PrivateDockerd | undefined;
  let backend: Backend | undefined;
  const scratch = makeOwnedTempDir('berth-current-engine-');

  beforeAll(async () => {
    dockerd = await startPrivateDockerd({ name: 'current', networking: 'none', engine: 'current' });
    await buildTestImage(dockerodeFor(dockerd.dockerHost), TEST_IMAGE_TAG);
    backend = createBackend(parseEngineAddress(dockerd.dockerHost));
  }, 900_000);

  afterAll(async () => {
    await backend?.stop();
    await dockerd?.stop();
    rmSync(scratch, { recursive: true, force: true });
  });

  const cli = async (args: string[]) => {
    const { docker, env } = engineRootCli(await ensureEngineRoot(), join(scratch, 'docker-config'));
    return runCommand(docker, args, { env: { ...env, DOCKER_HOST: dockerd!.dockerHost }, timeoutMs: 180_000 });
  };

  it("is docker 26 with API 1.45, as Berth's API reads it", async () => {
    const version = (await backend!.dispatch('system.version', {}, { client: 'test' })) as {
      ok: boolean;
      value: { version: string; apiVersion: string };
    };
    expect(version.ok).toBe(true);
    expect(version.value.version).toMatch(/^26\./);
    expect(Number(version.value.apiVersion)).toBeGreaterThanOrEqual(1.45);
  });

  it("builds with BuildKit's RUN through the root's buildx, and runs and tops the result", async () => {
    const context = join(scratch, 'context');
    mkdirSync(context, { recursive: true });
    writeFileSync(
      join(context, 'Dockerfile'),
      `FROM ${TEST_IMAGE_TAG}\nRUN echo built by buildkit > /built\nCMD ["sh", "-c", "cat /built; sleep 30"]\n`,
    );
    const build = await cli(['buildx', 'build', '--network=none', '--load', '-t', 'berth-test/current:1', context]);
    expect(build.code, build.stderr).toBe(0);

    const docker = dockerodeFor(dockerd!.dockerHost);
    const container = await docker.createContainer({
      Image: 'berth-test/current:1',
      HostConfig: { NetworkMode: 'none' },
    });
    try {
      await container.start();
      const top = (await container.top()) as { Processes: string[][] };
      expect(top.Processes.some((p) => p.join(' ').includes('sleep 30'))).toBe(true);
      const logs = (await container.logs({ stdout: true, follow: false })) as Buffer;
      expect(logs.toString()).toContain('built by buildkit');
    } finally {
      await container.remove({ force: true });
    }
  });

  it('has compose v2 from the root', async () => {
    const compose = await cli(['compose', 'version', '--short']);
    expect(compose.code, compose.stderr).toBe(0);
    expect(compose.stdout.toString().trim()).toMatch(/^2\./);
  });
});
