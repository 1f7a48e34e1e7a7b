// Helpers for the stats benchmark: Berth's API backend as a child process, process CPU from /proc, and a count
// of the stats sessions a page holds open (read from its WebSocket frames).
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';

const ROOT = resolve(import.meta.dirname, '../..');
/** Clock ticks per second for /proc/<pid>/stat times (USER_HZ, 100 on Linux). */
const TICKS_PER_SECOND = 100;

/** CPU time a process has used so far (user + system), in seconds. */
export function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may hold spaces) start at field 3; utime and stime are fields 14 and 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
}

/** CPU a process uses over `seconds`, as a percentage of one core. */
export async function cpuPercentOver(pid: number, seconds: number): Promise<number> {
  const before = cpuSeconds(pid);
  await new Promise((done) => setTimeout(done, seconds * 1000));
  return ((cpuSeconds(pid) - before) / seconds) * 100;
}

export interface BackendProcess {
  child: ChildProcess;
  pid: number;
  /** The renderer's URL with the WebSocket token. */
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts Berth's API backend the way `npm run dev:web` does (scripts/dev-web.ts: the API over the WebSocket
 * transport, serving the built renderer from `rendererDir`) in its own Node process, so its CPU can be read.
 */
export async function startBackendProcess(
  dockerHost: string,
  rendererDir: string,
  /** A bundled scripts/dev-web.ts (support/bundle-backend.ts); the TypeScript source through tsx otherwise. */
  bundle?: string,
): Promise<BackendProcess> {
  const entry = bundle ? [bundle] : ['--import', 'tsx', 'scripts/dev-web.ts'];
  const child = spawn(process.execPath, [...entry, '--engine', dockerHost, '--static', rendererDir], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolveUrl, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /Berth web UI: (\S+)/.exec(out);
      if (match) resolveUrl(match[1]!);
    });
    child.once('exit', (code) => reject(new Error(`the backend exited with code ${code} before serving`)));
  });
  child.stdout!.resume();
  return {
    child,
    pid: child.pid!,
    url,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((done) => child.once('exit', done));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Tracks the stats sessions a page has open: `stats.open` results minus `stats.close` calls it sent. */
export function trackStatsSessions(page: Page): { readonly open: number; readonly opened: number } {
  const open = new Set<string>();
  const pendingOpens = new Set<number>();
  let opened = 0;
  page.on('websocket', (ws) => {
    ws.on('framesent', ({ payload }) => {
      const message = JSON.parse(String(payload)) as { id: number; method: string; args: { session?: string } };
      if (message.method === 'stats.open') pendingOpens.add(message.id);
      if (message.method === 'stats.close' && message.args.session) open.delete(message.args.session);
    });
    ws.on('framereceived', ({ payload }) => {
      const message = JSON.parse(String(payload)) as {
        type: string;
        id?: number;
        result?: { ok: boolean; value?: { session: string } };
      };
      if (message.type !== 'result' || message.id === undefined || !pendingOpens.delete(message.id)) return;
      if (message.result?.ok && message.result.value) {
        open.add(message.result.value.session);
        opened += 1;
      }
    });
  });
  return {
    get open() {
      return open.size;
    },
    get opened() {
      return opened;
    },
  };
}

/** Rows of the Containers table at least half inside its scrolling viewport. */
export function rowsOnScreen(page: Page): Promise<number> {
  return page.evaluate(() => {
    const body = document.querySelector('[data-test="containers-page"] .vt-body');
    if (!body) return 0;
    const view = body.getBoundingClientRect();
    return [...body.querySelectorAll('.vt-row')].filter((row) => {
      const r = row.getBoundingClientRect();
      const inside = Math.min(r.bottom, view.bottom) - Math.max(r.top, view.top);
      return inside >= r.height / 2;
    }).length;
  });
}
