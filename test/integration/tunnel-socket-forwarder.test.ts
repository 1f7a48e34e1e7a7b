// The engine socket forwarder to a real dockerd through the engine relay (Berth's VM) and over a real sshd (streamlocal):
// dockerode and the docker CLI through it, stdin half-close, file mode, failures.
import { createHash, randomBytes } from 'node:crypto';
import { lstatSync, mkdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { request } from 'node:http';
import type { Duplex } from 'node:stream';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Dockerode from 'dockerode';
import { EngineRelay } from '../../src-main/tunnel/engine-relay';
import { SocketForwarder } from '../../src-main/tunnel/socket-forwarder';
import type { SshSession } from '../../src-main/tunnel/ssh-session';
import { runCommand } from '../support/command';
import { startRelay, type TestRelay } from '../support/engine-relay';
import { cleanupTestObjects, testEngine, testLabels, uniqueName } from '../support/engine';
import { httpGet } from '../support/http';
import { connectSession, startSshd, type TestSshd } from '../support/sshd';
import { makeOwnedTempDir } from '../support/temp-dirs';
import { waitFor } from '../support/wait';
import { testDockerCli } from '../support/engine-root';

const { docker, dockerHost, image } = testEngine();
const labels = testLabels();
/** The private dockerd's socket plays the guest's /var/run/docker.sock (the relay and sshd run on this host). */
const guestSocketPath = dockerHost.replace(/^unix:\/\//, '');

/** How host connections reach a socket "in the guest". */
interface DataPath {
  /** A connect function for SocketForwarder that reaches `socketPath`. */
  to(socketPath: string): Promise<() => Promise<Duplex>>;
  /** What a connection error says when `socketPath` does not exist. */
  unreachable: RegExp;
  stop(): Promise<void>;
}

/** The engine relay, as in Berth's VM: one relay process per target socket. */
function relayPath(): DataPath {
  const relays: TestRelay[] = [];
  const engines: EngineRelay[] = [];
  return {
    async to(socketPath) {
      const relay = await startRelay({ targetSocket: socketPath });
      relays.push(relay);
      const engine = new EngineRelay(relay);
      engines.push(engine);
      return () => engine.connect();
    },
    unreachable: /Could not reach the engine in the machine: the relay closed the connection/,
    async stop() {
      for (const engine of engines) engine.close();
      for (const relay of relays) await relay.stop();
    },
  };
}

/** OpenSSH direct-streamlocal channels on one SSH session. */
function sshPath(): DataPath {
  let sshd: TestSshd | undefined;
  let session: SshSession | undefined;
  return {
    async to(socketPath) {
      if (!session) {
        sshd = await startSshd();
        session = await connectSession(sshd);
      }
      const opener = session;
      return () => opener.openStreamLocal(socketPath);
    },
    unreachable: /Cannot reach the guest socket \/nonexistent\.sock/,
    async stop() {
      await session?.close();
      await sshd?.stop();
    },
  };
}

function sha256(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

describe.each([
  { name: 'through the engine relay', makePath: relayPath },
  { name: 'over SSH (streamlocal)', makePath: sshPath },
])('engine socket forwarder $name', ({ makePath }) => {
  const path = makePath();
  let forwarder: SocketForwarder;
  let connectEngine: () => Promise<Duplex>;
  const dir = makeOwnedTempDir('berth-sockfwd-');
  const configDir = join(dir, 'docker-config');

  /** The docker CLI against the forwarded socket, with a config folder of the test's own. */
  async function dockerCli(args: string[], input?: Buffer | string) {
    return runCommand(await testDockerCli(), args, {
      input,
      env: { ...process.env, DOCKER_HOST: `unix://${forwarder.socketPath}`, DOCKER_CONFIG: configDir },
      timeoutMs: 60_000,
    });
  }

  beforeAll(async () => {
    if (!dockerHost.startsWith('unix://'))
      throw new Error(`tunnel tests need a unix:// engine socket, got ${dockerHost}`);
    mkdirSync(configDir);
    connectEngine = await path.to(guestSocketPath);
    forwarder = new SocketForwarder({ connect: connectEngine, socketPath: join(dir, 'run', 'docker.sock') });
    await forwarder.start();
  });

  afterAll(async () => {
    await forwarder?.stop();
    await path.stop();
    await cleanupTestObjects(docker);
    rmSync(dir, { recursive: true, force: true });
  });

  describe('serving the engine', () => {
    it('creates the socket with mode 0600 in a 0700 folder', () => {
      const info = lstatSync(forwarder.socketPath);
      expect(info.isSocket()).toBe(true);
      expect(info.mode & 0o777).toBe(0o600);
      expect(statSync(join(dir, 'run')).mode & 0o777).toBe(0o700);
    });

    it('serves the Engine API to dockerode', async () => {
      const through = new Dockerode({ socketPath: forwarder.socketPath });
      expect(await through.ping()).toEqual(Buffer.from('OK'));
      const [direct, forwarded] = await Promise.all([docker.version(), through.version()]);
      expect(forwarded.Version).toBe(direct.Version);
      const name = uniqueName('sockfwd');
      const created = await through.createContainer({ name, Image: image, Cmd: ['true'], Labels: labels });
      expect((await docker.getContainer(created.id).inspect()).Name).toBe(`/${name}`);
    });

    it('serves the docker CLI: docker version', async () => {
      const result = await dockerCli(['version', '--format', '{{.Server.Version}}']);
      expect(result.stderr).toBe('');
      expect(result.stdout.toString().trim()).toBe((await docker.version()).Version);
    });

    it('passes stdin through and its end on: docker run -i … cat returns exactly the input', async () => {
      const input = randomBytes(1024 * 1024);
      const result = await dockerCli(
        ['run', '--rm', '-i', '--label', `${Object.keys(labels)[0]}=${Object.values(labels)[0]}`, image, 'cat'],
        input,
      );
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      expect(result.stdout.length).toBe(input.length);
      expect(sha256(result.stdout)).toBe(sha256(input));
    });

    it('passes stdin through docker exec -i', async () => {
      const container = await docker.createContainer({
        name: uniqueName('sockfwd-exec'),
        Image: image,
        Cmd: ['sleep', '300'],
        Labels: labels,
      });
      await container.start();
      const input = 'line one\nline two\n';
      const result = await dockerCli(['exec', '-i', container.id, 'sh', '-c', 'cat; echo done'], input);
      expect(result.stderr).toBe('');
      expect(result.stdout.toString()).toBe(`${input}done\n`);
    });

    it('keeps serving many connections in a row and counts them', async () => {
      const before = forwarder.stats.accepted;
      for (let i = 0; i < 20; i++) {
        const res = await httpGet({ socketPath: forwarder.socketPath, path: '/_ping' });
        expect(res.body).toBe('OK');
      }
      expect(forwarder.stats.accepted - before).toBe(20);
      expect(forwarder.stats.errors).toBe(0);
    });
  });

  describe('failures and files', () => {
    it('reports a guest socket it cannot reach, closes that connection, and keeps serving', async () => {
      const broken = new SocketForwarder({
        connect: await path.to('/nonexistent.sock'),
        socketPath: join(dir, 'broken', 'docker.sock'),
      });
      await broken.start();
      try {
        const reported = new Promise<Error>((resolve) => broken.once('connection-error', resolve));
        await expect(httpGet({ socketPath: broken.socketPath, path: '/_ping' })).rejects.toThrow();
        expect((await reported).message).toMatch(path.unreachable);
        expect(broken.stats).toMatchObject({ errors: 1, active: 0 });
        await expect(httpGet({ socketPath: broken.socketPath, path: '/_ping' })).rejects.toThrow();
        expect(broken.stats.errors).toBe(2);
      } finally {
        await broken.stop();
      }
    });

    it('replaces a stale socket file, and removes the socket on stop', async () => {
      const folder = join(dir, 'stale');
      mkdirSync(folder, { mode: 0o700 });
      const path = join(folder, 'docker.sock');
      const stale = createServer();
      await new Promise<void>((resolve) => stale.listen(path, resolve));
      // Closing a listener unlinks its file; a process that crashed leaves it behind: move it away meanwhile.
      const leftover = join(folder, 'leftover.sock');
      renameSync(path, leftover);
      await new Promise<void>((resolve) => stale.close(() => resolve()));
      renameSync(leftover, path);
      expect(lstatSync(path).isSocket()).toBe(true);

      const second = new SocketForwarder({ connect: connectEngine, socketPath: join(folder, 'docker.sock') });
      await second.start();
      expect((await httpGet({ socketPath: second.socketPath, path: '/_ping' })).body).toBe('OK');
      await second.stop();
      expect(() => lstatSync(path)).toThrow(/ENOENT/);
    });

    it('refuses to take over a socket something still serves, or a file that is not a socket', async () => {
      const live = new SocketForwarder({ connect: connectEngine, socketPath: join(dir, 'live', 'docker.sock') });
      await live.start();
      try {
        const rival = new SocketForwarder({ connect: connectEngine, socketPath: join(dir, 'live', 'docker.sock') });
        await expect(rival.start()).rejects.toThrow(/in use by another process/);
        expect((await httpGet({ socketPath: live.socketPath, path: '/_ping' })).body).toBe('OK');
      } finally {
        await live.stop();
      }
      const folder = join(dir, 'file');
      mkdirSync(folder);
      writeFileSync(join(folder, 'docker.sock'), 'not a socket');
      const onFile = new SocketForwarder({ connect: connectEngine, socketPath: join(folder, 'docker.sock') });
      await expect(onFile.start()).rejects.toThrow(/exists and is not a socket/);
      expect(statSync(join(folder, 'docker.sock')).isFile()).toBe(true);
    });

    it('frees a connection whose client stopped reading and went away while the guest was still sending', async () => {
      const flood = createServer((socket) => {
        socket.on('error', () => undefined);
        socket.end(Buffer.alloc(32 * 1024 * 1024));
      });
      const floodPath = join(dir, 'flood.sock');
      await new Promise<void>((resolve) => flood.listen(floodPath, resolve));
      const own = new SocketForwarder({
        connect: await path.to(floodPath),
        socketPath: join(dir, 'flooded', 'docker.sock'),
      });
      await own.start();
      try {
        const client = createConnection(own.socketPath);
        await new Promise<void>((resolve) => client.once('data', () => resolve()));
        client.pause(); // everything backs up: the host socket, then the channel
        await waitFor(async () => own.stats.active === 1, { timeoutMs: 5_000, message: 'connection forwarded' });
        client.destroy();
        await waitFor(async () => own.stats.active === 0, { timeoutMs: 10_000, message: 'connection freed' });
      } finally {
        await own.stop();
        flood.close();
      }
    });

    it('says each time the number of forwarded connections changes', async () => {
      const own = new SocketForwarder({ connect: connectEngine, socketPath: join(dir, 'counted', 'docker.sock') });
      await own.start();
      const counts: number[] = [];
      own.on('active', (count) => counts.push(count));
      try {
        // One call on a connection of its own, closed after the answer (as the docker CLI does).
        await new Promise<void>((resolve, reject) =>
          request({ socketPath: own.socketPath, path: '/_ping', agent: false }, (res) =>
            res.resume().on('end', resolve),
          )
            .on('error', reject)
            .end(),
        );
        await waitFor(async () => counts.at(-1) === 0, { timeoutMs: 5_000, message: 'the connection to close' });
        expect(counts).toEqual([1, 0]);
      } finally {
        await own.stop();
      }
    });

    it('closes forwarded connections when stopped', async () => {
      const own = new SocketForwarder({ connect: connectEngine, socketPath: join(dir, 'own', 'docker.sock') });
      await own.start();
      const through = new Dockerode({ socketPath: own.socketPath });
      const events = (await through.getEvents({})) as NodeJS.ReadableStream;
      const ended = new Promise<void>((resolve) => {
        events.on('end', () => resolve());
        events.on('close', () => resolve());
        events.on('error', () => resolve());
      });
      expect(own.stats.active).toBe(1);
      await own.stop();
      await ended;
      expect(own.stats.active).toBe(0);
    });
  });
});
