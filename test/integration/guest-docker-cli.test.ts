// The docker CLI run over SSH as Berth runs it inside its VM, against a real sshd whose sessions stand in for the
// guest's (the engine root's docker and compose on their PATH, the test engine as their DOCKER_HOST): compose up and
// down of a project in a folder with a space, output lines as they come, the CLI's words on failure, the standalone
// compose v1, cancel, and which paths the "guest" cannot see.
import { mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CliFailedError } from '../../src-main/docker-cli/cli-runner';
import type { DockerCli } from '../../src-main/docker-cli/docker-cli';
import { guestDockerCli } from '../../src-main/docker-cli/guest-docker-cli';
import { GuestSshPool } from '../../src-main/docker-cli/guest-ssh-pool';
import { CancelledError } from '../../src-main/engine/errors';
import type { SshTarget } from '../../src-main/machine/machine';
import { copyComposeFixture, testHostCli } from '../support/compose-project';
import { composeV1Bin } from '../support/compose-v1';
import { testEngine, uniqueName } from '../support/engine';
import { startSshd, type TestSshd } from '../support/sshd';
import { makeOwnedTempDir } from '../support/temp-dirs';
import { waitFor } from '../support/wait';

const { dockerHost, image } = testEngine();
const scratch = makeOwnedTempDir('berth-guest-cli-');
const project = uniqueName('guest').replace(/-/g, '_');
let sshd: TestSshd | undefined;
let target: SshTarget;
let cli: DockerCli;

beforeAll(async () => {
  const { docker, env } = await testHostCli(join(scratch, 'docker-config'));
  const bin = join(scratch, 'bin');
  mkdirSync(bin, { recursive: true });
  symlinkSync(docker, join(bin, 'docker'));
  symlinkSync(join(await composeV1Bin(), 'docker-compose'), join(bin, 'docker-compose'));
  sshd = await startSshd({ PATH: `${bin}:/usr/bin:/bin`, DOCKER_HOST: dockerHost, DOCKER_CONFIG: env.DOCKER_CONFIG! });
  target = {
    host: sshd.host,
    port: sshd.port,
    user: sshd.username,
    identityFile: sshd.privateKeyFile,
    knownHostsFile: sshd.knownHostsFile,
  };
  cli = guestDockerCli(() => target);
}, 300_000);

afterAll(async () => {
  await cli?.run(['compose', '-p', project, 'down', '--volumes']).catch(() => undefined);
  await sshd?.stop();
  rmSync(scratch, { recursive: true, force: true });
});

/** Connections sshd serves now: one forked child of the listener each. */
function connections(): number {
  const parentOf = (pid: string) => readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ')[1];
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .filter((pid) => {
      try {
        return parentOf(pid) === String(sshd!.pid);
      } catch {
        return false; // gone while listing
      }
    }).length;
}

describe('the docker CLI inside the VM, over SSH', () => {
  // First, so no other test's connection is open yet.
  it("runs a stack action's commands over one SSH connection, and logs in again once it has closed", async () => {
    const logins = () => readFileSync(sshd!.logFile, 'utf8').match(/Accepted publickey/g)?.length ?? 0;
    const pool = new GuestSshPool(500);
    const own = guestDockerCli(() => target, pool);
    const before = logins();
    expect(await own.unseen([scratch])).toEqual([]);
    await Promise.all([own.run(['version', '--format', '{{.Client.Version}}']), own.run(['compose', 'version'])]);
    await own.run(['compose', 'ls']);
    expect(logins() - before).toBe(1);
    expect(connections()).toBe(1);
    // Unused for longer than the pool keeps it: the connection closes, and the next command logs in anew.
    await waitFor(async () => connections() === 0, { timeoutMs: 10_000, message: 'the idle connection to close' });
    await own.run(['compose', 'ls']);
    expect(logins() - before).toBe(2);
  });

  it('runs compose up in the project folder (a space in its path), its lines arriving as they come', async () => {
    const folder = join(scratch, 'my app');
    const file = copyComposeFixture(folder, image);
    const lines: string[] = [];
    await cli.run(['compose', '-p', project, '-f', file, 'up', '-d'], {
      cwd: folder,
      onLine: (_stream, line) => lines.push(line),
    });
    expect(lines).toContain(` Container ${project}-worker-1  Started`);
    const { stdout } = await cli.run(['compose', '-p', project, 'ps', '--format', '{{.Service}} {{.State}}'], {
      cwd: folder,
    });
    expect(stdout.trim().split('\n').sort()).toEqual(['web running', 'worker running']);
  }, 120_000);

  it("fails with the CLI's own words and exit code", async () => {
    const missing = join(scratch, 'nope.yaml');
    const error = await cli.run(['compose', '-f', missing, 'config']).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CliFailedError);
    expect((error as CliFailedError).message).toContain(`open ${missing}: no such file or directory`);
    expect((error as CliFailedError).exitCode).not.toBe(0);
  });

  it('runs the standalone docker-compose v1 beside docker when asked (to name it when it is all there is)', async () => {
    const { stdout } = await cli.run(['version', '--short'], { program: 'docker-compose' });
    expect(stdout).toBe('1.29.2\n');
  });

  it('cancels a command that would run for long, as Ctrl-C would', async () => {
    const controller = new AbortController();
    const running = cli.run(['compose', '-p', project, 'logs', '--follow'], {
      signal: controller.signal,
      killAfterMs: 2000,
    });
    setTimeout(() => controller.abort(), 1000);
    await expect(running).rejects.toBeInstanceOf(CancelledError);
  });

  it('names the paths it cannot see', async () => {
    const missing = join(scratch, "not 'here'", 'compose.yaml');
    expect(await cli.unseen([join(scratch, 'my app', 'compose.yaml'), missing])).toEqual([missing]);
  });
});
