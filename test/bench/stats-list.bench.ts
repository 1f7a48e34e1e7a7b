// Benchmark: live stats in the Containers page. With 50 running containers, the CPU of Berth's API backend (its own
// Node process) over 30 s, in a 1280×800 window and with every row on screen, against the `docker stats` CLI over
// 30 s; then, with 200 containers and about 20 rows on screen, how many stats sessions the page keeps open.
// Run: npm run bench:stats
import { spawn } from 'node:child_process';
import { chromium, selectors, type Browser, type Page } from 'playwright-core';
import { buildRenderer } from '../e2e/support/build-renderer';
import { CHROMIUM_ARGS } from '../e2e/support/chromium';
import { createContainers, startBenchEngine, type BenchEngine } from './support/bench-engine';
import { bundleBackend } from './support/bundle-backend';
import { printTable } from './support/table';
import {
  cpuPercentOver,
  rowsOnScreen,
  startBackendProcess,
  trackStatsSessions,
  type BackendProcess,
} from './stats-support';

const RUNNING = 50;
const MANY = 200;
const MEASURE_SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
/** Seconds for streams to settle before measuring (sessions opening, the CLI's first pass). */
const WARM_UP_SECONDS = 5;
const DOCKER_CLI = '/usr/local/bin/docker';

const log = (message: string) => console.log(`[bench:stats] ${message}`);

/** The Containers page in a new tab `height` pixels tall, with its stats sessions counted. */
async function openContainersPage(browser: Browser, url: string, height: number) {
  const page = await browser.newPage({ viewport: { width: 1280, height } });
  const sessions = trackStatsSessions(page);
  await page.goto(url);
  await page.locator('[data-test="engine-badge"][data-state="connected"]').waitFor();
  await page.getByTestId('nav-containers').click();
  await page.locator('[data-test="containers-page"] .vt-row').first().waitFor();
  return { page, sessions };
}

/** Waits until `count` rows show a memory figure (their stats sessions stream). */
async function waitForMemoryCells(page: Page, count: number): Promise<void> {
  await page.waitForFunction(
    (n) =>
      [...document.querySelectorAll('[data-test="containers-page"] [data-col="memory"]')].filter((c) =>
        /\d/.test(c.textContent ?? ''),
      ).length >= n,
    count,
    { timeout: 120_000, polling: 500 },
  );
}

/** Berth's backend CPU while a Containers page `height` pixels tall shows the 50 running containers. */
async function berthCpu(
  backend: BackendProcess,
  browser: Browser,
  height: number,
): Promise<{ cpu: number; sessions: number }> {
  const { page, sessions } = await openContainersPage(browser, backend.url, height);
  const onScreen = await rowsOnScreen(page);
  await waitForMemoryCells(page, Math.min(onScreen, RUNNING));
  await new Promise((done) => setTimeout(done, WARM_UP_SECONDS * 1000));
  log(`${onScreen} rows on screen, ${sessions.open} stats sessions open; measuring Berth for ${MEASURE_SECONDS} s`);
  const cpu = await cpuPercentOver(backend.pid, MEASURE_SECONDS);
  const open = sessions.open;
  await page.close();
  return { cpu, sessions: open };
}

/** The `docker stats` CLI's CPU while it streams every running container of the engine. */
async function cliCpu(engine: BenchEngine): Promise<number> {
  const cli = spawn(DOCKER_CLI, ['stats'], {
    env: { ...process.env, DOCKER_HOST: engine.dockerd.dockerHost },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    cli.stdout.resume();
    await new Promise((done) => setTimeout(done, WARM_UP_SECONDS * 1000));
    log(`measuring docker stats for ${MEASURE_SECONDS} s`);
    return await cpuPercentOver(cli.pid!, MEASURE_SECONDS);
  } finally {
    cli.kill('SIGTERM');
  }
}

/** Case 2: 200 running containers, ~20 rows on screen, scrolled: sessions open vs rows on screen. */
async function visibleCase(
  backend: BackendProcess,
  browser: Browser,
): Promise<{ max: number; onScreen: number; final: number }> {
  const { page, sessions } = await openContainersPage(browser, backend.url, 800);
  await waitForMemoryCells(page, 10);
  let max = 0;
  const sample = async (seconds: number) => {
    for (let i = 0; i < seconds * 4; i++) {
      max = Math.max(max, sessions.open);
      await page.waitForTimeout(250);
    }
  };
  await sample(3);
  // Scroll through the middle of the list and stop there; sessions follow once scrolling settles.
  const body = page.locator('[data-test="containers-page"] .vt-body');
  for (let i = 0; i < 10; i++) {
    await body.evaluate((el) => el.scrollBy(0, 360));
    await page.waitForTimeout(100);
  }
  await sample(5);
  const onScreen = await rowsOnScreen(page);
  const final = sessions.open;
  await page.close();
  return { max, onScreen, final };
}

const engine = await startBenchEngine('bench-stats');
let backend: BackendProcess | undefined;
let browser: Browser | undefined;
const renderer = await buildRenderer();
const bundle = await bundleBackend();
try {
  log(`starting ${RUNNING} containers…`);
  await createContainers(engine, 'stats', RUNNING, true);
  backend = await startBackendProcess(engine.dockerd.dockerHost, renderer.dir, bundle.file);
  selectors.setTestIdAttribute('data-test');
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });

  const windowed = await berthCpu(backend, browser, 800);
  // Tall enough that all 50 rows are on screen, so Berth samples what `docker stats` samples.
  const tall = await berthCpu(backend, browser, RUNNING * 36 + 300);
  const cli = await cliCpu(engine);

  log(`starting ${MANY - RUNNING} more containers…`);
  await createContainers(engine, 'more', MANY - RUNNING, true);
  const visible = await visibleCase(backend, browser);

  printTable(
    `${RUNNING} running containers: CPU over ${MEASURE_SECONDS} s, % of one core (docker stats reads all ${RUNNING})`,
    [
      {
        case: `1280×800 window (${windowed.sessions} rows sampled)`,
        berth: windowed.cpu,
        baseline: cli,
        unit: '%',
        maxRatio: 1,
      },
      { case: `all ${tall.sessions} rows on screen`, berth: tall.cpu, baseline: cli, unit: '%', maxRatio: 1 },
    ],
  );
  printTable(`${MANY} running containers, scrolled to the middle`, [
    {
      case: 'stats sessions open vs rows on screen (most)',
      berth: visible.max,
      baseline: visible.onScreen,
      unit: '',
      maxRatio: 1.5,
    },
    {
      case: 'stats sessions open vs rows on screen (after)',
      berth: visible.final,
      baseline: visible.onScreen,
      unit: '',
      maxRatio: 1.5,
    },
  ]);
} finally {
  await browser?.close().catch(() => undefined);
  await backend?.stop();
  renderer.remove();
  bundle.remove();
  await engine.dockerd.stop();
}
