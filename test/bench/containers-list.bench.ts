// Benchmark: with 1,000 containers, the time from an engine change to the Containers table showing it,
// against `docker ps -a` and the raw list API measured in the same run. Run: npm run bench:containers
import { execFileSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { createContainers, startBenchEngine } from './support/bench-engine';
import { openBerth } from './support/bench-browser';
import { median, printTable } from './support/table';

const COUNT = Number(process.env.BENCH_CONTAINERS ?? 1000);
const ROUNDS = 7;

const engine = await startBenchEngine('bench-list');
try {
  console.log(`creating ${COUNT} containers…`);
  await createContainers(engine, 'bench', COUNT);
  const env = { ...process.env, DOCKER_HOST: engine.dockerd.dockerHost };

  const cli: number[] = [];
  const raw: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    let t = performance.now();
    execFileSync('docker', ['ps', '-a'], { env, stdio: 'ignore' });
    cli.push(performance.now() - t);
    t = performance.now();
    await engine.docker.listContainers({ all: true });
    raw.push(performance.now() - t);
  }

  const berth = await openBerth(engine.dockerd.dockerHost);
  try {
    const { page } = berth;
    await page.getByTestId('nav-containers').click();
    await page.waitForFunction((n) => document.querySelector('[data-test="count"]')?.textContent === String(n), COUNT, {
      timeout: 120_000,
    });
    // The first row by name: start and stop it, timing from the engine call returning to the row's new state.
    const target = 'bench-0000';
    const row = `.vt-row:has([data-container="${target}"]) [data-state]`;
    const latencies: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      const next = i % 2 === 0 ? 'running' : 'exited';
      const waiting = page.waitForFunction(
        ({ selector, state }) => document.querySelector(selector)?.getAttribute('data-state') === state && Date.now(),
        { selector: row, state: next },
        { polling: 'raf', timeout: 30_000 },
      );
      const container = engine.docker.getContainer(target);
      await (next === 'running' ? container.start() : container.stop({ t: 0 }));
      const changedAt = Date.now();
      const shownAt = (await (await waiting).jsonValue()) as number;
      latencies.push(shownAt - changedAt);
    }
    printTable(`Containers list, ${COUNT} containers (median of ${ROUNDS})`, [
      {
        case: 'engine change → table shows it',
        berth: median(latencies),
        baseline: median(cli),
        unit: 'ms',
        maxRatio: 1,
      },
      { case: '(raw list API, for reference)', berth: median(raw), baseline: median(cli), unit: 'ms', maxRatio: 1 },
    ]);
  } finally {
    await berth.close();
  }
} finally {
  await engine.dockerd.stop();
}
