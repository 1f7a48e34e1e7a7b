// Benchmark: after `docker compose up -d` of a 20-service project returns, the time until the Stacks page shows all
// 20 running, against the wall time of `docker compose ps` in the same run (goal ≤ 1×). Run: npm run bench:stacks
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { runDockerCli } from '../../src-main/docker-cli/cli-runner';
import { testHostCli } from '../support/compose-project';
import { makeOwnedTempDir } from '../support/temp-dirs';
import { openBerth } from './support/bench-browser';
import { startBenchEngine } from './support/bench-engine';
import { median, printTable } from './support/table';

const SERVICES = 20;
const ROUNDS = 3;
const PROJECT = 'bench-stack';

const scratch = makeOwnedTempDir('berth-bench-stacks-');
const engine = await startBenchEngine('bench-stacks', 'current');
try {
  const hostCli = await testHostCli(join(scratch, 'docker-config'));
  const folder = join(scratch, 'project');
  mkdirSync(folder, { recursive: true });
  const service = (i: number) =>
    `  s${String(i).padStart(2, '0')}:\n    image: ${engine.image}\n    command: [sleep, '3600']\n    stop_grace_period: 1s\n`;
  writeFileSync(
    join(folder, 'compose.yaml'),
    `services:\n${Array.from({ length: SERVICES }, (_, i) => service(i)).join('')}`,
  );
  const compose = (...args: string[]) =>
    runDockerCli({ ...hostCli, dockerHost: engine.dockerd.dockerHost }, ['compose', '-p', PROJECT, ...args], {
      cwd: folder,
    });

  const berth = await openBerth(engine.dockerd.dockerHost, { hostCli });
  const shown: number[] = [];
  const ps: number[] = [];
  try {
    const { page } = berth;
    await page.getByTestId('nav-stacks').click();
    await page.getByTestId('stacks-page').waitFor();
    for (let round = 0; round < ROUNDS; round++) {
      const waiting = page.waitForFunction(
        ({ name, text }) => {
          const status = document.querySelector(`.vt-row:has([data-stack="${name}"]) [data-test="stack-status"]`);
          return status?.getAttribute('data-state') === 'running' && status.textContent?.includes(text) && Date.now();
        },
        { name: PROJECT, text: `All ${SERVICES} running` },
        { polling: 'raf', timeout: 60_000 },
      );
      await compose('up', '-d');
      const upReturned = Date.now();
      shown.push(((await (await waiting).jsonValue()) as number) - upReturned);
      for (let i = 0; i < 3; i++) {
        const started = performance.now();
        const { stdout } = await compose('ps', '--format', '{{.Name}} {{.State}}');
        ps.push(performance.now() - started);
        if (stdout.trim().split('\n').length !== SERVICES) throw new Error(`compose ps listed:\n${stdout}`);
      }
      await compose('down');
      await page.waitForFunction((name) => !document.querySelector(`[data-stack="${name}"]`), PROJECT, {
        timeout: 60_000,
      });
    }
    printTable(`Stacks page, a ${SERVICES}-service project (median of ${ROUNDS} ups; compose ps ×${ps.length})`, [
      {
        case: 'compose up returned → Stacks shows all running',
        berth: median(shown),
        baseline: median(ps),
        unit: 'ms',
        maxRatio: 1,
      },
    ]);
  } finally {
    await compose('down').catch(() => undefined);
    await berth.close();
  }
} finally {
  await engine.dockerd.stop();
  rmSync(scratch, { recursive: true, force: true });
}
