// Berth's own registry logins reaching the official CLIs, on this computer and inside the VM (a real sshd stands in for
// the guest's): against a registry that requires a login, compose pull, Berth's stacks.up and a buildx build FROM its
// image work when the run is given the login and fail with the registry's refusal when not; the password is in no
// file of the run's folder while it runs, the folder is gone afterwards (a cancelled run's too), the user's config.json
// is unchanged byte for byte, their compose plugin and selected buildx builder stay in use. The helper script is run
// as the CLI runs it.
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { credentialHelperScript, loginVariables, type CliLogin } from '../../src-main/core/cli-logins';
import { CliFailedError, type CliTarget } from '../../src-main/docker-cli/cli-runner';
import { hostDockerCli, type DockerCli } from '../../src-main/docker-cli/docker-cli';
import { CancelledError } from '../../src-main/engine/errors';
import { guestDockerCli } from '../../src-main/docker-cli/guest-docker-cli';
import { GuestSshPool } from '../../src-main/docker-cli/guest-ssh-pool';
import { startTestApi, type TestApi } from '../support/api';
import { testHostCli } from '../support/compose-project';
import { testEngine, testLabels, uniqueName } from '../support/engine';
import { followProgress } from '../support/progress';
import { startRegistry, type TestRegistry } from '../support/registry';
import { startSshd, type TestSshd } from '../support/sshd';
import { makeOwnedTempDir } from '../support/temp-dirs';
import { waitFor } from '../support/wait';

const { docker, dockerHost, image } = testEngine();
const scratch = makeOwnedTempDir('berth-cli-credentials-');
const runsDir = join(scratch, 'runs');
const PASSWORD = 'berth-test';
const FILE_SECRET = 'file-store-secret';
/** What no file of a run's folder may hold. */
const SECRETS = [PASSWORD, FILE_SECRET];
const REFUSED = /unauthorized|no basic auth credentials|authentication required/i;
const project = uniqueName('clicreds').replace(/-/g, '_');
const builtTag = `${uniqueName('clicreds-built')}:1`;
const COMMAND = ['sh', '-c', 'trap "exit 0" TERM; sleep 300 & wait'];
/** A container that ends when it is told to (a busybox sleep as PID 1 would ignore the signal). */
const SIGNALLED = 'trap "exit 0" INT TERM; sleep 300 & wait';
let registry: TestRegistry;
let login: CliLogin;
/** The private image, only in the registry. */
let reference: string;
let target: CliTarget;
let userConfigFile: string;
let userConfigBytes: Buffer;
let composeFile: string;
const apis: TestApi[] = [];

/** Every file under `dir` (following no links), with its path. */
function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((name) => join(dir, name))
    .filter((path) => {
      try {
        return statSync(path).isFile();
      } catch {
        return false; // removed while listing
      }
    });
}

/**
 * Runs `work` while reading every file in the runs folder every few ms: the run folders seen, and any file that
 * held the password.
 */
