// For the logs benchmark: the log-writing program, Berth in Chromium with main's logs.data events timed, the table.
import { chromium, selectors, type Browser, type Page } from 'playwright-core';
import { createBackend } from '../../src-main/api/backend';
import { parseEngineAddress } from '../../src-main/engine/endpoint';
import { serveStatic } from '../../src-main/transport/static-files';
import { startWebServer } from '../../src-main/transport/websocket';
import { buildRenderer } from '../e2e/support/build-renderer';
import { CHROMIUM_ARGS } from '../e2e/support/chromium';

/**
 * An awk program printing `lines` lines of about 60 bytes, like a busy service: every tenth on stderr,
 * every fiftieth with an ANSI colour, so both streams and the escape-sequence path are measured.
 */
export function logProgram(lines: number): string {
  return `BEGIN {
  for (i = 1; i <= ${lines}; i++) {
    if (i % 10 == 0) printf "%07d WARN  [worker-%d] slow response on /api/orders/%d took %d ms\\n", i, i % 8, i * 7, i % 997 > "/dev/stderr";
    else if (i % 50 == 1) printf "%07d \\033[32mINFO\\033[0m  [worker-%d] GET /api/orders/%d 200 in %d ms\\n", i, i % 8, i * 7, i % 97;
    else printf "%07d INFO  [worker-%d] GET /api/orders/%d 200 in %d ms\\n", i, i % 8, i * 7, i % 97;
  }
}`;
}

/** When main published its first and last `logs.data` event (performance.now() of this process). */
export interface MainTiming {
  first: number;
  last: number;
  events: number;
  lines: number;
}

export interface LogsBench {
  page: Page;
  main: MainTiming;
  /** Reads a container's whole log through main's logs session and transport, no viewer: ms to logs.end. */
  readThroughMain(id: string): Promise<number>;
  close(): Promise<void>;
}

/** The built renderer and the API over WebSocket on `dockerHost`, opened in Chromium at 1280×800. */
export async function openBerthTimed(dockerHost: string): Promise<LogsBench> {
  const renderer = await buildRenderer();
  const backend = createBackend(parseEngineAddress(dockerHost));
  const main: MainTiming = { first: 0, last: 0, events: 0, lines: 0 };
  backend.subscribe((event, payload) => {
    if (event !== 'logs.data') return;
    main.last = performance.now();
    main.first ||= main.last;
    main.events++;
    main.lines += (payload as { lines: unknown[] }).lines.length;
  });
  backend.start();
  const web = await startWebServer({ backend, renderer: serveStatic(renderer.dir) });
  selectors.setTestIdAttribute('data-test');
  const browser: Browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(web.url);
  await page.locator('[data-test="engine-badge"][data-state="connected"]').waitFor();
  return {
    page,
    main,
    async readThroughMain(id) {
      const started = performance.now();
      let session = '';
      const ended = new Promise<void>((resolve) => {
        const off = backend.subscribe((event, payload) => {
          if (event === 'logs.end' && (payload as { session: string }).session === session) {
            off();
            resolve();
          }
        });
      });
      const result = await backend.dispatch('logs.open', { id, follow: true }, { client: 'bench' });
      if (!result.ok) throw new Error(result.error.message);
      session = (result.value as { session: string }).session;
      await ended;
      const elapsed = performance.now() - started;
      await backend.dispatch('logs.close', { session }, { client: 'bench' });
      return elapsed;
    },
    async close() {
      await browser.close();
      await web.close();
      await backend.stop();
      renderer.remove();
    },
  };
}

export interface ResultRow {
  case: string;
  berth: string;
  baseline: string;
  ratio: string;
  target: string;
  met: boolean;
}

/** Prints case, Berth, baseline, ratio, target and whether it was met, as a Markdown table. */
export function printResults(title: string, rows: ResultRow[]): void {
  const header = ['case', 'Berth', 'baseline', 'ratio', 'target', ''];
  const cells = rows.map((r) => [r.case, r.berth, r.baseline, r.ratio, r.target, r.met ? 'met' : 'MISSED']);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) => `| ${c.map((v, i) => v.padEnd(widths[i]!)).join(' | ')} |`;
  console.log(
    `\n${title}\n${line(header)}\n${line(widths.map((w) => '-'.repeat(w)))}\n${cells.map(line).join('\n')}\n`,
  );
}
