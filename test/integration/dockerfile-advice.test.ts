// Dockerfile advice against the test engine: images built by BuildKit (buildx) and by the classic builder from a
// Dockerfile that breaks rules, the findings tied to the layers' real sizes; bad paths, texts and images refused.
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdviceReport } from '../../src-main/contract/dto/advice';
import { MAX_DOCKERFILE_BYTES } from '../../src-main/contract/limits';
import { adviceDockerfile, writeAdviceContext } from '../support/advice-context';
import { startTestApi, type TestApi } from '../support/api';
import { runCommand } from '../support/command';
import { engineRootCli, ensureEngineRoot } from '../support/engine-root';
import { cleanupTestObjects, testEngine, testLabels, uniqueName } from '../support/engine';
import { rejectionOf } from '../support/errors';
import { makeOwnedTempDir } from '../support/temp-dirs';

const { docker, dockerHost, image } = testEngine();
const scratch = makeOwnedTempDir('berth-advice-');
const MiB = 1024 * 1024;
const dockerfileText = adviceDockerfile(image);
let api: TestApi;
let context: string;

beforeAll(async () => {
  api = startTestApi(dockerHost, 'advice-test');
  context = join(scratch, 'context');
  writeAdviceContext(context, image);
});

afterAll(async () => {
  await api?.close();
  await cleanupTestObjects(docker);
  rmSync(scratch, { recursive: true, force: true });
});

/** The Engine's own size of the history entry that `createdBy` matches. */
async function historySize(id: string, match: RegExp): Promise<number> {
  const history = (await docker.getImage(id).history()) as Array<{ CreatedBy: string; Size: number }>;
  const entry = history.find((h) => match.test(h.CreatedBy));
  if (!entry) throw new Error(`no history entry matches ${match}: ${history.map((h) => h.CreatedBy).join(' | ')}`);
  return entry.Size;
}

function expectTiedToRunLayer(report: AdviceReport, runSize: number): void {
  expect(report.image).toMatchObject({ matched: 2, layerSteps: 2 });
  const cache = report.findings.find((f) => f.rule === 'package-cache-kept')!;
  expect(cache.lines).toEqual({ start: 3, end: 3 });
  expect(cache.quote).toEqual(['RUN apt-get update && apt-get install -y --no-install-recommends gcc']);
  expect(cache.layers).toHaveLength(1);
  expect(cache.layers[0]!.size).toBe(runSize);
  expect(cache.layers[0]!.size).toBeGreaterThanOrEqual(4 * MiB);
  expect(cache.layers[0]!.size).toBeLessThan(5 * MiB);
  const tools = report.findings.find((f) => f.rule === 'build-tools-in-final-stage')!;
  expect(tools.message).toMatch(/installs gcc in the final stage.*multi-stage build/);
  expect(tools.layers[0]!.size).toBe(runSize);
  const secret = report.findings.find((f) => f.rule === 'secret-in-build-arg-or-env')!;
  expect(secret).toMatchObject({ severity: 'high', lines: { start: 4, end: 4 }, layers: [] });
  expect(report.findings.map((f) => f.rule)).toEqual(expect.arrayContaining(['runs-as-root', 'no-healthcheck']));
}

