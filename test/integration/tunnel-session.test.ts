// The SSH session against a real OpenSSH sshd: pinned host key, commands, forwards, a terminal, and noticing a dead connection.
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { connect, createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  HostKeyMismatchError,
  SshSession,
  type ClientChannel,
  type SshCloseInfo,
} from '../../src-main/tunnel/ssh-session';
import { testEngine } from '../support/engine';
import { connectSession, startSshd, type TestSshd } from '../support/sshd';
import { makeOwnedTempDir } from '../support/temp-dirs';
import { waitFor } from '../support/wait';

let sshd: TestSshd;
let session: SshSession;

/** A TCP proxy to 127.0.0.1:`port` that can hold every byte back (like a paused VM) and let it through later. */
async function freezableProxy(port: number): Promise<{ port: number; freeze(on: boolean): void; close(): void }> {
  const pipes = new Set<Socket>();
  let frozen = false;
  const server: Server = createServer((client) => {
    const upstream = connect(port, '127.0.0.1');
    for (const socket of [client, upstream]) {
      pipes.add(socket);
      socket.on('error', () => undefined);
      if (frozen) socket.pause();
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    freeze(on) {
      frozen = on;
      for (const socket of pipes) {
        if (on) socket.pause();
        else socket.resume();
      }
    },
    close() {
      for (const socket of pipes) socket.destroy();
      server.close();
    },
  };
}

/** Everything `channel` sends until it ends. */
function readAll(channel: ClientChannel): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    channel.on('data', (chunk: Buffer) => chunks.push(chunk));
    channel.on('error', reject);
    channel.on('close', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
}

/** `ssh-keygen -l` of a public key line: the fingerprint as OpenSSH prints it. */
function fingerprint(publicKeyLine: string): string {
  const dir = makeOwnedTempDir('berth-key-');
  try {
    const file = join(dir, 'key.pub');
    execFileSync('sh', ['-c', 'cat > "$1"', 'sh', file], { input: publicKeyLine });
    return execFileSync('ssh-keygen', ['-l', '-E', 'sha256', '-f', file], { encoding: 'utf8' }).split(' ')[1] ?? '';
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

beforeAll(async () => {
  sshd = await startSshd();
  session = await connectSession(sshd);
});

afterAll(async () => {
  await session?.close();
  await sshd?.stop();
});

describe('SSH session', () => {
  it('runs a command and returns its exit status and both outputs', async () => {
    const result = await session.exec('echo out; echo err >&2; exit 3');
    expect(result).toEqual({ code: 3, stdout: 'out\n', stderr: 'err\n', truncated: false });
  });

  it('keeps at most maxOutputBytes of a long output and says it cut it', async () => {
    const result = await session.exec('head -c 300000 /dev/zero | tr "\\0" x', { maxOutputBytes: 1000 });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('x'.repeat(1000));
    expect(result.truncated).toBe(true);
  });

  it('forwards to a unix socket in the guest (the engine socket)', async () => {
    const socketPath = testEngine().dockerHost.replace(/^unix:\/\//, '');
    const channel = await session.openStreamLocal(socketPath);
    const reply = readAll(channel);
    channel.end('GET /_ping HTTP/1.0\r\nHost: docker\r\n\r\n');
    expect(await reply).toMatch(/^HTTP\/1\.0 200 OK[\s\S]*\r\n\r\nOK$/);
  });

  it('forwards to a TCP port on the guest loopback, both ways, with half-close', async () => {
    const server: Server = createServer({ allowHalfOpen: true }, (socket) => {
      const chunks: Buffer[] = [];
      socket.on('data', (chunk: Buffer) => chunks.push(chunk));
      socket.on('end', () => socket.end(`got ${Buffer.concat(chunks).toString()}`));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const channel = await session.openTcp((server.address() as AddressInfo).port);
      const reply = readAll(channel);
      channel.end('hello');
      expect(await reply).toBe('got hello');
    } finally {
      server.close();
    }
  });

  it('refuses a channel to a socket that does not exist, with the path in the error', async () => {
    await expect(session.openStreamLocal('/nonexistent/docker.sock')).rejects.toThrow(/\/nonexistent\/docker\.sock/);
  });

  it('opens a terminal with the size asked for, and passes a resize on', async () => {
    const shell = await session.shell({ rows: 30, cols: 100, command: 'stty size; read line; stty size' });
    let output = '';
    shell.stream.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await waitFor(async () => output.includes('30 100'), { timeoutMs: 10_000, message: 'first stty size' });
    shell.resize(40, 120);
    shell.stream.write('go\n');
    await waitFor(async () => output.includes('40 120'), { timeoutMs: 10_000, message: 'stty size after resize' });
    expect(await shell.exited).toBe(0);
  });
});

describe('host key pinning', () => {
  it('refuses a server whose host key is not the pinned one, naming both fingerprints', async () => {
    const dir = makeOwnedTempDir('berth-key-');
    try {
      execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(dir, 'other')]);
      const other = readFileSync(join(dir, 'other.pub'), 'utf8').trim();
      const error = await connectSession(sshd, other).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(HostKeyMismatchError);
      const mismatch = error as HostKeyMismatchError;
      expect(mismatch.expected).toBe(fingerprint(other));
      expect(mismatch.seen).toBe(fingerprint(sshd.hostPublicKey));
      expect(mismatch.message).toContain(fingerprint(other));
      expect(mismatch.message).toContain(fingerprint(sshd.hostPublicKey));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('rejects a pinned key that is not a public key line', async () => {
    await expect(connectSession(sshd, 'not a key')).rejects.toThrow(/OpenSSH public key line/);
  });
});

describe('connection end', () => {
  it('reports close with an error when sshd dies, and fails new channels', async () => {
    const doomed = await startSshd();
    try {
      const lost = await connectSession(doomed);
      const closed = new Promise<Error | undefined>((resolve) => lost.once('close', (info) => resolve(info.error)));
      await doomed.kill();
      const error = await closed;
      expect(error).toBeInstanceOf(Error);
      expect(lost.closed).toBe(true);
      await expect(lost.openTcp(80)).rejects.toThrow(/SSH connection is closed/);
    } finally {
      await doomed.stop();
    }
  });

  it('drops a connection whose peer stopped answering, unless the keepalive is suspended', async () => {
    const proxy = await freezableProxy(sshd.port);
    try {
      const connect = () =>
        SshSession.connect({
          host: '127.0.0.1',
          port: proxy.port,
          username: sshd.username,
          privateKey: sshd.privateKey,
          hostKey: sshd.hostPublicKey,
          keepaliveIntervalMs: 200,
        });
      // Suspended (as while Berth has paused the VM): a long silence is survived, and the session works after.
      const patient = await connect();
      patient.suspendKeepalive();
      proxy.freeze(true);
      await new Promise((resolve) => setTimeout(resolve, 1500));
      proxy.freeze(false);
      patient.resumeKeepalive();
      expect(patient.closed).toBe(false);
      expect((await patient.exec('echo still here')).stdout).toBe('still here\n');
      await patient.close();
      // Not suspended: three probes unanswered, then the connection is dropped with a reason.
      const watched = await connect();
      const closed = new Promise<SshCloseInfo>((resolve) => watched.once('close', resolve));
      proxy.freeze(true);
      const info = await closed;
      expect(info.error?.message).toBe('The machine stopped answering over SSH (nothing for 0.6 s)');
    } finally {
      proxy.close();
    }
  });

  it('reports close without an error when the owner closes it', async () => {
    const own = await connectSession(sshd);
    const closed = new Promise<Error | undefined>((resolve) => own.once('close', (info) => resolve(info.error)));
    await own.close();
    expect(await closed).toBeUndefined();
  });
});
