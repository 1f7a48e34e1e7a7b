// Berth's own registry logins reaching the official CLIs on this computer: against a registry that requires a login,
// compose pull and Berth's stacks.up, and a buildx build FROM its image, work when the run is given the login and fail
// with the registry's refusal when not; the password is in no file of the run's folder while it runs, the folder is
// gone afterwards, and the user's config.json is unchanged byte for byte. The helper script is run as the CLI runs it.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { credentialHelperScript, loginVariables, type CliLogin } from '../../src-main/core/cli-logins';
import { CliFailedError, type CliTarget } from '../../src-main/docker-cli/cli-runner';
import { hostDockerCli } from '../../src-main/docker-cli/docker-cli';
import { startTestApi, type TestApi } from '../support/api';
import { testHostCli } from '../support/compose-project';
import { testEngine, testLabels, uniqueName } from '../support/engine';
import { followProgress } from '../support/progress';
import { startRegistry, type TestRegistry } from '../support/registry';
import { makeOwnedTempDir } from '../support/temp-dirs';

const { docker, dockerHost, image } = testEngine();
const scratch = makeOwnedTempDir('berth-cli-credentials-');
const runsDir = join(scratch, 'runs');
const PASSWORD = 'berth-test';
const REFUSED = /unauthorized|no basic auth credentials|authentication required/i;
const project = uniqueName('clicreds').replace(/-/g, '_');
const builtTag = `${uniqueName('clicreds-built')}:1`;
const COMMAND = ['sh', '-c', 'trap "exit 0" TERM; sleep 300 & wait'];
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
          if (readFileSync(file).includes(PASSWORD)) leaks.push(file);
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
  writeFileSync(userConfigFile, '{\n\t"auths": {},\n  "psFormat": "table {{.ID}}"\n}\n');
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

describe("buildx with Berth's logins", () => {
  const build = (cli: ReturnType<typeof hostDockerCli>) =>
    cli.run(
      [
        'buildx',
        'build',
        '--load',
        '--tag',
        builtTag,
        ...Object.entries(testLabels()).flatMap(([k, v]) => ['--label', `${k}=${v}`]),
        '-',
      ],
      { input: `FROM ${reference}\nLABEL berth.test.clicreds=built\n` },
    );

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
