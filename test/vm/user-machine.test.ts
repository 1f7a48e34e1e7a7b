// The machine as an ordinary user runs it: `berth machine start` from the CLI (its own agent process), home shared over 9p,
// files containers write belonging to the user, then `berth machine stop`.
import { execFile, execFileSync } from 'node:child_process';
import { chmodSync, chownSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { MachineLogSource } from '../../src-main/contract/dto/machine';
import { AgentClient } from '../../src-main/machine/agent-client';
import { AgentMachineControl } from '../../src-main/machine/agent-machine-control';
import { berthHomeFolder, machineHome } from '../../src-main/machine/machine-home';
import { startTestApi } from '../support/api';
import { httpGet } from '../support/http';
import { freePort } from '../support/ports';
import { waitFor } from '../support/wait';
import { onExitCleanup } from '../support/processes';
import { makeOwnedTempDir } from '../support/temp-dirs';
import { checkFilesCrossBothWays, ownerOfFileWrittenAsUid1000 } from './support/home-share-checks';

const USER = 'berth-vmtest';

/** The test user (made once per machine), a home with a space and non-ASCII letters in its path, and Berth's folder in it. */
function ensureUser(): { uid: number; gid: number } {
  const id = (flag: string) => Number(execFileSync('id', [flag, USER], { encoding: 'utf8' }).trim());
  try {
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    // Two runs may race to make it; the loser finds it made.
    execFileSync('useradd', ['--system', '--user-group', '--no-create-home', '--shell', '/usr/sbin/nologin', USER], {
      stdio: 'ignore',
    });
    return { uid: id('-u'), gid: id('-g') };
  }
}

const user = ensureUser();
const root = makeOwnedTempDir('berth-user-');
chmodSync(root, 0o755);
const home = join(root, 'Zoë Martín');
mkdirSync(home);
chownSync(home, user.uid, user.gid);
const machine = machineHome(berthHomeFolder({}, 'linux', home));
const dockerHost = `unix://${machine.dockerSocket}`;
const cliEntry = resolve('bin/berth.js');

/** `berth ...` as the test user, with their HOME; resolves with stdout, rejects with stderr. */
function berth(args: string[]): Promise<string> {
  return new Promise((done, fail) => {
    execFile(
      process.execPath,
      [cliEntry, ...args],
      {
        uid: user.uid,
        gid: user.gid,
        cwd: home,
        env: { PATH: process.env.PATH, HOME: home, BERTH_VM_ASSETS: inject('vmAssets') },
        encoding: 'utf8',
        timeout: 600_000,
      },
      (error, stdout, stderr) =>
        error ? fail(new Error(`berth ${args.join(' ')}: ${stderr.trim() || error.message}`)) : done(stdout),
    );
  });
}

function docker(args: string[]): Promise<string> {
  return new Promise((done, fail) => {
    execFile('docker', args, { env: { ...process.env, DOCKER_HOST: dockerHost }, encoding: 'utf8', timeout: 120_000 }, (error, stdout, stderr) =>
      error ? fail(new Error(`docker ${args.join(' ')}: ${stderr.trim() || error.message}`)) : done(stdout),
    ); // prettier-ignore
  });
}

function pidIn(file: string): number | undefined {
  try {
    const pid = Number(readFileSync(file, 'utf8').trim());
    process.kill(pid, 0);
    return pid;
  } catch {
    return undefined;
  }
}

let agentPid: number | undefined;
const killLeftovers = () => {
  for (const pid of [pidIn(join(machine.runDir, 'qemu.pid')), agentPid]) if (pid) process.kill(pid, 'SIGKILL');
};
const removeExitHook = onExitCleanup(killLeftovers);

beforeAll(async () => {
  const started = Date.now();
  await berth(['machine', 'start', '--cpus', '2', '--memory', '1536M', '--disk', '16G', '--idle-pause', 'off']);
  process.stdout.write(`[berth vm] CLI start as ${USER} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  agentPid = (JSON.parse(await berth(['machine', 'status', '--json'])) as { pid: number }).pid;
});

afterAll(async () => {
  await berth(['machine', 'stop']).catch((error: Error) => process.stdout.write(`[berth vm] ${error.message}\n`));
  killLeftovers();
  removeExitHook();
  rmSync(root, { recursive: true, force: true });
});

describe('the machine started by an ordinary user from the CLI', () => {
  it("runs QEMU and the agent as that user, with the user's files private", async () => {
    const status = JSON.parse(await berth(['machine', 'status', '--json'])) as { status: { state: string } };
    expect(status.status.state).toBe('running');
    expect(statSync(join(machine.runDir, 'qemu.pid')).uid).toBe(user.uid);
    const socket = statSync(machine.dockerSocket);
    expect(socket.uid).toBe(user.uid);
    expect(socket.mode & 0o777).toBe(0o600);
    expect(await docker(['version', '--format', '{{.Server.Os}}'])).toBe('linux\n');
  });

  it('shares the home folder over 9p at the same path, with spaces and non-ASCII names, both ways', async () => {
    expect(readFileSync(machine.consoleLog, 'utf8')).toContain(`folder shared at ${home} (9p)`);
    const written = await checkFilesCrossBothWays(docker, home, (top) =>
      execFileSync('chown', ['-R', `${user.uid}:${user.gid}`, top]),
    );
    expect(statSync(written)).toMatchObject({ uid: user.uid, gid: user.gid });
  });

  it('gives a file a container writes as uid 1000 to the host user', async () => {
    expect(await ownerOfFileWrittenAsUid1000(docker, home)).toEqual({ uid: user.uid, gid: user.gid });
  });

  it("shows the app this agent's machine and its console, engine and agent logs", async () => {
    const control = await AgentMachineControl.follow(() => AgentClient.connect(machine.agentSocket), machine);
    const api = startTestApi(dockerHost, 'vm-test', { machine: control });
    try {
      const info = await api.client.call('machine.info', {});
      expect(info).toMatchObject({ kind: 'qemu', status: { state: 'running' }, endpoint: dockerHost });
      expect(info.logs).toEqual(['console', 'engine', 'agent']);
      const tail = (source: MachineLogSource) => api.client.call('machine.logs', { source, lines: 2000 });
      expect((await tail('console')).text).toContain('berth: engine ready');
      // dockerd's own lines, copied out of the VM through the engine-log port as it wrote them.
      const engine = await tail('engine');
      expect(engine).toMatchObject({ missing: false, path: machine.engineLog });
      expect(engine.text).toContain('API listen on /var/run/docker.sock');
      expect((await tail('agent')).path).toBe(machine.agentLog);
    } finally {
      await api.close();
      control.dispose();
    }
  });

  it("runs compose stacks with the VM's own CLI over SSH: up from the shared home, HTTP on the host, the secret, down", async () => {
    const control = await AgentMachineControl.follow(() => AgentClient.connect(machine.agentSocket), machine);
    const api = startTestApi(dockerHost, 'vm-test', { machine: control });
    const project = 'vmstack';
    try {
      expect(await api.client.call('stacks.compose', {})).toMatchObject({ available: true, where: 'vm' });
      const folder = join(home, 'my stack');
      mkdirSync(folder, { recursive: true });
      const port = await freePort();
      writeFileSync(join(folder, 'key.txt'), 'vm-secret\n');
      const file = join(folder, 'compose.yaml');
      writeFileSync(
        file,
        [
          'services:',
          '  web:',
          '    image: berth/helper:1',
          '    command: [busybox, httpd, -f, -p, "8080", -h, /www]',
          '    volumes: ["./www:/www:ro"]',
          `    ports: ["127.0.0.1:${port}:8080"]`,
          '  worker:',
          '    image: berth/helper:1',
          '    command: [sh, -c, "cat /run/secrets/key && exec sleep 3600"]',
          '    secrets: [key]',
          'secrets:',
          '  key:',
          '    file: ./key.txt',
          '',
        ].join('\n'),
      );
      mkdirSync(join(folder, 'www'));
      writeFileSync(join(folder, 'www', 'index.html'), 'served from the shared home\n');
      const stack = await api.client.call('stacks.up', { files: [file], projectName: project });
      expect(stack).toMatchObject({ name: project, status: 'running', running: 2, configFiles: [file] });
      const page = await waitFor(() => httpGet({ port, path: '/' }).catch(() => undefined), { timeoutMs: 60_000 });
      expect(page.body).toBe('served from the shared home\n');
      const worker = stack.services.find((s) => s.name === 'worker')!.containers[0]!.id;
      await waitFor(async () => {
        const session = await api.client.call('logs.open', { id: worker, follow: false });
        const lines = await api.events
          .next('logs.end', (e) => e.session === session.session)
          .then(() =>
            api.events
              .all('logs.data')
              .filter((e) => e.session === session.session)
              .flatMap((e) => e.lines),
          );
        return lines.includes('vm-secret');
      });
      // A file outside the folders shared with the VM: refused with where to share it.
      const outside = join(root, 'outside.yaml');
      writeFileSync(outside, 'services: {}\n');
      const refused = await api.client.call('stacks.preview', { files: [outside] }).catch((error: Error) => error);
      expect(String(refused)).toContain("outside the folders shared with Berth's VM");
      expect(String(refused)).toContain('Settings › File sharing');
      await api.client.call('stacks.down', { name: project, volumes: true });
      expect((await api.client.call('stacks.list', {})).map((s) => s.name)).not.toContain(project);
    } finally {
      await api.client.call('stacks.down', { name: project, volumes: true }).catch(() => undefined);
      await api.close();
      control.dispose();
    }
  }, 300_000);
});
