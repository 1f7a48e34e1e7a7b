// Boots Berth's VM under QEMU and uses it as a user would: the docker CLI through the forwarded socket, published
// ports on the host's 127.0.0.1, host.docker.internal, shared folders and the user's daemon.json from the settings,
// volumes across restarts, a crash, a graceful stop, and changed settings taking effect at the next start.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Resolver } from 'node:dns/promises';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GUEST_RELAY_PORT } from '../../src-main/machine/qemu-args';
import type { QemuBootSettings } from '../../src-main/machine/qemu-machine-options';
import { httpGet } from '../support/http';
import { freePort } from '../support/ports';
import { waitFor } from '../support/wait';
import { makeOwnedTempDir } from '../support/temp-dirs';
import { checkFilesCrossBothWays, ownerOfFileWrittenAsUid1000 } from './support/home-share-checks';
import { killQemuExpectingError } from './support/qemu-kill';
import { TEST_RESOURCES, useTestVm } from './support/vm-machine';

/** Stands in for the user's home: shared into the guest at the same path (virtiofs, as Berth runs as root here). */
const sharedHome = makeOwnedTempDir('berth-home-');
/** A folder of the File sharing settings, outside the home, with a space in its name. */
const otherRoot = makeOwnedTempDir('berth-shared-');
const sharedFolder = join(otherRoot, 'Shared Stuff');
mkdirSync(sharedFolder);
const nestedFolder = join(sharedHome, 'inside home');
mkdirSync(nestedFolder);
const missingFolder = join(otherRoot, 'not there');
/** What the next boot reads, as the agent reads settings.json: tests change it before a start. */
let settings: QemuBootSettings = {
  resources: TEST_RESOURCES,
  daemonJson: '{\n  "labels": ["berth-test=1"],\n  "log-level": "warn"\n}\n',
  sharedFolders: [sharedFolder, nestedFolder, missingFolder],
};
const vm = useTestVm({ sharedHome, configure: async () => settings });
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
  rmSync(otherRoot, { recursive: true, force: true });
});