describe('Dockerfile advice tied to an image', () => {
  it('gives the kept apt cache and the build tools the size of the RUN layer BuildKit made', async () => {
    const tag = `berth-test/${uniqueName('advice-buildkit')}:1`;
    const { docker: cli, env } = engineRootCli(await ensureEngineRoot(), join(scratch, 'docker-config'));
    const labels = Object.entries(testLabels()).flatMap(([k, v]) => ['--label', `${k}=${v}`]);
    const build = await runCommand(
      cli,
      ['buildx', 'build', '--network=none', '--load', ...labels, '-t', tag, context],
      {
        env: { ...env, DOCKER_HOST: dockerHost },
        timeoutMs: 180_000,
      },
    );
    expect(build.code, build.stderr).toBe(0);
    const runSize = await historySize(tag, /^RUN .*apt-get update.*# buildkit$/);

    const report = await api.client.call('advice.analyzeFile', { path: join(context, 'Dockerfile'), image: tag });
    expect(report.image?.id).toBe(tag);
    expectTiedToRunLayer(report, runSize);
  });

  it('does the same for an image of the classic builder, from the text', async () => {
    const tag = `berth-test/${uniqueName('advice-classic')}:1`;
    await api.client.call('images.build', { context, tags: [tag], labels: testLabels() });
    const runSize = await historySize(tag, /^\/bin\/sh -c apt-get update/);
    const report = await api.client.call('advice.analyzeText', { text: dockerfileText, image: tag });
    expectTiedToRunLayer(report, runSize);
  });

  it('ties nothing, and says so, for an image the Dockerfile did not build', async () => {
    const report = await api.client.call('advice.analyzeText', { text: dockerfileText, image });
    expect(report.image).toEqual({ id: image, matched: 0, layerSteps: 2 });
    expect(report.findings.every((f) => f.layers.length === 0)).toBe(true);
  });
});

describe('Dockerfile advice refuses bad input clearly', () => {
  it('a missing file, a folder, a FIFO, an oversized file, a binary file, a missing image, an overlong text', async () => {
    const missing = await rejectionOf(api.client.call('advice.analyzeFile', { path: join(scratch, 'nope') }));
    expect(missing).toMatchObject({ code: 'not-found', message: `There is no Dockerfile at ${join(scratch, 'nope')}` });

    const folder = await rejectionOf(api.client.call('advice.analyzeFile', { path: context }));
    expect(folder).toMatchObject({
      code: 'invalid-argument',
      message: `path: ${context} is a folder, not a Dockerfile`,
    });

    const big = join(scratch, 'Big.Dockerfile');
    writeFileSync(big, `FROM ${image}\n${'# padding\n'.repeat(MAX_DOCKERFILE_BYTES / 10)}`);
    const oversized = await rejectionOf(api.client.call('advice.analyzeFile', { path: big }));
    expect(oversized.code).toBe('invalid-argument');
    expect(oversized.message).toMatch(/^path: .* bytes, more than the 1024 KiB a Dockerfile may be$/);

    const fifo = join(scratch, 'fifo');
    expect((await runCommand('mkfifo', [fifo])).code).toBe(0);
    const pipe = await rejectionOf(api.client.call('advice.analyzeFile', { path: fifo }));
    expect(pipe).toMatchObject({ code: 'invalid-argument', message: `path: ${fifo} is not a regular file` });

    const binary = join(scratch, 'binary');
    writeFileSync(binary, Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 1, 2]));
    const notDockerfile = await rejectionOf(api.client.call('advice.analyzeFile', { path: binary }));
    expect(notDockerfile).toMatchObject({
      code: 'invalid-argument',
      message: 'path: is not a Dockerfile: line 1 holds a NUL byte (a binary file?)',
    });

    const noImage = await rejectionOf(
      api.client.call('advice.analyzeText', { text: dockerfileText, image: 'berth-test/no-such-image:1' }),
    );
    expect(noImage.code).toBe('not-found');

    const long = await rejectionOf(
      api.client.call('advice.analyzeText', { text: 'x'.repeat(MAX_DOCKERFILE_BYTES + 1) }),
    );
    expect(long.code).toBe('invalid-argument');
    expect(long.message).toMatch(/^advice.analyzeText: text: must be at most 1024 KiB/);

    const prose = await rejectionOf(api.client.call('advice.analyzeText', { text: 'Hello there\n' }));
    expect(prose).toMatchObject({
      code: 'invalid-argument',
      message: 'text: is not a Dockerfile: line 1 starts with "Hello", no instruction',
    });
  });
});
