// `npm run dev:web`: prints one URL with a token, serves the renderer and the API on 127.0.0.1 only.
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createClient } from '../../src-main/contract/client';
import { createWebSocketTransport } from '../../src-renderer/src/transport/websocket-client';
import { testEngine, waitFor } from '../support/engine';
import { freePort } from '../support/ports';
import { logFileOf, spawnTracked, stopProcess, tailFile, waitForExit } from '../support/processes';
import { readFileSync } from 'node:fs';
import type { ChildProcess } from 'node:child_process';

const root = resolve(import.meta.dirname, '../..');
const tsx = join(root, 'node_modules/.bin/tsx');
const started: ChildProcess[] = [];

afterAll(async () => {
  for (const child of started) await stopProcess(child, { timeoutMs: 5_000 });
});

function devWeb(...args: string[]): ChildProcess {
  const child = spawnTracked(tsx, ['scripts/dev-web.ts', ...args], {
    cwd: root,
    env: { ...process.env, DOCKER_HOST: '' },
  });
  started.push(child);
  return child;
}

async function printedUrl(child: ChildProcess): Promise<URL> {
  const line = await waitFor(
    async () =>
      readFileSync(logFileOf(child) ?? '', 'utf8').match(
        /^Berth web UI: (http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)$/m,
      )?.[1],
    { timeoutMs: 60_000, message: 'dev:web printing its URL' },
  ).catch((error: Error) => {
    throw new Error(`${error.message}\n${tailFile(logFileOf(child))}`);
  });
  return new URL(line);
}

function listeners(port: number): string[] {
  const out = execFileSync('ss', ['-Hltn', `sport = :${port}`], { encoding: 'utf8' });
  return out
    .split('\n')
    .filter(Boolean)
    .map((l) => l.trim().split(/\s+/)[3] ?? '');
}

describe('dev:web', () => {
  it('serves the UI through Vite and the API on one loopback port, opened by the printed URL', async () => {
    const port = await freePort();
    const child = devWeb('--port', String(port), '--engine', testEngine().dockerHost);
    const url = await printedUrl(child);
    expect(url.port).toBe(String(port));
    expect(listeners(port)).toEqual([`127.0.0.1:${port}`]);

    const page = await fetch(url);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<div id="app">');
    expect(html).toContain('Content-Security-Policy');
    expect((await fetch(new URL('/src/main.ts', url))).status).toBe(200);

    const transport = createWebSocketTransport(
      `ws://127.0.0.1:${port}/api?token=${url.searchParams.get('token')}`,
      (u) => new WebSocket(u, { headers: { Origin: url.origin } }),
    );
    await transport.ready;
    const client = createClient(transport);
    const info = await client.call('system.info', {});
    expect(info.serverVersion).toBe(((await testEngine().docker.info()) as { ServerVersion: string }).ServerVersion);
    await waitFor(async () => (await client.call('engine.status', {})).state === 'connected');
    transport.close();
  });

  it('serves a built renderer folder with --static', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'berth-static-ui-'));
    await writeFile(join(dir, 'index.html'), '<!doctype html><title>built berth</title>');
    try {
      const child = devWeb('--static', dir, '--engine', testEngine().dockerHost);
      const url = await printedUrl(child);
      expect(await (await fetch(url)).text()).toContain('built berth');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('refuses a bad --port with a clear message', async () => {
    const child = devWeb('--port', 'lots');
    expect(await waitForExit(child, 30_000)).toBe(true);
    expect(child.exitCode).toBe(2);
    expect(readFileSync(logFileOf(child) ?? '', 'utf8')).toContain('--port must be a port number, not "lots"');
  });
});