async function watchingRuns<T>(work: () => Promise<T>): Promise<{ result: T; seen: Set<string>; leaks: string[] }> {
  const seen = new Set<string>();
  const leaks: string[] = [];
  let done = false;
  const watch = (async () => {
    while (!done) {
      for (const name of existsSync(runsDir) ? readdirSync(runsDir) : []) seen.add(name);
      for (const file of filesUnder(runsDir)) {
        try {
          const text = readFileSync(file);
          if (SECRETS.some((secret) => text.includes(secret))) leaks.push(file);
        } catch {
          // removed while reading
        }
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  })();
  try {
    return { result: await work(), seen, leaks };
  } finally {
    done = true;
    await watch;
  }
}

/** A long `docker run` given the login, cancelled once its folder is there: it ends, and its folder with it. */
async function cancelsAndCleansUp(cli: DockerCli): Promise<void> {
  const abort = new AbortController();
  const args = ['run', '--rm', '--network', 'none', ...labelArgs(), image, 'sh', '-c', SIGNALLED];
  const run = cli.run(args, { signal: abort.signal, killAfterMs: 2000 }).catch((e: unknown) => e);
  await waitFor(async () => readdirSync(runsDir).length === 1, { message: "the run's folder" });
  abort.abort();
  expect(await run).toBeInstanceOf(CancelledError);
  expect(readdirSync(runsDir)).toEqual([]);
}

function labelArgs(): string[] {
  return Object.entries(testLabels()).flatMap(([k, v]) => ['--label', `${k}=${v}`]);
}

async function removeImage(tag: string): Promise<void> {
  await docker
    .getImage(tag)
    .remove({ force: true })
    .catch(() => undefined);
}

beforeAll(async () => {
  registry = await startRegistry({ requireLogin: true });
  login = { serveraddress: registry.address, username: 'berth', password: PASSWORD };
  reference = `${registry.address}/berth/${uniqueName('private')}:1`;
  const [repo, tag] = [reference.slice(0, reference.lastIndexOf(':')), '1'];
  await docker.getImage(image).tag({ repo, tag });
  await followProgress(docker, await docker.getImage(reference).push({ authconfig: login }));
  await docker.getImage(reference).remove();

  const cli = await testHostCli(join(scratch, 'docker-config'));
  target = { docker: cli.docker, dockerHost, env: cli.env };
  userConfigFile = join(cli.env.DOCKER_CONFIG!, 'config.json');
  // The user's own file-store login for another registry: its secret must not be copied into the run's folder either.
  const fileAuth = Buffer.from(`someone:${FILE_SECRET}`).toString('base64');
  writeFileSync(userConfigFile, `{\n\t"auths": {"127.0.0.1:1": {"auth": "${fileAuth}"}},\n  "psFormat": "table"\n}\n`);
  SECRETS.push(fileAuth);
  userConfigBytes = readFileSync(userConfigFile);
  mkdirSync(runsDir, { recursive: true });
  const dir = join(scratch, 'project');
  mkdirSync(dir, { recursive: true });
  composeFile = join(dir, 'compose.yaml');
  writeFileSync(composeFile, JSON.stringify({ services: { app: { image: reference, command: COMMAND } } }));
}, 600_000);

afterAll(async () => {
  for (const api of apis) {
    await api.client.call('stacks.down', { name: project, volumes: true }).catch(() => undefined);
    await api.close();
  }
  await removeImage(reference);
  await removeImage(builtTag);
  await registry?.stop();
  rmSync(scratch, { recursive: true, force: true });
});

describe('the credential helper script', () => {
  const script = join(scratch, 'docker-credential-berth');
  const variables = () => loginVariables('T0K3N', [login, { ...login, serveraddress: 'docker.io' }]);
  const helper = (action: string, input: string, env = variables()) =>
    spawnSync('sh', [script, action], { input, env: { PATH: process.env.PATH, ...env }, encoding: 'utf8' });

  beforeAll(() => writeFileSync(script, credentialHelperScript('T0K3N'), { mode: 0o700 }));

  it('answers get for a server the run was given, with or without a line end', () => {
    for (const input of [registry.address, `${registry.address}\n`]) {
      const answer = helper('get', input);
      expect(answer.status).toBe(0);
      expect(JSON.parse(answer.stdout)).toEqual({ ServerURL: registry.address, Username: 'berth', Secret: PASSWORD });
    }
    expect(JSON.parse(helper('get', 'https://index.docker.io/v1/').stdout).ServerURL).toBe(
      'https://index.docker.io/v1/',
    );
  });

  it('says "credentials not found" for any other server, and for a variable of another run', () => {
    for (const input of ['127.0.0.1:1', '', '$(touch /tmp/x)', 'docker.io']) {
      const answer = helper('get', input);
      expect(answer.status).toBe(1);
      expect(answer.stdout.trim()).toBe('credentials not found in native keychain');
    }
    const otherRun = helper('get', registry.address, loginVariables('OTHER', [login]));
    expect(otherRun.stdout.trim()).toBe('credentials not found in native keychain');
  });

  it('refuses store, erase and anything else', () => {
    for (const action of ['store', 'erase', 'list', '']) {
      const answer = helper(action, JSON.stringify({ ServerURL: 'x', Username: 'u', Secret: 's' }));
      expect(answer.status).toBe(1);
      expect(answer.stdout).toBe('');
      expect(answer.stderr).not.toBe('');
    }
  });
});

describe("compose with Berth's logins", () => {
  it("still finds the user's compose plugin (this host has none of its own: only cliPluginsExtraDirs names it)", async () => {
    const given = hostDockerCli(target, { runsDir, listLogins: async () => [login] });
    expect((await given.run(['compose', 'version', '--short'])).stdout.trim()).toMatch(/^2\./);
  });

  it("fails with the registry's refusal when the run is given no login", async () => {
    const cli = hostDockerCli(target, { runsDir });
    const failure = await cli.run(['compose', '-f', composeFile, '-p', project, 'pull']).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(CliFailedError);
    expect((failure as Error).message).toMatch(REFUSED);
    expect(readdirSync(runsDir)).toEqual([]);
  }, 120_000);

  it("pulls with the login, which is in no file of the run's folder, gone afterwards", async () => {
    const cli = hostDockerCli(target, { runsDir, listLogins: async () => [login] });
    const { seen, leaks } = await watchingRuns(() => cli.run(['compose', '-f', composeFile, '-p', project, 'pull']));
    expect(seen.size).toBe(1);
    expect(leaks).toEqual([]);
    expect(readdirSync(runsDir)).toEqual([]);
    await docker.getImage(reference).inspect();
    expect(readFileSync(userConfigFile).equals(userConfigBytes)).toBe(true);
  }, 120_000);

  it("lets Berth's stacks.up pull the private image only when the API is given the logins", async () => {
    await removeImage(reference);
    const hostCli = { docker: target.docker, env: target.env! };
    const without = startTestApi(dockerHost, 'clicreds-without', { hostCli });
    apis.push(without);
    const refused = await without.client
      .call('stacks.up', { files: [composeFile], projectName: project })
      .catch((e: unknown) => e);
    expect((refused as Error).message).toMatch(REFUSED);

    const given = startTestApi(dockerHost, 'clicreds-given', { hostCli, cliLogins: async () => [login] });
    apis.push(given);
    const stack = await given.client.call('stacks.up', { files: [composeFile], projectName: project });
    expect(stack.services.map((s) => s.name)).toEqual(['app']);
    await docker.getImage(reference).inspect();
    expect(readFileSync(userConfigFile).equals(userConfigBytes)).toBe(true);
  }, 180_000);
});

describe('a cancelled run', () => {
  it('leaves no folder behind', async () => {
    await cancelsAndCleansUp(hostDockerCli(target, { runsDir, listLogins: async () => [login] }));
  }, 60_000);
});

describe("buildx with Berth's logins", () => {
  const build = (cli: ReturnType<typeof hostDockerCli>) =>
    cli.run(['buildx', 'build', '--load', '--tag', builtTag, ...labelArgs(), '-'], {
      input: `FROM ${reference}\nLABEL berth.test.clicreds=built\n`,
    });

  it('builds FROM the private image only when the run is given the login', async () => {
    await removeImage(reference);
    const refused = await build(hostDockerCli(target, { runsDir })).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(CliFailedError);
    expect((refused as Error).message).toMatch(REFUSED);

    const { seen, leaks } = await watchingRuns(() =>
      build(hostDockerCli(target, { runsDir, listLogins: async () => [login] })),
    );
    expect(seen.size).toBe(1);
    expect(leaks).toEqual([]);
    expect(readdirSync(runsDir)).toEqual([]);
    const built = await docker.getImage(builtTag).inspect();
    expect(built.Config.Labels?.['berth.test.clicreds']).toBe('built');
    expect(readFileSync(userConfigFile).equals(userConfigBytes)).toBe(true);
  }, 180_000);

  it("keeps using the builder the user selected (buildx's state stays the user's)", async () => {
    const builder = uniqueName('clicreds-builder').replace(/-/g, '_');
    const own = hostDockerCli(target);
    // Not started: buildx records the builder and the selection only.
    await own.run(['buildx', 'create', '--name', builder, '--driver', 'docker-container', '--use']);
    try {
      const given = hostDockerCli(target, { runsDir, listLogins: async () => [login] });
      const inspected = await given.run(['buildx', 'inspect']);
      expect(inspected.stdout).toMatch(new RegExp(`^Name: +${builder}$`, 'm'));
      expect(inspected.stdout).toMatch(/^Driver: +docker-container$/m);
    } finally {
      await own.run(['buildx', 'rm', builder]).catch(() => undefined);
    }
    expect(readFileSync(userConfigFile).equals(userConfigBytes)).toBe(true);
  }, 120_000);
});

describe("the CLI inside Berth's VM with Berth's logins", () => {
  let sshd: TestSshd | undefined;
  let pool: GuestSshPool;
  let guest: (logins: CliLogin[]) => ReturnType<typeof guestDockerCli>;

  beforeAll(async () => {
    // A real sshd stands in for the guest's: the engine root's docker on its PATH, the same "user's" config folder.
    const bin = join(scratch, 'guest-bin');
    mkdirSync(bin, { recursive: true });
    symlinkSync(target.docker, join(bin, 'docker'));
    sshd = await startSshd({
      PATH: `${bin}:/usr/bin:/bin`,
      DOCKER_HOST: dockerHost,
      DOCKER_CONFIG: target.env!.DOCKER_CONFIG!,
    });
    const ssh = {
      host: sshd.host,
      port: sshd.port,
      user: sshd.username,
      identityFile: sshd.privateKeyFile,
      knownHostsFile: sshd.knownHostsFile,
    };
    pool = new GuestSshPool(500);
    guest = (logins) => guestDockerCli(() => ssh, pool, { runsDir, listLogins: async () => logins });
  }, 300_000);

  afterAll(async () => {
    await sshd?.stop();
  });

  it("pulls with the login only when given it, the password in no file and not in the guest's command lines", async () => {
    await removeImage(reference);
    const pull = (logins: CliLogin[]) => guest(logins).run(['compose', '-f', composeFile, '-p', project, 'pull']);
    const refused = await pull([]).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(CliFailedError);
    expect((refused as Error).message).toMatch(REFUSED);

    const { seen, leaks } = await watchingRuns(() => pull([login]));
    expect(seen.size).toBe(1);
    expect(leaks).toEqual([]);
    expect(readdirSync(runsDir)).toEqual([]);
    await docker.getImage(reference).inspect();
    expect(readFileSync(userConfigFile).equals(userConfigBytes)).toBe(true);
    expect(readFileSync(sshd!.logFile, 'utf8')).not.toContain(PASSWORD);
  }, 180_000);

  it("removes the run's folder when a run is cancelled", async () => {
    await cancelsAndCleansUp(guest([login]));
  }, 60_000);

  it("gives a buildx build FROM the private image the login, and the CLI's own input still reaches it", async () => {
    await removeImage(reference);
    await removeImage(builtTag);
    const built = await guest([login]).run(['buildx', 'build', '--load', '--tag', builtTag, '-'], {
      input: `FROM ${reference}\nLABEL berth.test.clicreds=guest\n`,
    });
    expect(built.stderr).toContain('naming to');
    expect((await docker.getImage(builtTag).inspect()).Config.Labels?.['berth.test.clicreds']).toBe('guest');
    expect(readdirSync(runsDir)).toEqual([]);
  }, 180_000);
});
