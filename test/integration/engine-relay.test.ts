// The guest's engine relay (built from vm-assets/relay) and Berth's EngineRelay against it: who gets through, half-close, the ready pool.
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EngineRelay, RELAY_SECRET_BYTES } from '../../src-main/tunnel/engine-relay';
import { startRelay, type TestRelay } from '../support/engine-relay';
import { makeOwnedTempDir } from '../support/temp-dirs';
import { waitFor } from '../support/wait';

const dir = makeOwnedTempDir('berth-relay-test-');
// Each test gets its own "engine" and relay, so connections a test leaves behind never count in the next.
let targetPath: string;
let target: Server;
let accepted: Socket[];
let onAccepted: (socket: Socket) => void;
let relay: TestRelay;
let engines: EngineRelay[];
let testNumber = 0;

beforeEach(async () => {
  /** The "engine": a unix socket server that remembers every connection it got. */
  targetPath = join(dir, `engine-${++testNumber}.sock`);
  accepted = [];
  engines = [];
  onAccepted = () => undefined;
  target = createServer({ allowHalfOpen: true }, (socket) => {
    socket.on('error', () => undefined);
    accepted.push(socket);
    onAccepted(socket);
  });
  await new Promise<void>((resolve) => target.listen(targetPath, resolve));
  relay = await startRelay({ targetSocket: targetPath });
});

afterEach(async () => {
  for (const engine of engines) engine.close();
  await relay.stop();
  for (const socket of accepted) socket.destroy();
  target.close();
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

function engineRelay(poolSize = 0, secret = relay.secret, port = relay.port): EngineRelay {
  const engine = new EngineRelay({ host: '127.0.0.1', port, secret, poolSize, readyTimeoutMs: 5_000 });
  engines.push(engine);
  return engine;
}

/** Everything a raw client connection receives until the relay closes it. */
function rawExchange(chunks: Buffer[], host = '127.0.0.1'): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port: relay.port, localAddress: host });
    const received: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => received.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => resolve(Buffer.concat(received)));
    void (async () => {
      for (const chunk of chunks) {
        socket.write(chunk);
        await new Promise((r) => setTimeout(r, 20));
      }
    })();
  });
}

describe('berth-relay', () => {
  it('refuses a connection with the wrong secret: closed with no answer, and the engine never sees it', async () => {
    const wrong = Buffer.from(relay.secret);
    wrong[RELAY_SECRET_BYTES - 1]! ^= 1;
    expect(await rawExchange([wrong, Buffer.from('GET /_ping HTTP/1.1\r\n\r\n')])).toHaveLength(0);
    await expect(engineRelay(0, wrong).connect()).rejects.toThrow(
      'Could not reach the engine in the machine: the relay closed the connection (is the engine running?)',
    );
    expect(accepted).toHaveLength(0);
  });

  it('refuses a peer other than the one it serves, even with the secret', async () => {
    const picky = await startRelay({ targetSocket: targetPath, peer: '127.0.0.2' });
    try {
      await expect(engineRelay(0, picky.secret, picky.port).connect()).rejects.toThrow(/relay closed the connection/);
      expect(accepted).toHaveLength(0);
    } finally {
      await picky.stop();
    }
  });

  it('takes the secret in pieces, answers one ready byte, then carries bytes both ways', async () => {
    onAccepted = (socket) =>
      socket.on('data', (chunk: Buffer) => socket.write(Buffer.concat([Buffer.from('echo:'), chunk])));
    const half = RELAY_SECRET_BYTES / 2;
    const received = new Promise<Buffer>((resolve) => {
      const socket = connect({ host: relay.host, port: relay.port });
      const chunks: Buffer[] = [];
      socket.on('data', (chunk: Buffer) => {
        chunks.push(chunk);
        const all = Buffer.concat(chunks);
        if (all.length === 1) socket.write('hello');
        if (all.length >= 1 + 'echo:hello'.length) {
          socket.destroy();
          resolve(all);
        }
      });
      socket.write(relay.secret.subarray(0, half));
      setTimeout(() => socket.write(relay.secret.subarray(half)), 50);
    });
    expect((await received).toString('latin1')).toBe('\x01echo:hello');
  });

  it('passes a half-close on in each direction: the engine answers after the client finished sending', async () => {
    const payload = randomBytes(3 * 1024 * 1024);
    // The engine reads everything, then answers with its length and finishes.
    onAccepted = (socket) => {
      let length = 0;
      socket.on('data', (chunk: Buffer) => (length += chunk.length));
      socket.on('end', () => socket.end(`got ${length}`));
    };
    const socket = await engineRelay().connect();
    const answer = new Promise<string>((resolve) => {
      let text = '';
      socket.on('data', (chunk: Buffer) => (text += chunk.toString()));
      socket.on('end', () => resolve(text));
    });
    socket.resume();
    socket.end(payload);
    expect(await answer).toBe(`got ${payload.length}`);
  });

  it('tells the engine when the client went away, and lets go of both once the engine hangs up', async () => {
    const engineEnded = new Promise<Socket>(
      (resolve) => (onAccepted = (socket) => socket.once('end', () => resolve(socket))),
    );
    const socket = await engineRelay().connect();
    socket.destroy();
    const engineSide = await engineEnded;
    const closed = new Promise<void>((resolve) => engineSide.once('close', () => resolve()));
    engineSide.end(); // as the engine does when a client hangs up
    await closed;
  });
});

