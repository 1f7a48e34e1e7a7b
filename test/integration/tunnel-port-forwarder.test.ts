// Published-port forwarding over a real sshd, driven by a real dockerd's events: listeners follow containers; taken ports are reported.
//
// The private dockerd runs on this host, so its docker-proxy already holds 127.0.0.1:<port> for every
// port a container publishes. Containers here publish on 127.0.0.1 "in the guest" (docker-proxy binds
// 127.0.0.1:P), and the forwarder's host side uses another loopback address, 127.0.0.2 (its
// `loopbackAddress` option, which only tests set). Channels still go through sshd to 127.0.0.1:P as
// in the VM.
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { rmSync } from 'node:fs';
import Dockerode from 'dockerode';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PortForwarder, type PortForwarderState } from '../../src-main/tunnel/port-forwarder';
import { SocketForwarder } from '../../src-main/tunnel/socket-forwarder';
import type { SshSession } from '../../src-main/tunnel/ssh-session';
import { cleanupTestObjects, testEngine, testLabels, uniqueName, waitFor } from '../support/engine';
import { httpGet } from '../support/http';
import { freePort } from '../support/ports';
import { connectSession, startSshd, type TestSshd } from '../support/sshd';
import { makeOwnedTempDir } from '../support/temp-dirs';

const HOST = '127.0.0.2';
const { docker, dockerHost, image } = testEngine();
const labels = testLabels();
const dir = makeOwnedTempDir('berth-portfwd-');

let sshd: TestSshd;
let session: SshSession;
let socketForwarder: SocketForwarder;
/** The guest engine as Berth sees it: dockerode through the forwarded socket. */
let guest: Dockerode;
const forwarders: PortForwarder[] = [];

async function newForwarder(options: { exposeOnAllInterfaces?: boolean } = {}): Promise<PortForwarder> {
  const forwarder = new PortForwarder({ session, docker: guest, loopbackAddress: HOST, ...options });
  forwarders.push(forwarder);
  await forwarder.start();
  return forwarder;
}

/** A TCP port free on both 127.0.0.1 (for docker-proxy) and 127.0.0.2 (for the forwarder). */
async function freeBothPort(): Promise<number> {
  for (;;) {
    const port = await freePort();
    const free = await new Promise<boolean>((resolve) => {
      const probe = createServer();
      probe.once('error', () => resolve(false));
      probe.listen(port, HOST, () => probe.close(() => resolve(true)));
    });
    if (free) return port;
  }
}

interface Published {
  containerPort: number;
  hostPort: number;
  protocol?: 'tcp' | 'udp';
}

/** Starts busybox httpd serving /etc on each published TCP container port, published on the guest's 127.0.0.1. */
async function runHttpd(ports: Published[], name = uniqueName('portfwd')): Promise<Dockerode.Container> {
  const tcp = ports.filter((p) => (p.protocol ?? 'tcp') === 'tcp').map((p) => p.containerPort);
  const script = [...tcp.slice(1).map((p) => `httpd -p ${p} -h /etc`), `exec httpd -f -p ${tcp[0] ?? 80} -h /etc`];
  const key = (p: Published) => `${p.containerPort}/${p.protocol ?? 'tcp'}`;
  const container = await docker.createContainer({
    name,
    Image: image,
    Cmd: ['sh', '-c', script.join(' && ')],
    Labels: labels,
    ExposedPorts: Object.fromEntries(ports.map((p) => [key(p), {}])),
    HostConfig: {
      PortBindings: Object.fromEntries(
        ports.map((p) => [key(p), [{ HostIp: '127.0.0.1', HostPort: String(p.hostPort) }]]),
      ),
    },
  });
  await container.start();
  return container;
}

