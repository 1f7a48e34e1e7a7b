// Framing and matching rules of the QMP client that a real QEMU cannot be made to show on demand
// (replies split mid-line, replies without an id, garbage); the real protocol is in test/integration/qmp-client.test.ts.
import { createServer, type Server, type Socket } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { QmpClient, type QmpEvent } from '../../../src-main/machine/qmp-client';

const GREETING =
  '{"QMP": {"version": {"qemu": {"micro": 0, "minor": 2, "major": 7}, "package": "test"}, "capabilities": []}}';

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

/** A unix socket server that greets, accepts qmp_capabilities, then hands each later request to `answer`. */
async function fakeQemu(answer: (request: { execute: string; id?: unknown }, socket: Socket) => void): Promise<string> {
  const folder = mkdtempSync(join(tmpdir(), 'berth-qmpu-'));
  const path = join(folder, 'qmp.sock');
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    // The greeting arrives one byte at a time.
    const bytes = [...`${GREETING}\r\n`];
    const drip = () => {
      const next = bytes.shift();
      if (next !== undefined) socket.write(next, drip);
    };
    drip();
    let buffer = '';
    socket.on('data', (chunk) => {
      buffer += chunk.toString();
      let end: number;
      while ((end = buffer.indexOf('\n')) >= 0) {
        const request = JSON.parse(buffer.slice(0, end)) as { execute: string; id?: unknown };
        buffer = buffer.slice(end + 1);
        if (request.execute === 'qmp_capabilities')
          socket.write(`{"return": {}, "id": ${JSON.stringify(request.id)}}\r\n`);
        else answer(request, socket);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(path, resolve));
  cleanup = async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => server.close(resolve));
    rmSync(folder, { recursive: true, force: true });
  };
  return path;
}

describe('QmpClient framing', () => {
  it('reads a greeting split into single bytes, and messages split across and joined within chunks', async () => {
    const path = await fakeQemu((request, socket) => {
      const id = JSON.stringify(request.id);
      const event = '{"event": "STOP", "timestamp": {"seconds": 1, "microseconds": 2}}';
      const reply = `{"return": {"status": "paused", "text": "é ünïcode"}, "id": ${id}}`;
      const wire = Buffer.from(`${event}\r\n${reply}\r\n`);
      // Cut inside the multi-byte "é" as well as between the two messages.
      const cut = wire.indexOf(Buffer.from('é')) + 1;
      socket.write(wire.subarray(0, 10));
      setImmediate(() => {
        socket.write(wire.subarray(10, cut));
        setImmediate(() => socket.write(wire.subarray(cut)));
      });
    });
    const client = await QmpClient.connect(path, { timeoutMs: 5_000 });
    expect(client.version).toEqual({ qemu: { micro: 0, minor: 2, major: 7 }, package: 'test' });
    const events: QmpEvent[] = [];
    client.on('event', (event) => events.push(event));
    expect(await client.execute('query-status')).toEqual({ status: 'paused', text: 'é ünïcode' });
    expect(events).toEqual([{ event: 'STOP', data: {}, timestamp: { seconds: 1, microseconds: 2 } }]);
    await client.close();
  });

  it('matches replies by id even out of order, and a reply without id to the oldest command', async () => {
    const held: Array<{ id: unknown; socket: Socket }> = [];
    const path = await fakeQemu((request, socket) => {
      if (request.execute === 'unparsable') {
        socket.write('{"error": {"class": "GenericError", "desc": "JSON parse error"}}\n');
        return;
      }
      held.push({ id: request.id, socket });
      if (held.length === 2) {
        for (const { id, socket: s } of held.reverse())
          s.write(`{"return": ${JSON.stringify(String(id))}, "id": ${id}}\n`);
      }
    });
    const client = await QmpClient.connect(path, { timeoutMs: 5_000 });
    const first = client.execute<string>('a');
    const second = client.execute<string>('b');
    expect([await first, await second]).toEqual(['2', '3']);
    await expect(client.execute('unparsable')).rejects.toMatchObject({
      errorClass: 'GenericError',
      desc: 'JSON parse error',
    });
    await client.close();
  });

  it('closes with an error on a line that is not JSON, rejecting what is in flight', async () => {
    const path = await fakeQemu((_request, socket) => socket.write('this is not json\n'));
    const client = await QmpClient.connect(path, { timeoutMs: 5_000 });
    const closed = new Promise<Error | undefined>((resolve) => client.once('close', resolve));
    await expect(client.execute('anything')).rejects.toThrow(
      'The QMP connection closed before QEMU answered "anything"',
    );
    expect((await closed)?.message).toBe('QEMU sent a QMP message that is not JSON: this is not json');
  });

  it('refuses a socket that does not greet like QEMU', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'berth-qmpu-'));
    const path = join(folder, 'other.sock');
    const server = createServer((socket) => socket.end('SSH-2.0-OpenSSH_9.2\r\n'));
    await new Promise<void>((resolve) => server.listen(path, resolve));
    cleanup = async () => {
      await new Promise((resolve) => server.close(resolve));
      rmSync(folder, { recursive: true, force: true });
    };
    await expect(QmpClient.connect(path, { timeoutMs: 5_000 })).rejects.toThrow(`${path} is not a QMP socket`);
  });
});