describe('EngineRelay', () => {
  it('keeps connections ready once the first one was answered, and hands them out', async () => {
    onAccepted = (socket) => socket.on('data', () => socket.write('pong'));
    const ping = async (socket: Socket) => {
      const answer = new Promise<string>((resolve) =>
        socket.once('data', (chunk: Buffer) => resolve(chunk.toString())),
      );
      socket.resume();
      socket.write('ping');
      return answer;
    };
    const engine = engineRelay(2);
    const first = await engine.connect();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(accepted).toHaveLength(1); // nothing else competes with the first call
    expect(await ping(first)).toBe('pong');
    await waitFor(async () => engine.readyConnections === 2 && accepted.length === 3, {
      timeoutMs: 5_000,
      message: 'the pool to fill',
    });
    const second = await engine.connect();
    expect(accepted).toHaveLength(3); // taken from the pool: no new connection at the engine yet
    expect(await ping(second)).toBe('pong');
  });

  it('forgets ready connections the guest closed, and the next connection still works', async () => {
    const engine = engineRelay(2);
    (await engine.connect()).destroy();
    await waitFor(async () => engine.readyConnections === 2 && accepted.length === 3, {
      timeoutMs: 5_000,
      message: 'the pool to fill',
    });
    expect(engine.readyConnections).toBe(2);
    for (const socket of accepted) socket.destroy(); // as when the engine restarts
    await waitFor(async () => engine.readyConnections === 0, { timeoutMs: 5_000, message: 'the pool to empty' });
    onAccepted = (socket) => socket.on('data', () => socket.write('pong'));
    const socket = await engine.connect();
    // A new one, not a dead one from the pool (the engine's accept may be seen just after the relay's answer).
    await waitFor(async () => accepted.length === 4, { timeoutMs: 5_000, message: 'a new engine connection' });
    const answer = new Promise<string>((resolve) => socket.once('data', (chunk: Buffer) => resolve(chunk.toString())));
    socket.resume();
    socket.write('ping');
    expect(await answer).toBe('pong');
  });

  it('says when nothing listens, and refuses a secret of the wrong length', async () => {
    const target = engineRelay(0, relay.secret, 1);
    await expect(target.connect()).rejects.toThrow(/Could not reach the engine in the machine: connect ECONNREFUSED/);
    expect(() => new EngineRelay({ host: '127.0.0.1', port: 1, secret: Buffer.alloc(16) })).toThrow(
      'The relay secret must be 32 bytes, got 16',
    );
  });

  it('refuses to connect once closed', async () => {
    const engine = engineRelay(2);
    engine.close();
    await expect(engine.connect()).rejects.toThrow('The engine relay is closed');
  });
});
