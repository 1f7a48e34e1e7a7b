// Benchmark: the same build through Berth's build service (builds.start to its last builds.progress event, over the
// API as a client sees it) against `docker buildx build` run alone by the same CLI, cold (--no-cache) and cached,
// alternating, median of a few runs each (goal ≤ 1.05×). Run: npm run bench:builds
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createBackend } from '../../src-main/api/backend';
import type { BuildProgress } from '../../src-main/contract';
import { runDockerCli } from '../../src-main/docker-cli/cli-runner';
import { parseEngineAddress } from '../../src-main/engine/endpoint';
import { testHostCli } from '../support/compose-project';
import { makeOwnedTempDir } from '../support/temp-dirs';
import { startBenchEngine } from './support/bench-engine';
import { median, printTable } from './support/table';

const RUNS = 5;
const TAG = 'bench-build:1';

const scratch = makeOwnedTempDir('berth-bench-builds-');
const engine = await startBenchEngine('bench-builds', 'current');
try {
  const hostCli = await testHostCli(join(scratch, 'docker-config'));
  const context = join(scratch, 'context');
  mkdirSync(context, { recursive: true });
  writeFileSync(
    join(context, 'Dockerfile'),
    [
      `FROM ${engine.image} AS base`,
      'RUN dd if=/dev/urandom of=/data bs=1M count=16 2>/dev/null',
      'RUN sha256sum /data > /data.sha && seq 1 2000',
      'FROM base',
      'COPY notes.txt /notes.txt',
      'RUN cat /notes.txt /data.sha > /summary',
      '',
    ].join('\n'),
  );
  writeFileSync(join(context, 'notes.txt'), 'benchmark\n');

  const backend = createBackend(parseEngineAddress(engine.dockerd.dockerHost), { hostCli });
  backend.start();
  const ended = new Map<string, () => void>();
  backend.subscribe((name, payload) => {
    const progress = payload as BuildProgress;
    if (name === 'builds.progress' && progress.state !== 'running') ended.get(progress.build)?.();
  });

  const throughBerth = async (noCache: boolean): Promise<number> => {
    const started = performance.now();
    const answer = await backend.dispatch('builds.start', { context, tags: [TAG], noCache }, { client: 'bench' });
    if (!answer.ok) throw new Error(answer.error.message);
    const { id } = answer.value as { id: string };
    await new Promise<void>((resolve) => ended.set(id, resolve));
    const took = performance.now() - started;
    const record = await backend.services.builds.get(id);
    if (record.state !== 'succeeded') throw new Error(`the build ${record.state}: ${record.error}`);
    return took;
  };
  /** The build as one types it: `docker buildx build --load -t TAG [--no-cache] DIR`, rawjson progress read by nobody. */
  const cliAlone = async (noCache: boolean): Promise<number> => {
    const args = ['buildx', 'build', '--progress=rawjson', '--load', '--tag', TAG, ...(noCache ? ['--no-cache'] : [])];
    const started = performance.now();
    await runDockerCli({ ...hostCli, dockerHost: engine.dockerd.dockerHost }, [...args, context]);
    return performance.now() - started;
  };

  try {
    const times = {
      berthCold: [] as number[],
      cliCold: [] as number[],
      berthCached: [] as number[],
      cliCached: [] as number[],
    };
    await cliAlone(false); // warm up: the base image's metadata, the builder's first start
    for (let run = 0; run < RUNS; run++) {
      // Alternating which goes first, so neither always meets a just-warmed cache or a busy disk.
      const pairs: Array<[keyof typeof times, () => Promise<number>]> = [
        ['berthCold', () => throughBerth(true)],
        ['cliCold', () => cliAlone(true)],
      ];
      for (const [key, measure] of run % 2 ? pairs.reverse() : pairs) times[key].push(await measure());
      const cached: Array<[keyof typeof times, () => Promise<number>]> = [
        ['berthCached', () => throughBerth(false)],
        ['cliCached', () => cliAlone(false)],
      ];
      for (const [key, measure] of run % 2 ? cached.reverse() : cached) times[key].push(await measure());
    }
    printTable(`A 5-step two-stage build: Berth's build service vs docker buildx build alone (median of ${RUNS})`, [
      {
        case: 'cold (--no-cache)',
        berth: median(times.berthCold),
        baseline: median(times.cliCold),
        unit: 'ms',
        maxRatio: 1.05,
      },
      {
        case: 'cached',
        berth: median(times.berthCached),
        baseline: median(times.cliCached),
        unit: 'ms',
        maxRatio: 1.05,
      },
    ]);
  } finally {
    await backend.stop();
  }
} finally {
  await engine.dockerd.stop();
  rmSync(scratch, { recursive: true, force: true });
}
