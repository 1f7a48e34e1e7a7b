// The reconnecting SSH session against a real sshd behind a proxy that cuts every connection and refuses new ones for
// a while (as a guest whose sshd is restarted): channels opened meanwhile wait for the next login; a login that does
// not come back in time is reported once; close() during a reconnect reports nothing.
import { connect, createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReconnectingSession } from '../../src-main/tunnel/reconnecting-session';
import { loginWithRetries } from '../../src-main/tunnel/ssh-login';
import type { ClientChannel, SshSession } from '../../src-main/tunnel/ssh-session';
import { startSshd, type TestSshd } from '../support/sshd';
import { delay } from '../support/wait';

/** A TCP proxy on a fixed port to sshd; `cut()` drops every connection and closes the port until `restore()`. */
interface SshdProxy {
  port: number;
  cut(): Promise<void>;
  restore(): Promise<void>;
  close(): Promise<void>;
}

async function sshdProxy(sshdPort: number): Promise<SshdProxy> {
  const sockets = new Set<Socket>();
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
  };
  const listen = async (port: number): Promise<Server> => {
    const server = createServer((client) => {
      const upstream = connect(sshdPort, '127.0.0.1');
      track(client);
      track(upstream);
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    return server;
  };
  let server: Server | undefined = await listen(0);
  const port = (server.address() as AddressInfo).port;
  const cut = async () => {
    const closing = server;
    server = undefined;
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => (closing ? closing.close(() => resolve()) : resolve()));
  };
  return {
    port,
    cut,
    restore: async () => {
      server ??= await listen(port);
    },
    close: cut,
  };
}

let sshd: TestSshd;
let proxy: SshdProxy;
/** A TCP echo server on this host, reached through the session's forwarded channels. */
let echo: Server;

/** Logs in through the proxy, an attempt every 50 ms until `deadline`, as the machine's login does. */
function login(deadline: number, signal: AbortSignal): Promise<SshSession> {
  const target = {
    host: '127.0.0.1',
    port: proxy.port,
    username: sshd.username,
    privateKey: sshd.privateKey,
    hostKey: sshd.hostPublicKey,
  };
  return loginWithRetries(target, { deadline, signal, retryMs: 50, attemptMs: 5_000, server: 'The test sshd' });
}

async function session(reconnectWithinMs: number): Promise<ReconnectingSession> {
  return new ReconnectingSession(await login(Date.now() + 10_000, new AbortController().signal), {
    connect: login,
    reconnectWithinMs,
  });
}

/** Sends `text` down a fresh channel to the echo server and reads it back. */
async function echoed(opened: Promise<ClientChannel>, text: string): Promise<string> {
  const channel = await opened;
  return new Promise((resolve, reject) => {
    let answer = '';
    channel.on('data', (chunk: Buffer) => {
      answer += chunk.toString('utf8');
      if (answer.length >= text.length) {
        channel.close();
        resolve(answer);
      }
    });
    channel.on('error', reject);
    channel.write(text);
  });
}

beforeAll(async () => {
  sshd = await startSshd();
  proxy = await sshdProxy(sshd.port);
  echo = createServer((socket) => socket.pipe(socket));
  await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve));
});

afterAll(async () => {
  await proxy?.close();
  await new Promise((resolve) => echo?.close(resolve));
  await sshd?.stop();
});

const echoPort = () => (echo.address() as AddressInfo).port;

describe('ReconnectingSession', () => {
  it('logs in again after the connection is cut, and a channel opened during the gap is served after it', async () => {
    const ssh = await session(10_000);
    try {
      expect(await echoed(ssh.openTcp(echoPort()), 'before')).toBe('before');
      const events: string[] = [];
      ssh.on('reconnecting', (reason) => events.push(`reconnecting: ${reason}`));
      const back = new Promise<number>((resolve) => ssh.once('reconnected', resolve));
      await proxy.cut();
      await delay(300);
      // Opened while nothing answers: waits for the next login instead of failing.
      const during = echoed(ssh.openTcp(echoPort()), 'during the gap');
      await delay(700);
      await proxy.restore();
      expect(await during).toBe('during the gap');
      const downMs = await back;
      expect(downMs).toBeGreaterThanOrEqual(1000);
      expect(downMs).toBeLessThan(5000);
      // One drop (the proxy resets the connection), one login after it.
      expect(events).toEqual([expect.stringMatching(/^reconnecting: (read|write) ECONNRESET$/)]);
      expect((await ssh.exec('echo after')).stdout).toBe('after\n');
    } finally {
      await ssh.close();
    }
  });

  it('reports the loss once when no login comes back in time, and refuses channels after', async () => {
    const ssh = await session(1_000);
    const lost: string[] = [];
    ssh.on('lost', (reason) => lost.push(reason));
    try {
      await proxy.cut();
      const waiting = ssh.openTcp(echoPort()).then(
        () => 'opened',
        (error: Error) => error.message,
      );
      expect(await waiting).toMatch(/^The test sshd did not accept an SSH login in time \(.*ECONNREFUSED/);
      expect(lost).toHaveLength(1);
      expect(lost[0]).toMatch(
        /^The SSH connection to the VM was lost \((read|write) ECONNRESET\) and did not come back within 1 s: The test sshd did not accept an SSH login in time \(.*ECONNREFUSED/,
      );
      await proxy.restore();
      await delay(300);
      expect(lost).toHaveLength(1);
    } finally {
      await proxy.restore();
      await ssh.close();
    }
  });

  it('stops logging in, and reports nothing, when closed during a reconnect', async () => {
    const ssh = await session(10_000);
    const seen: string[] = [];
    ssh.on('lost', () => seen.push('lost'));
    ssh.on('reconnected', () => seen.push('reconnected'));
    try {
      const reconnecting = new Promise((resolve) => ssh.once('reconnecting', resolve));
      await proxy.cut();
      await reconnecting;
      await ssh.close();
      await proxy.restore();
      await delay(500);
      expect(seen).toEqual([]);
    } finally {
      await proxy.restore();
    }
  });
});
