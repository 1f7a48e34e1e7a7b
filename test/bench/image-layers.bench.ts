// Benchmark: Berth's layer analysis of a ~500 MB image (incompressible files in a few layers, one overwriting
// another) against reading its export (GET /images/{name}/get) to the end, with the analysis's peak memory sampled;
// for reference, reading every entry in layer order (what the audit does), where early layers go through temp files.
// Run: npm run bench:layers
import { randomBytes } from 'node:crypto';
import { createWriteStream, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { performance } from 'node:perf_hooks';
import { readImageLayers } from '../../src-main/api/image-layers';
import { LayerAnalysisService } from '../../src-main/api/layer-analyses';
import { OperationRegistry } from '../../src-main/engine/operations';
import { buildLayeredImage } from '../support/layered-image';
import { makeOwnedTempDir } from '../support/temp-dirs';
import { startBenchEngine } from './support/bench-engine';
import { median, printTable } from './support/table';

const MiB = 1024 * 1024;
/** Context files (MiB): a.bin, then b.bin, then a.bin again (overwriting the first), then c.bin: ~500 MB of layers. */
const FILES = { 'a1.bin': 200, 'b.bin': 150, 'a2.bin': 100, 'c.bin': 50 };
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const TAG = 'berth-bench/layers:1';

/** Writes `mib` MiB of random bytes to `path`, 1 MiB at a time. */
async function writeRandom(path: string, mib: number): Promise<void> {
  await pipeline(
    (async function* () {
      for (let i = 0; i < mib; i++) yield randomBytes(MiB);
    })(),
    createWriteStream(path),
  );
}

/** Runs `work` while sampling the process's RSS and heap every 10 ms; returns its time and the peaks. */
async function measured(work: () => Promise<unknown>): Promise<{ ms: number; rss: number; heap: number }> {
  let rss = process.memoryUsage.rss();
  let heap = process.memoryUsage().heapUsed;
  const sampler = setInterval(() => {
    const usage = process.memoryUsage();
    rss = Math.max(rss, usage.rss);
    heap = Math.max(heap, usage.heapUsed);
  }, 10);
  const started = performance.now();
  try {
    await work();
    return { ms: performance.now() - started, rss, heap };
  } finally {
    clearInterval(sampler);
  }
}

const engine = await startBenchEngine('bench-layers', 'current');
try {
  const context = makeOwnedTempDir('berth-bench-layers-');
  try {
    console.log('writing 500 MiB of random files and building the image…');
    for (const [name, mib] of Object.entries(FILES)) await writeRandom(join(context, name), mib);
    await buildLayeredImage(engine.docker, {
      tag: TAG,
      base: engine.image,
      contextDir: context,
      steps: ['COPY a1.bin /data/a.bin', 'COPY b.bin /data/b.bin', 'COPY a2.bin /data/a.bin', 'COPY c.bin /data/c.bin'],
    });
  } finally {
    rmSync(context, { recursive: true, force: true });
  }

  const service = new LayerAnalysisService(engine.docker, new OperationRegistry(), () => undefined);
  const plain: Array<{ ms: number; rss: number; heap: number }> = [];
  const analysed: Array<{ ms: number; rss: number; heap: number }> = [];
  const ordered: Array<{ ms: number; rss: number; heap: number }> = [];
  let wasted = 0;
  let exportBytes = 0;
  let spilled = 0;
  for (let round = 0; round < ROUNDS; round++) {
    global.gc?.();
    plain.push(
      await measured(async () => {
        const stream = (await engine.docker.getImage(TAG).get()) as unknown as Readable;
        for await (const chunk of stream)
          exportBytes = round === 0 ? exportBytes + (chunk as Buffer).length : exportBytes;
      }),
    );
    global.gc?.();
    analysed.push(
      await measured(async () => {
        wasted = (await service.analyze(TAG, undefined, true)).wastedBytes;
      }),
    );
    global.gc?.();
    ordered.push(
      await measured(async () => {
        spilled = (await readImageLayers(engine.docker, TAG, { onEntry: () => undefined })).spilledBytes;
      }),
    );
  }
  const peak = (runs: typeof plain, key: 'rss' | 'heap') => Math.max(...runs.map((run) => run[key])) / MiB;
  console.log(`export: ${(exportBytes / MiB).toFixed(0)} MiB; wasted found: ${(wasted / MiB).toFixed(0)} MiB`);
  printTable(`Layer analysis of a ${(exportBytes / MiB).toFixed(0)} MiB image (median of ${ROUNDS})`, [
    {
      case: 'analysis vs reading the export to its end',
      berth: median(analysed.map((run) => run.ms)),
      baseline: median(plain.map((run) => run.ms)),
      unit: 'ms',
      maxRatio: 1.5,
    },
    {
      case: '(entries in layer order, as the audit reads them)',
      berth: median(ordered.map((run) => run.ms)),
      baseline: median(plain.map((run) => run.ms)),
      unit: 'ms',
      maxRatio: 1.5,
    },
  ]);
  console.log(`in layer order, ${(spilled / MiB).toFixed(0)} MiB of early layers went through a temp file`);
  console.log(
    `peak RSS: analysis ${peak(analysed, 'rss').toFixed(0)} MiB, plain read ${peak(plain, 'rss').toFixed(0)} MiB ` +
      `(goal ≤ 200 MiB); peak heap used: analysis ${peak(analysed, 'heap').toFixed(0)} MiB, ` +
      `plain read ${peak(plain, 'heap').toFixed(0)} MiB; in layer order: RSS ${peak(ordered, 'rss').toFixed(0)} MiB`,
  );
  await engine.docker.getImage(TAG).remove({ force: true });
} finally {
  await engine.dockerd.stop();
}
