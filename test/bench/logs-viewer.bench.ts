// Benchmark: a container that wrote 1,000,000 log lines, read raw through the Engine API (dockerode) and shown
// in Berth's logs viewer in Chromium over the WebSocket transport; then search time, renderer heap against the
// log's size, and the longest main-thread task while the lines streamed in. Run: npm run bench:logs
import type { Readable } from 'node:stream';
import { performance } from 'node:perf_hooks';
import { demuxFrames } from '../support/container-output';
import { logProgram, openBerthTimed, printResults } from './logs-support';
import { startBenchEngine } from './support/bench-engine';
import { median } from './support/table';

const LINES = Number(process.env.BENCH_LOG_LINES ?? 1_000_000);
const ROUNDS = 3;
const SEARCH = 'orders/777';

const ms = (n: number) => `${n.toFixed(0)} ms`;
const mib = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MiB`;

/** Page-side clock readings, in ms since the logs tab was opened. */
interface PageTiming {
  firstLine: number;
  allLines: number;
  /** [start, duration] of every long task from the first line to the last. */
  longTasks: Array<[number, number]>;
}

const engine = await startBenchEngine('bench-logs');
try {
  console.log(`writing ${LINES.toLocaleString('en')} log lines…`);
  const run = async (cmd: string[]) => {
    const c = await engine.docker.createContainer({
      Image: engine.image,
      Cmd: cmd,
      HostConfig: { NetworkMode: 'none' },
    });
    await c.start();
    await c.wait();
    return c;
  };
  const container = await run(['awk', logProgram(LINES)]);
  const warm = await run(['sh', '-c', 'echo one; echo two; echo three']);

  // (a) The raw logs API, read whole (follow false) and streamed (follow true with timestamps, the request Berth
  // makes); the plain stream without timestamps for comparison.
  const whole: number[] = [];
  const streamed: number[] = [];
  const unstamped: number[] = [];
  let text = '';
  for (let i = 0; i < ROUNDS; i++) {
    let started = performance.now();
    const { stdout, stderr } = demuxFrames(
      (await container.logs({ stdout: true, stderr: true, follow: false })) as unknown as Buffer,
    );
    whole.push(performance.now() - started);
    text = stdout + stderr;
    for (const [timestamps, times] of [
      [true, streamed],
      [false, unstamped],
    ] as const) {
      started = performance.now();
      const options = { stdout: true, stderr: true, follow: true, timestamps } as const;
      const stream = (await container.logs(options)) as unknown as Readable;
      await new Promise((resolve) => stream.on('end', resolve).resume());
      times.push(performance.now() - started);
    }
  }
  const bytes = Buffer.byteLength(text);
  const lines = text.split('\n').slice(0, -1);
  const rawMs = Math.min(median(whole), median(streamed));
  console.log(
    `log: ${lines.length.toLocaleString('en')} lines, ${mib(bytes)}; raw read ${ms(median(whole))} whole, ${ms(median(streamed))} streamed with timestamps, ${ms(median(unstamped))} without`,
  );

  // Search baseline: the plain per-line, case-insensitive scan a viewer would start with.
  const naive: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const started = performance.now();
    const needle = SEARCH.toLowerCase();
    lines.filter((l) => l.toLowerCase().includes(needle));
    naive.push(performance.now() - started);
  }

  const berth = await openBerthTimed(engine.dockerd.dockerHost);
  try {
    const { page, main } = berth;
    const countIs = (n: number) =>
      page.waitForFunction(
        (want) => document.querySelector('[data-test="line-count"]')?.getAttribute('data-count') === String(want),
        n,
        { timeout: 600_000 },
      );
    // The detail page's code is loaded once, on a small container, so what follows measures the logs.
    await page.evaluate(() => localStorage.setItem('berth.logs.range', 'all'));
    await page.evaluate((id) => (location.hash = `#/containers/${id}/logs`), warm.id);
    await countIs(3);
    await page.evaluate(() => (location.hash = '#/containers'));
    await page.getByTestId('containers-page').waitFor();

    const cdp = await page.context().newCDPSession(page);
    const heap = async () => {
      await cdp.send('HeapProfiler.collectGarbage');
      return (await cdp.send('Runtime.getHeapUsage')).usedSize;
    };
    const heapBefore = await heap();
    const throughMain = await berth.readThroughMain(container.id);

    // (b) From opening the logs tab to the viewer holding every line; long tasks watched meanwhile.
    Object.assign(main, { first: 0, last: 0, events: 0, lines: 0 });
    const openedAt = performance.now();
    const timing = (await (
      await page.evaluateHandle(`(async (id, total) => {
        const tasks = [];
        new PerformanceObserver((list) => tasks.push(...list.getEntries())).observe({ type: 'longtask' });
        const count = () => Number(document.querySelector('[data-test="line-count"]')?.getAttribute('data-count') ?? 0);
        const opened = performance.now();
        location.hash = '#/containers/' + id + '/logs';
        let firstLine = 0;
        while (count() < total) {
          await new Promise((resolve) => requestAnimationFrame(resolve));
          if (!firstLine && count() > 0) firstLine = performance.now() - opened;
        }
        const allLines = performance.now() - opened;
        await new Promise((resolve) => setTimeout(resolve, 100));
        const longTasks = tasks
          .map((t) => [t.startTime - opened, t.duration])
          .filter(([start]) => start >= firstLine && start <= allLines);
        return { firstLine, allLines, longTasks };
      })(${JSON.stringify(container.id)}, ${lines.length})`)
    ).jsonValue()) as PageTiming;
    const heapAfter = await heap();
    const longest = Math.max(0, ...timing.longTasks.map(([, duration]) => duration));

    // (c) Search over every line: Enter applies the query at once; done when "k of n" shows.
    const searches: number[] = [];
    let found = '';
    for (const query of [SEARCH, 'took 99', SEARCH, 'slow response', SEARCH]) {
      const result = (await page.evaluate(`(async (q) => {
        const input = document.querySelector('[data-test="logs-search"] input');
        const label = () => document.querySelector('[data-test="match-count"]')?.textContent?.trim() ?? '';
        input.value = '';
        input.dispatchEvent(new Event('input', { bubbles: true }));
        await new Promise((resolve) => setTimeout(resolve, 300));
        const started = performance.now();
        input.value = q;
        input.dispatchEvent(new Event('input', { bubbles: true }));
        input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
        while (!/ of |No matches/.test(label())) await new Promise((resolve) => requestAnimationFrame(resolve));
        return { ms: performance.now() - started, label: label() };
      })(${JSON.stringify(query)})`)) as { ms: number; label: string };
      if (query === SEARCH) {
        searches.push(result.ms);
        found = result.label;
      }
    }

    const used = heapAfter - heapBefore;
    printResults(`Logs viewer, ${lines.length.toLocaleString('en')} lines (${mib(bytes)})`, [
      {
        case: '(a)/(b) open logs tab → all lines held',
        berth: ms(timing.allLines),
        baseline: `${ms(rawMs)} raw read`,
        ratio: `${(timing.allLines / rawMs).toFixed(2)}×`,
        target: '≤ 1.15×',
        met: timing.allLines / rawMs <= 1.15,
      },
      {
        case: '    (main and transport only, no viewer)',
        berth: ms(throughMain),
        baseline: `${ms(rawMs)} raw read`,
        ratio: `${(throughMain / rawMs).toFixed(2)}×`,
        target: '—',
        met: true,
      },
      {
        case: `(c) search "${SEARCH}" (${found})`,
        berth: ms(median(searches)),
        baseline: `${ms(median(naive))} naive scan`,
        ratio: `${(median(searches) / median(naive)).toFixed(2)}×`,
        target: '< 200 ms',
        met: median(searches) < 200,
      },
      {
        case: '(d) renderer JS heap added',
        berth: mib(used),
        baseline: `${mib(bytes)} of log`,
        ratio: `${(used / bytes).toFixed(2)}×`,
        target: '≤ 2×',
        met: used / bytes <= 2,
      },
      {
        case: '(e) longest task while streaming',
        berth: longest === 0 ? 'none ≥ 50 ms' : ms(longest),
        baseline: '—',
        ratio: '—',
        target: '≤ 100 ms',
        met: longest <= 100,
      },
    ]);
    console.log(
      [
        `first line shown after ${ms(timing.firstLine)}; main sent logs.data from ${ms(main.first - openedAt)} to ${ms(main.last - openedAt)}`,
        `(${main.events.toLocaleString('en')} events, ${main.lines.toLocaleString('en')} lines)`,
        `${timing.longTasks.length} long tasks while streaming; heap ${mib(heapBefore)} → ${mib(heapAfter)}`,
      ].join('\n'),
    );
  } finally {
    await berth.close();
  }
} finally {
  await engine.dockerd.stop();
}
