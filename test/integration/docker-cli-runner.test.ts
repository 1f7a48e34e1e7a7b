// The docker CLI runner against the real engine with the real CLI and compose plugin (the engine root's): output
// line by line as it comes, standard input, the CLI's own words on failure, cancel stopping it, a missing CLI named.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CliFailedError, runDockerCli, type CliTarget } from '../../src-main/docker-cli/cli-runner';
import { CancelledError, UnsupportedError } from '../../src-main/engine/errors';
import { engineRootCli, ensureEngineRoot } from '../support/engine-root';
import { testEngine, testLabels, uniqueName, waitFor } from '../support/engine';
import { makeOwnedTempDir } from '../support/temp-dirs';
import { rmSync } from 'node:fs';

const { docker, dockerHost, image } = testEngine();
const labels = Object.entries(testLabels()).flatMap(([k, v]) => ['--label', `${k}=${v}`]);
const scratch = makeOwnedTempDir('berth-cli-runner-');
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

async function target(): Promise<CliTarget> {
  const cli = engineRootCli(await ensureEngineRoot(), join(scratch, 'docker-config'));
  return { docker: cli.docker, dockerHost, env: { DOCKER_CONFIG: cli.env.DOCKER_CONFIG! } };
}

/** A container that ends when it is told to (a busybox sleep as PID 1 would ignore the signal). */
const SIGNALLED = 'trap "exit 0" INT TERM; sleep 300 & wait';

describe('runDockerCli', () => {
  it('streams each line as the CLI prints it, and feeds it standard input', async () => {
    const lines: string[] = [];
    const result = await runDockerCli(
      await target(),
      ['run', '--rm', '-i', '--network', 'none', ...labels, image, 'sh', '-c', 'cat; echo done >&2'],
      { input: 'one\ntwo\n', onLine: (stream, line) => lines.push(`${stream}:${line}`) },
    );
    expect(result.stdout).toBe('one\ntwo\n');
    // In order within each stream (the two pipes race each other).
    expect(lines.filter((l) => l.startsWith('stdout:'))).toEqual(['stdout:one', 'stdout:two']);
    expect(lines.filter((l) => l.startsWith('stderr:'))).toEqual(['stderr:done']);
  });

  it("runs the compose plugin, and fails with the CLI's own words", async () => {
    const version = await runDockerCli(await target(), ['compose', 'version', '--short']);
    expect(version.stdout.trim()).toMatch(/^2\./);

    writeFileSync(join(scratch, 'compose.yaml'), 'services:\n  web:\n    image: [unclosed\n');
    const failure = await runDockerCli(await target(), ['compose', 'config'], { cwd: scratch }).catch((e) => e);
    expect(failure).toBeInstanceOf(CliFailedError);
    expect((failure as CliFailedError).exitCode).not.toBe(0);
    expect((failure as Error).message).toMatch(/yaml|line \d/i);
  });

  it('stops the CLI on cancel as Ctrl-C would, and so the container it runs', async () => {
    const name = uniqueName('cli-cancel');
    const abort = new AbortController();
    const run = runDockerCli(
      await target(),
      ['run', '--rm', '--name', name, '--network', 'none', ...labels, image, 'sh', '-c', SIGNALLED],
      { signal: abort.signal, killAfterMs: 2000 },
    ).catch((e: unknown) => e);
    await waitFor(async () => (await docker.listContainers({ filters: JSON.stringify({ name: [name] }) })).length > 0);
    const started = Date.now();
    abort.abort();
    expect(await run).toBeInstanceOf(CancelledError);
    expect(Date.now() - started).toBeLessThan(5000);
    await waitFor(
      async () => (await docker.listContainers({ all: true, filters: JSON.stringify({ name: [name] }) })).length === 0,
      {
        timeoutMs: 30_000,
        message: 'the cancelled run left its container',
      },
    );
  });

  it('names a CLI that is not there', async () => {
    const missing = { docker: join(scratch, 'no-such-docker'), dockerHost };
    const failure = await runDockerCli(missing, ['version']).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(UnsupportedError);
    expect((failure as Error).message).toContain('no-such-docker');
  });
});
