// The WebSocket transport on loopback: token and Origin checks, calls, events, client clean-up, static files.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createClient } from '../../../src-main/contract/client';
import type { HubListener } from '../../../src-main/engine/event-hub';
import { serveStatic } from '../../../src-main/transport/static-files';
import { startWebServer, type WebServer } from '../../../src-main/transport/websocket';
import { createWebSocketTransport } from '../../../src-renderer/src/transport/websocket-client';

const listeners = new Set<HubListener>();
const gone: string[] = [];
const backend = {
  dispatch: async (method: unknown, args: unknown, context: { client: string }) =>
    method === 'containers.list'
      ? { ok: true as const, value: { args, client: context.client } }
      : { ok: false as const, error: { code: 'not-found' as const, message: `no ${String(method)}` } },
  subscribe: (listener: HubListener) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  clientGone: (client: string) => gone.push(client),
};

let server: WebServer;
let root: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'berth-static-'));
  await writeFile(join(root, 'index.html'), '<!doctype html><title>Berth</title>');
  server = await startWebServer({ backend, renderer: serveStatic(root) });
});

afterAll(async () => {
  await server.close();
  await rm(root, { recursive: true, force: true });
});

function connect(query: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number } | WebSocket>((resolve) => {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/api${query}`, { headers });
    ws.on('open', () => resolve(ws));
    ws.on('unexpected-response', (_req, res) => resolve({ status: res.statusCode ?? 0 }));
  });
}

describe('WebSocket transport', () => {
  it('listens on 127.0.0.1 and prints a URL carrying the token', () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/?token=${server.token}`);
    expect(server.token.length).toBeGreaterThanOrEqual(32);
  });

  it('refuses a missing or wrong token with 401', async () => {
    expect(await connect('')).toEqual({ status: 401 });
    expect(await connect('?token=wrong')).toEqual({ status: 401 });
  });

  it('refuses a foreign Origin with 403 and accepts its own', async () => {
    expect(await connect(`?token=${server.token}`, { Origin: 'http://evil.example' })).toEqual({ status: 403 });
    const ws = await connect(`?token=${server.token}`, { Origin: `http://127.0.0.1:${server.port}` });
    expect(ws).toBeInstanceOf(WebSocket);
    (ws as WebSocket).close();
  });

  it('carries calls, errors and events through the typed client, and cleans up after the client', async () => {
    const transport = createWebSocketTransport(
      `ws://127.0.0.1:${server.port}/api?token=${server.token}`,
      (url) => new WebSocket(url),
    );
    await transport.ready;
    const client = createClient(transport);
    expect(await client.call('containers.list', { all: false })).toMatchObject({ args: { all: false } });
    await expect(client.call('images.list', {})).rejects.toMatchObject({
      code: 'not-found',
      message: 'no images.list',
    });

    const received = new Promise((resolve) => client.on('containers.changed', resolve));
    for (const l of listeners) l('containers.changed', { ids: ['abc'] });
    expect(await received).toEqual({ ids: ['abc'] });

    const clientId = ((await client.call('containers.list', {})) as unknown as { client: string }).client;
    transport.close();
    await expect.poll(() => gone).toContain(clientId);
  });

  it('answers a malformed message with an error for its id', async () => {
    const ws = (await connect(`?token=${server.token}`)) as WebSocket;
    const reply = new Promise<unknown>((resolve) => ws.once('message', (data) => resolve(JSON.parse(String(data)))));
    ws.send(JSON.stringify({ type: 'call', id: 5 }));
    expect(await reply).toMatchObject({
      type: 'result',
      id: 5,
      result: { ok: false, error: { code: 'invalid-argument' } },
    });
    ws.close();
  });

  it.each([
    ['over 16 MiB', 'x'.repeat(16 * 1024 * 1024 + 1), 1009],
    ['not UTF-8 in a text frame', Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), 1007],
  ])(
    'closes a connection sending a message %s and keeps serving (it threw, ending the process)',
    async (_what, data, code) => {
      const ws = (await connect(`?token=${server.token}`)) as WebSocket;
      const closed = new Promise<number>((resolve) => ws.once('close', (closeCode) => resolve(closeCode)));
      ws.send(data, { binary: false });
      expect(await closed).toBe(code);
      const next = (await connect(`?token=${server.token}`)) as WebSocket;
      expect(next).toBeInstanceOf(WebSocket);
      next.close();
    },
  );

  it('serves the renderer, falling back to index.html for routes, and never outside its folder', async () => {
    const base = `http://127.0.0.1:${server.port}`;
    const index = await fetch(`${base}/containers`);
    expect(index.status).toBe(200);
    expect(await index.text()).toContain('<title>Berth</title>');
    expect((await fetch(`${base}/..%2f..%2f..%2fetc%2fpasswd`)).status).toBe(404);
    const normalised = await fetch(`${base}/%2e%2e/%2e%2e/etc/passwd`);
    expect(await normalised.text()).not.toContain('root:');
    expect((await fetch(`${base}/missing.js`)).status).toBe(404);
  });
});
