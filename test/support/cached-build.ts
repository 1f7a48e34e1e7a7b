// Build cache for tests: a two-stage build FROM the test image through the engine root's buildx, with a COPY, a RUN
// and a `RUN --mount=type=cache` step whose command names a marker, so each test finds its own records.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCommand } from './command';
import { engineRootCli, ensureEngineRoot } from './engine-root';

/** Bytes the cache mount step writes into its cache folder /c. */
export const CACHE_MOUNT_BYTES = 300 * 1024;

export interface CachedBuild {
  /** The tag of the image it made. */
  tag: string;
  /** The RUN steps as Berth names them. */
  firstRun: string;
  cacheMountRun: string;
}

/** Builds in `dir` (a folder the test owns); `marker` makes the steps (and so the records) this build's own. */
export async function cachedBuild(
  dir: string,
  dockerHost: string,
  image: string,
  marker: string,
  labels: Record<string, string>,
): Promise<CachedBuild> {
  const context = join(dir, `context-${marker}`);
  mkdirSync(context, { recursive: true });
  writeFileSync(join(context, 'a.txt'), `${marker}\n`);
  const firstRun = `echo ${marker} > /one`;
  const cacheMountRun = `dd if=/dev/zero of=/c/blob bs=1k count=${CACHE_MOUNT_BYTES / 1024} && echo ${marker} > /two`;
  writeFileSync(
    join(context, 'Dockerfile'),
    [
      `FROM ${image} AS base`,
      `RUN ${firstRun}`,
      'FROM base',
      'COPY a.txt /a.txt',
      `RUN --mount=type=cache,target=/c ${cacheMountRun}`,
    ].join('\n') + '\n',
  );
  const tag = `berth-test/cache-${marker}:latest`;
  const cli = engineRootCli(await ensureEngineRoot(), join(dir, 'docker-config'));
  const labelArgs = Object.entries(labels).flatMap(([key, value]) => ['--label', `${key}=${value}`]);
  const result = await runCommand(
    cli.docker,
    ['buildx', 'build', '--progress=plain', '-t', tag, ...labelArgs, context],
    {
      env: { ...cli.env, DOCKER_HOST: dockerHost },
      timeoutMs: 120_000,
    },
  );
  if (result.code !== 0) throw new Error(`docker buildx build failed (${result.code}):\n${result.stderr.slice(-2000)}`);
  return { tag, firstRun: `RUN ${firstRun}`, cacheMountRun: `RUN ${cacheMountRun}` };
}