async function nameOf(container: Dockerode.Container): Promise<string> {
  return (await container.inspect()).Name.replace(/^\//, '');
}

function forwarded(state: PortForwarderState, port: number) {
  return state.forwarded.find((f) => f.port === port);
}

/** GET /passwd through the host side of the forward. */
async function fetchPasswd(port: number): Promise<string> {
  const res = await httpGet({ host: HOST, port, path: '/passwd', timeoutMs: 5_000 });
  expect(res.status).toBe(200);
  return res.body;
}

function refused(port: number): Promise<boolean> {
  return httpGet({ host: HOST, port, path: '/passwd', timeoutMs: 5_000 }).then(
    () => false,
    (error: NodeJS.ErrnoException) => error.code === 'ECONNREFUSED',
  );
}

beforeAll(async () => {
  if (!dockerHost.startsWith('unix://'))
    throw new Error(`tunnel tests need a unix:// engine socket, got ${dockerHost}`);
  sshd = await startSshd();
  session = await connectSession(sshd);
  const guestSocketPath = dockerHost.replace(/^unix:\/\//, '');
  const opener = session;
  socketForwarder = new SocketForwarder({
    connect: () => opener.openStreamLocal(guestSocketPath),
    socketPath: join(dir, 'run', 'docker.sock'),
  });
  await socketForwarder.start();
  guest = new Dockerode({ socketPath: socketForwarder.socketPath });
});

// One forwarder per machine: each test's forwarder and containers go before the next test starts its own.
afterEach(async () => {
  for (const forwarder of forwarders.splice(0)) await forwarder.stop();
  await cleanupTestObjects(docker);
});

afterAll(async () => {
  await socketForwarder?.stop();
  await session?.close();
  await sshd?.stop();
  await cleanupTestObjects(docker);
  rmSync(dir, { recursive: true, force: true });
});

describe('published port forwarding', () => {
  it('forwards a port of a container that ran before it started (start-up scan)', async () => {
    const port = await freeBothPort();
    const container = await runHttpd([{ containerPort: 80, hostPort: port }]);
    const forwarder = await newForwarder();
    expect(forwarded(forwarder.state, port)).toEqual({
      key: `${HOST}:${port}`,
      protocol: 'tcp',
      hostAddress: HOST,
      port,
      guestAddress: '127.0.0.1',
      containerId: container.id,
      containerName: await nameOf(container),
    });
    expect(await fetchPasswd(port)).toContain('root:x:0:0');
    await forwarder.stop();
    expect(await refused(port)).toBe(true);
  });

  it('opens a listener when a container starts, removes it when it stops, and reopens it when it starts again', async () => {
    const forwarder = await newForwarder();
    const port = await freeBothPort();
    const container = await runHttpd([{ containerPort: 80, hostPort: port }]);
    await waitFor(async () => forwarded(forwarder.state, port), { timeoutMs: 10_000, message: 'listener after start' });
    expect(await fetchPasswd(port)).toContain('root:x:0:0');

    await container.stop({ t: 0 });
    await waitFor(async () => !forwarded(forwarder.state, port), { timeoutMs: 10_000, message: 'listener gone' });
    expect(await refused(port)).toBe(true);

    await container.start();
    await waitFor(async () => forwarded(forwarder.state, port), { timeoutMs: 10_000, message: 'listener back' });
    expect(await fetchPasswd(port)).toContain('root:x:0:0');

    await container.restart({ t: 0 });
    await forwarder.settled();
    await waitFor(async () => forwarded(forwarder.state, port), {
      timeoutMs: 10_000,
      message: 'listener after restart',
    });
    expect(forwarder.state.forwarded.filter((f) => f.port === port)).toHaveLength(1);
    expect(await fetchPasswd(port)).toContain('root:x:0:0');

    await container.remove({ force: true });
    await waitFor(async () => !forwarded(forwarder.state, port), {
      timeoutMs: 10_000,
      message: 'listener gone after rm',
    });
  });

  it('forwards every port of a container with several, and two containers side by side', async () => {
    const forwarder = await newForwarder();
    const [a, b, c] = [await freeBothPort(), await freeBothPort(), await freeBothPort()];
    await runHttpd([
      { containerPort: 80, hostPort: a },
      { containerPort: 81, hostPort: b },
    ]);
    await runHttpd([{ containerPort: 80, hostPort: c }]);
    await waitFor(async () => [a, b, c].every((p) => forwarded(forwarder.state, p)), {
      timeoutMs: 10_000,
      message: 'three listeners',
    });
    for (const port of [a, b, c]) expect(await fetchPasswd(port)).toContain('root:x:0:0');
    expect(forwarder.state.conflicts).toEqual([]);
  });

  it('reports a host port that is taken, naming port and container, and retries when the container starts again', async () => {
    const forwarder = await newForwarder();
    const port = await freeBothPort();
    const holder: Server = createServer();
    await new Promise<void>((resolve) => holder.listen(port, HOST, resolve));
    const reported = new Promise((resolve) => forwarder.on('conflict', (c) => c.port === port && resolve(c)));

    const container = await runHttpd([{ containerPort: 80, hostPort: port }]);
    const name = await nameOf(container);
    const conflict = await reported;
    expect(conflict).toEqual({
      port,
      hostAddress: HOST,
      containerId: container.id,
      containerName: name,
      code: 'EADDRINUSE',
      message: `Port ${port} is already in use on this computer (by another program), so container "${name}" cannot be reached on localhost:${port}`,
    });
    expect(forwarder.state.conflicts).toEqual([conflict]);
    expect(forwarded(forwarder.state, port)).toBeUndefined();

    await new Promise<void>((resolve) => holder.close(() => resolve()));
    await container.stop({ t: 0 });
    await container.start();
    await waitFor(async () => forwarded(forwarder.state, port), { timeoutMs: 10_000, message: 'listener after retry' });
    expect(forwarder.state.conflicts).toEqual([]);
    expect(await fetchPasswd(port)).toContain('root:x:0:0');
  });

  it('rescans when the engine comes back, catching up on containers started while it was away', async () => {
    const forwarder = await newForwarder();
    const port = await freeBothPort();
    await socketForwarder.stop(); // the engine's event stream breaks, as when the machine's sshd restarts
    await waitFor(async () => forwarder.state.engine === 'reconnecting', { timeoutMs: 10_000, message: 'noticed' });
    expect(forwarder.state.engineError).toMatch(/event stream broke/);
    const container = await runHttpd([{ containerPort: 80, hostPort: port }]);
    await socketForwarder.start();
    await waitFor(async () => forwarded(forwarder.state, port), {
      timeoutMs: 20_000,
      message: 'listener after rescan',
    });
    expect(forwarder.state.engine).toBe('following');
    expect(forwarded(forwarder.state, port)?.containerId).toBe(container.id);
    expect(await fetchPasswd(port)).toContain('root:x:0:0');
  });

  it('skips UDP ports and says so', async () => {
    const forwarder = await newForwarder();
    const [tcp, udp] = [await freeBothPort(), await freeBothPort()];
    const container = await runHttpd([
      { containerPort: 80, hostPort: tcp },
      { containerPort: 53, hostPort: udp, protocol: 'udp' },
    ]);
    await waitFor(async () => forwarded(forwarder.state, tcp), { timeoutMs: 10_000, message: 'tcp listener' });
    expect(forwarder.state.skipped).toEqual([
      {
        port: udp,
        protocol: 'udp',
        containerId: container.id,
        containerName: await nameOf(container),
        reason: 'UDP ports are not forwarded to this computer yet (only TCP is)',
      },
    ]);
    expect(forwarded(forwarder.state, udp)).toBeUndefined();
  });

  it('keeps a port the container published on the guest loopback on the host loopback, even when exposing', async () => {
    const forwarder = await newForwarder({ exposeOnAllInterfaces: true });
    const port = await freeBothPort();
    await runHttpd([{ containerPort: 80, hostPort: port }]);
    await waitFor(async () => forwarded(forwarder.state, port), { timeoutMs: 10_000, message: 'listener' });
    expect(forwarded(forwarder.state, port)?.hostAddress).toBe(HOST);
    expect(await fetchPasswd(port)).toContain('root:x:0:0');
  });
});