interface EngineInfo {
  NCPU: number;
  Labels: string[] | null;
  DockerRootDir: string;
}
const engineInfo = async () => JSON.parse(await vm.docker(['info', '--format', '{{json .}}'])) as EngineInfo;

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
    // dockerd's log reaches the host through the engine-log port.
    expect(readFileSync(vm.home.engineLog, 'utf8')).toContain('API listen on /var/run/docker.sock');
  });

  it("runs trixie's docker 26 with the compose v2 and buildx CLI plugins, on iptables' legacy backend", async () => {
    const version = JSON.parse(await vm.docker(['version', '--format', '{{json .Server}}'])) as { Version: string };
    expect(version.Version).toMatch(/^26\./);
    // The CLIs the guest runs for compose stacks and builds (src-main/docker-cli runs them there over SSH).
    const plugins = await vm.guest('docker compose version --short && docker buildx version');
    expect(plugins).toMatch(/^v?2\.\d+\.\d+\S*\n/); // Debian says 2.26.1-4
    expect(plugins).toMatch(/github\.com\/docker\/buildx v?0\.\d+/);
    expect(await vm.guest('iptables --version')).toContain('(legacy)');
    // dockerd set its rules through that backend: a DOCKER chain in the legacy nat table.
    expect(await vm.guest('iptables -t nat -S DOCKER')).toContain('-N DOCKER');
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

  it("lays the settings' daemon.json over Berth's own, keeping what Berth needs", async () => {
    const info = await engineInfo();
    expect(info.Labels).toContain('berth-test=1');
    expect(info.DockerRootDir).toBe('/var/lib/docker');
    expect(info.NCPU).toBe(2);
    // "warn" would hide the line the guest waits for; the engine came up, so it was raised.
    expect(readFileSync(vm.home.consoleLog, 'utf8')).toContain(
      `berth: daemon.json: log-level "warn" is raised to "info"`,
    );
  });

  it('shares the folders of the settings at their own path too, skipping a nested and a missing one', async () => {
    const console = readFileSync(vm.home.consoleLog, 'utf8');
    expect(console).toContain(`folder shared at ${sharedHome} (virtiofs)`);
    expect(console).toContain(`folder shared at ${sharedFolder} (virtiofs)`);
    expect(console).not.toContain(`folder shared at ${nestedFolder}`);
    expect(vm.warnings).toEqual(
      expect.arrayContaining([
        `${nestedFolder} is not shared with the VM: it is inside ${sharedHome}, which is shared too`,
        `${missingFolder} is not shared with the VM: it does not exist on this computer`,
      ]),
    );
    writeFileSync(join(sharedFolder, 'from host.txt'), 'written on the host\n');
    const script = 'cat "/data/from host.txt" && echo "written in a container" > "/data/from container.txt"';
    expect(await vm.docker(['run', '--rm', '-v', `${sharedFolder}:/data`, HELPER, 'sh', '-c', script])).toBe(
      'written on the host\n',
    );
    expect(readFileSync(join(sharedFolder, 'from container.txt'), 'utf8')).toBe('written in a container\n');
    // The nested folder is still there, through the home share.
    writeFileSync(join(nestedFolder, 'nested.txt'), 'through home\n');
    expect(await vm.docker(['run', '--rm', '-v', `${nestedFolder}:/n`, HELPER, 'cat', '/n/nested.txt'])).toBe(
      'through home\n',
    );
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
    // Written and synced just before the kill: the journalled data disk must keep it.
    await vm.docker(['run', '--rm', '-v', 'keep:/volume', HELPER, 'sh', '-c', 'echo synced > /volume/late && sync']);
    await killQemuExpectingError(vm);
    await vm.machine.start();
    expect(await vm.docker(['run', '--rm', '-v', 'keep:/volume', HELPER, 'cat', '/volume/file', '/volume/late'])).toBe(
      'kept\nsynced\n',
    );
  });

  it("says the VM's kernel crashed when it panics, in seconds, and start() recovers", async () => {
    const inError = new Promise<number>((resolve) =>
      vm.machine.onStatus((status) => status.state === 'error' && resolve(Date.now())),
    );
    const panickedAt = Date.now();
    // The command never answers: the guest dies under it.
    void vm.guest('echo c > /proc/sysrq-trigger').catch(() => undefined);
    const errorAt = await inError;
    process.stdout.write(`[berth vm] guest kernel panic → state error in ${errorAt - panickedAt} ms\n`);
    expect(errorAt - panickedAt).toBeLessThan(15_000);
    expect(vm.machine.status.reason).toMatch(
      /^The VM's kernel crashed: Kernel panic - not syncing: sysrq triggered crash \(QEMU exited with code 0\)$/,
    );
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

  it('applies changed settings at the next start: fewer CPUs, and a daemon.json dockerd refuses', async () => {
    expect(vm.machine.status.state).toBe('stopped');
    settings = {
      resources: { ...TEST_RESOURCES, cpus: 1 },
      daemonJson: '{"no-such-option": true}',
      sharedFolders: [],
    };
    expect(vm.machine.resources.cpus).toBe(2);
    const started = Date.now();
    await vm.machine.start();
    process.stdout.write(
      `[berth vm] start with 1 CPU and a refused daemon.json: ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
    );
    expect(vm.machine.resources).toEqual({ ...TEST_RESOURCES, cpus: 1 });
    const info = await engineInfo();
    expect(info.NCPU).toBe(1);
    expect(info.Labels ?? []).not.toContain('berth-test=1');
    expect(readFileSync(vm.home.consoleLog, 'utf8')).toMatch(
      /berth: ERROR: dockerd refused daemon\.json \(.*no-such-option.*\); starting it with Berth's own daemon\.json/,
    );
    expect(await vm.docker(['run', '--rm', HELPER, 'sh', '-c', 'echo still an engine'])).toBe('still an engine\n');
    // The engine log is this boot's: the refusal in dockerd's words, then the engine that answered.
    const engineLog = readFileSync(vm.home.engineLog, 'utf8');
    expect(engineLog).toContain('no-such-option');
    expect(engineLog.split('API listen on /var/run/docker.sock').length - 1).toBe(1);
    expect(readFileSync(vm.home.consoleLog, 'utf8')).not.toContain(`folder shared at ${sharedFolder}`);
  });
});
