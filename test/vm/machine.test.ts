// Boots Berth's VM under QEMU and uses it as a user would: the docker CLI through the forwarded socket, published
// ports on the host's 127.0.0.1, host.docker.internal, volumes across restarts, a crash and a graceful stop.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { Resolver } from 'node:dns/promises';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MachineStatus } from '../../src-main/contract/dto/machine';
import { GUEST_RELAY_PORT } from '../../src-main/machine/qemu-args';
import { httpGet } from '../support/http';
import { freePort } from '../support/ports';
import { waitFor } from '../support/wait';
import { makeOwnedTempDir } from '../support/temp-dirs';
import { checkFilesCrossBothWays, ownerOfFileWrittenAsUid1000 } from './support/home-share-checks';
import { useTestVm } from './support/vm-machine';

/** Stands in for the user's home: shared into the guest at the same path (virtiofs, as Berth runs as root here). */
const sharedHome = makeOwnedTempDir('berth-home-');
const vm = useTestVm({ sharedHome });
const HELPER = 'berth/helper:1';
let hostServer: Server;

beforeAll(async () => {
  hostServer = createServer((_req, res) => res.end('hello from the host\n'));
  await new Promise<void>((done) => hostServer.listen(0, '127.0.0.1', done));
  const started = Date.now();
  await vm.machine.start();
  process.stdout.write(
    `[berth vm] first boot to a running engine in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
  );
});

afterAll(async () => {
  await new Promise((done) => hostServer.close(done));
  rmSync(sharedHome, { recursive: true, force: true });
});

describe("Berth's VM", () => {
  it('runs the engine, reached by the docker CLI through the host socket', async () => {
    expect(vm.machine.status).toEqual({ state: 'running' });
    expect(vm.machine.endpoint).toBe(vm.dockerHost);
    const version = JSON.parse(await vm.docker(['version', '--format', '{{json .Server}}'])) as {
      Os: string;
      Arch: string;
    };
    expect(version).toMatchObject({ Os: 'linux', Arch: 'amd64' });
    expect(await vm.docker(['image', 'ls', '--format', '{{.Repository}}:{{.Tag}}'])).toContain(HELPER);
  });

  it('writes the berth docker context without making it current', async () => {
    const version = await vm.docker(['--context', 'berth', 'version', '--format', '{{.Server.Os}}'], '', {});
    expect(version).toBe('linux\n');
    expect(existsSync(join(vm.dockerConfig, 'config.json'))).toBe(false);
  });

  it('admits only the host to the engine relay: containers that know the secret get no answer', async () => {
    const secret = readFileSync(join(vm.home.runDir, 'engine.secret'));
    // Were a connection let in, the relay would answer 0x01 within the 2 s its input stays open.
    const probe = `(cat; sleep 2) | busybox nc 10.0.2.15 ${GUEST_RELAY_PORT} | busybox od -An -tx1; echo end`;
    for (const network of ['bridge', 'host']) {
      const answer = await vm.docker(['run', '--rm', '-i', '--network', network, HELPER, 'sh', '-c', probe], secret);
      expect(answer, `from a container on the ${network} network`).toBe('end\n');
    }
  });

  it('passes stdin through the socket (half-close): docker run -i', async () => {
    expect(await vm.docker(['run', '--rm', '-i', HELPER, 'cat'], 'through the tunnel\n')).toBe('through the tunnel\n');
  });

  it('publishes a container port on the host 127.0.0.1 and removes it when the container stops', async () => {
    const port = await freePort();
    const id = (
      await vm.docker(['run', '-d', '-p', `${port}:80`, HELPER, 'busybox', 'httpd', '-f', '-p', '80', '-h', '/bin'])
    ).trim();
    const response = await waitFor(() => httpGet({ port, path: '/' }).catch(() => undefined), {
      message: `HTTP on host 127.0.0.1:${port}`,
      timeoutMs: 60_000,
    });
    expect(response.status).toBeLessThan(500);
    await vm.docker(['rm', '-f', id]);
    await waitFor(
      async () =>
        !(await httpGet({ port, path: '/' }).then(
          () => true,
          () => false,
        )),
      {
        message: `the listener on ${port} to go`,
        timeoutMs: 30_000,
      },
    );
  });

  it('forwards a published UDP port through QEMU: a DNS query from the host gets its answer', async () => {
    const port = await freePort();
    // dnsmasq from the VM's own root (the helper image has no UDP server), answering one name.
    const id = (
      await vm.docker([
        'run', '-d', '-p', `${port}:5353/udp`, '-v', '/:/vm:ro', HELPER, 'busybox', 'chroot', '/vm', '/usr/sbin/dnsmasq',
        '--keep-in-foreground', '--no-resolv', '--no-hosts', '--port=5353', '--user=root', '--pid-file=',
        '--address=/udp.berth.test/192.0.2.7', '--log-facility=-',
      ])
    ).trim(); // prettier-ignore
    try {
      const resolver = new Resolver({ timeout: 2_000, tries: 1 });
      resolver.setServers([`127.0.0.1:${port}`]);
      const answer = await waitFor(() => resolver.resolve4('udp.berth.test').catch(() => undefined), {
        message: `a DNS answer over UDP on host 127.0.0.1:${port}`,
        timeoutMs: 60_000,
      });
      expect(answer).toEqual(['192.0.2.7']);
    } finally {
      await vm.docker(['rm', '-f', id]);
    }
  });

  it('lets containers reach the host as host.docker.internal', async () => {
    const { port } = hostServer.address() as AddressInfo;
    const body = await vm.docker([
      'run',
      '--rm',
      HELPER,
      'busybox',
      'wget',
      '-qO-',
      `http://host.docker.internal:${port}/`,
    ]);
    expect(body).toBe('hello from the host\n');
  });

  it('shares the home folder at the same path both ways, with spaces and non-ASCII names (virtiofs)', async () => {
    await checkFilesCrossBothWays((args) => vm.docker(args), sharedHome);
    // virtiofsd runs as root here, so a uid stays a uid: a file written as uid 1000 belongs to uid 1000.
    expect(await ownerOfFileWrittenAsUid1000((args) => vm.docker(args), sharedHome)).toEqual({ uid: 1000, gid: 1000 });
  });

  it('keeps a named volume across stop() and start()', async () => {
    await vm.docker(['volume', 'create', 'keep']);
    await vm.docker(['run', '--rm', '-v', 'keep:/volume', HELPER, 'sh', '-c', 'echo kept > /volume/file']);
    await vm.machine.stop();
    expect(vm.machine.status.state).toBe('stopped');
    expect(vm.qemuPid()).toBeUndefined();
    await vm.machine.start();
    expect(await vm.docker(['run', '--rm', '-v', 'keep:/volume', HELPER, 'cat', '/volume/file'])).toBe('kept\n');
  });

  it('goes to error within 2 s when QEMU is killed, and start() recovers with the volume intact', async () => {
    const statuses: MachineStatus[] = [];
    const inError = new Promise<number>((resolve) =>
      vm.machine.onStatus((status) => {
        statuses.push(status);
        if (status.state === 'error') resolve(Date.now());
      }),
    );
    const pid = vm.qemuPid();
    expect(pid).toBeDefined();
    const killedAt = Date.now();
    process.kill(pid!, 'SIGKILL');
    const errorAt = await inError;
    process.stdout.write(`[berth vm] QEMU killed → state error in ${errorAt - killedAt} ms\n`);
    expect(errorAt - killedAt).toBeLessThan(2000);
    expect(vm.machine.status.reason).toMatch(/QEMU was killed \(SIGKILL\)/);
    expect(statuses.map((s) => s.state)).toEqual(['error']);
    await vm.machine.start();
    expect(await vm.docker(['run', '--rm', '-v', 'keep:/volume', HELPER, 'cat', '/volume/file'])).toBe('kept\n');
  });

  it('stops gracefully in seconds with a container running', async () => {
    await vm.docker(['run', '-d', '--name', 'busy', HELPER, 'busybox', 'sleep', '3600']);
    const steps: string[] = [];
    const unsubscribe = vm.machine.onStatus((status) => status.progress && steps.push(status.progress));
    const started = Date.now();
    await vm.machine.stop();
    unsubscribe();
    const seconds = (Date.now() - started) / 1000;
    process.stdout.write(`[berth vm] graceful stop with a running container: ${seconds.toFixed(1)} s\n`);
    expect(vm.machine.status).toEqual({ state: 'stopped' });
    // The guest powered itself off: QEMU never had to be killed.
    expect(steps).toEqual(['Shutting down the VM']);
  });
});
