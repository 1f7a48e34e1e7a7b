// Registry logins through Berth's API against real registries that require a login (plain HTTP and TLS): a wrong
// password refused in the registry's words and nothing kept; a right one kept (keychain file, a credential helper
// shared with the real docker CLI, or memory) and used to push and pull; logout; the password in no answer, event,
// console line, data-folder file or diagnostics bundle.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { RegistryList, RegistrySummary } from '../../src-main/contract/dto/registries';
import type { WireResult } from '../../src-main/contract/result';
import { VAULT_FILE } from '../../src-main/registries/keychain-vault';
import type { ServiceOptions } from '../../src-main/api/services';
import { SettingsStore } from '../../src-main/settings/settings-store';
import { startTestApi, type TestApi } from '../support/api';
import { runCommand } from '../support/command';
import { writeTestCredentialHelper, type TestCredentialHelper } from '../support/credential-helper-script';
import { cleanupTestObjects, testEngine, testLabels, uniqueName } from '../support/engine';
import { ensureDebianPackages } from '../support/packages';
import { startRegistry, type TestRegistry } from '../support/registry';
import { bytesSecret, filesUnder, scan, textSecret, type Secret } from '../support/secret-scan';
import { makeOwnedTempDir } from '../support/temp-dirs';
import { testKeychain } from '../support/test-keychain';

const { docker, dockerHost, image } = testEngine();
const USER = 'berth';
const PASSWORD = 'berth-test';
/**
 * The registry's password in the forms it could leak in. The bare word is also the test image's repository
 * ("berth-test/busybox"), so it is searched as a JSON string value, with its base64 (alone and as "user:password")
 * and hex.
 */
const passwordSecrets: Secret[] = [
  textSecret('password as a JSON value', JSON.stringify(PASSWORD)),
  textSecret('password base64', Buffer.from(PASSWORD).toString('base64')),
  textSecret('user:password base64', Buffer.from(`${USER}:${PASSWORD}`).toString('base64')),
  textSecret('password hex', Buffer.from(PASSWORD).toString('hex')),
];

const apis: TestApi[] = [];
/** Every answer as a transport would send it: [method, JSON]. */
const answers: Array<[string, string]> = [];
const printed: string[] = [];
const scratch = makeOwnedTempDir('berth-registry-logins-');

async function call<T>(api: TestApi, method: string, args: unknown = {}): Promise<WireResult<T>> {
  const wire = JSON.stringify(await api.backend.dispatch(method, args, { client: 'registry-logins' }));
  answers.push([method, wire]);
  return JSON.parse(wire) as WireResult<T>;
}

async function value<T>(api: TestApi, method: string, args: unknown = {}): Promise<T> {
  const result = await call<T>(api, method, args);
  if (!result.ok) throw new Error(`${method}: ${result.error.code}: ${result.error.message}`);
  return result.value;
}

/** A folder of its own under the scratch folder. */
function folder(name: string): string {
  const dir = join(scratch, `${name}-${randomBytes(3).toString('hex')}`);
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** An API with a data folder (settings loaded) and its own docker config folder. */
async function startApi(options: ServiceOptions & { dataDir: string }): Promise<TestApi> {
  const settings = new SettingsStore(options.dataDir);
  await settings.load();
  const api = startTestApi(dockerHost, 'registry-logins', { ...options, settings });
  apis.push(api);
  return api;
}

/** The files of a diagnostics bundle `api` collects, unzipped: [name, content]. */
async function diagnosticsFiles(api: TestApi): Promise<Array<[string, Buffer]>> {
  const outDir = folder('diagnostics');
  const zip = join(outDir, 'diagnostics.zip');
  await value(api, 'diagnostics.collect', { path: zip });
  const { unzip = 'unzip' } = await ensureDebianPackages({ unzip: 'unzip' });
  const unzipped = join(outDir, 'unzipped');
  mkdirSync(unzipped);
  expect((await runCommand(unzip, ['-q', zip, '-d', unzipped])).code).toBe(0);
  return filesUnder(unzipped);
}

const entryFor = (list: RegistryList, server: string) => list.registries.find((r) => r.server === server);

beforeAll(() => {
  for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    const original = console[level].bind(console);
    vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
      printed.push(args.map(String).join(' '));
      original(...args);
    });
  }
});

afterAll(async () => {
  for (const api of apis) await api.close();
  await cleanupTestObjects(docker);
  vi.restoreAllMocks();
});

describe.each([
  { tls: false, name: 'plain HTTP' },
  { tls: true, name: 'TLS' },
])('a registry that requires a login over $name', ({ tls }) => {
  let registry: TestRegistry;
  let dataDir: string;
  let configDir: string;
  const keychain = testKeychain();
  let api: TestApi;

  beforeAll(async () => {
    registry = await startRegistry({ requireLogin: true, tls });
    dataDir = folder('data');
    configDir = folder('docker-config');
    api = await startApi({ dataDir, dockerConfigDir: configDir, keychain });
  });
  afterAll(async () => {
    await registry?.stop();
  });

  it('refuses a wrong password with the registry words and keeps nothing', async () => {
    const wrong = `wrong-${randomBytes(8).toString('hex')}`;
    const result = await call(api, 'registries.login', { server: registry.address, username: USER, password: wrong });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error, result.error.message).toMatchObject({ code: 'unauthorized' });
    // dockerd retries a loopback registry over plain HTTP after HTTPS refused: a TLS one then answers 400.
    expect(result.error.message).toMatch(
      tls ? /failed with status: (401|400)/ : /failed with status: 401 Unauthorized/,
    );
    expect(result.error.message).not.toContain(wrong);
    const list = await value<RegistryList>(api, 'registries.list');
    expect(entryFor(list, registry.address)).toBeUndefined();
    expect(existsSync(join(dataDir, VAULT_FILE))).toBe(false);
    expect(
      scan(
        [textSecret('wrong password', wrong)],
        [...answers, ...printed.map((p) => ['console', p] as [string, string])],
      ),
    ).toEqual([]);
  });

  it('logs in, pushes with per-layer progress, pulls back through Berth, and logs out', async () => {
    const reference = `${registry.address}/berth-login/app:1`;
    await docker.getImage(image).tag({ repo: `${registry.address}/berth-login/app`, tag: '1' });
    const anonymous = await call(api, 'images.push', { reference });
    expect(anonymous.ok).toBe(false);

    const summary = await value<RegistrySummary>(api, 'registries.login', {
      server: `${tls ? 'https' : 'http'}://${registry.address}/`,
      username: USER,
      password: PASSWORD,
    });
    expect(summary).toMatchObject({ server: registry.address, username: USER, storage: 'keychain' });
    const list = await value<RegistryList>(api, 'registries.list');
    expect(list.store).toEqual({ storage: 'keychain' });
    expect(list.registries[0]).toMatchObject({ server: 'docker.io', title: 'Docker Hub' });
    expect(entryFor(list, registry.address)).toMatchObject({ username: USER, storage: 'keychain' });

    const operation = uniqueName('push');
    const pushed = await value<{ digest?: string }>(api, 'images.push', { reference, operation });
    expect(pushed.digest).toMatch(/^sha256:/);
    const layers = api.events
      .all('images.progress')
      .filter((e) => e.operation === operation)
      .flatMap((e) => e.layers);
    expect(layers.some((l) => /Pushed|Layer already exists/.test(l.status))).toBe(true);

    const id = (await docker.getImage(reference).inspect()).Id;
    await docker.getImage(reference).remove();
    const pulled = await value<{ id: string }>(api, 'images.pull', { reference });
    expect(pulled.id).toBe(id);

    // A new Berth on the same data folder and keychain reads the login back.
    const again = await startApi({ dataDir, dockerConfigDir: configDir, keychain: testKeychain(keychain.key) });
    expect(entryFor(await value<RegistryList>(again, 'registries.list'), registry.address)).toMatchObject({
      username: USER,
      storage: 'keychain',
    });
    expect(await again.backend.services.credentials.lookup(registry.address)).toEqual({
      username: USER,
      password: PASSWORD,
      serveraddress: registry.address,
    });

    expect(scan(passwordSecrets, filesUnder(dataDir))).toEqual([]);
    const vault = JSON.parse(readFileSync(join(dataDir, VAULT_FILE), 'utf8')) as {
      logins: Record<string, { username: string; secret: string }>;
    };
    expect(vault.logins[registry.address]?.username).toBe(USER);
    // The diagnostics bundle has neither the vault file nor its encrypted secret.
    const bundle = await diagnosticsFiles(api);
    expect(bundle.map(([name]) => name).filter((name) => name.includes('registry-logins'))).toEqual([]);
    const encrypted = textSecret('encrypted secret', vault.logins[registry.address]!.secret);
    expect(scan([encrypted, ...passwordSecrets], bundle)).toEqual([]);

    await value(api, 'registries.logout', { server: registry.address });
    expect(entryFor(await value<RegistryList>(api, 'registries.list'), registry.address)).toBeUndefined();
    await docker.getImage(reference).remove();
    expect((await call(api, 'images.pull', { reference })).ok).toBe(false);
    const missing = await call(api, 'registries.logout', { server: registry.address });
    expect(!missing.ok && missing.error.code).toBe('not-found');
  });
});

describe('a credential helper named by config.json', () => {
  let registry: TestRegistry;
  let helper: TestCredentialHelper;
  let configDir: string;
  let api: TestApi;
  const configText = `${JSON.stringify({ credsStore: 'berthtest' }, null, '\t')}\n`;

  beforeAll(async () => {
    registry = await startRegistry({ requireLogin: true });
    const dir = folder('helper');
    helper = writeTestCredentialHelper(dir);
    configDir = join(dir, 'docker-config');
    mkdirSync(configDir);
    writeFileSync(join(configDir, 'config.json'), configText);
    api = await startApi({
      dataDir: folder('helper-data'),
      dockerConfigDir: configDir,
      keychain: testKeychain(),
      credentialHelperEnv: helper.env,
    });
  });
  afterAll(async () => {
    await registry?.stop();
  });

  it("keeps Berth's login in the helper, where the docker CLI pulls with it; logout erases it; config.json untouched", async () => {
    expect((await value<RegistryList>(api, 'registries.list')).store).toEqual({
      storage: 'helper',
      helper: 'berthtest',
    });
    const summary = await value<RegistrySummary>(api, 'registries.login', {
      server: registry.address,
      username: USER,
      password: PASSWORD,
    });
    expect(summary).toMatchObject({ storage: 'helper', helper: 'berthtest', username: USER });
    expect(helper.logins()).toEqual({ [registry.address]: { Username: USER, Secret: PASSWORD } });
    expect(entryFor(await value<RegistryList>(api, 'registries.list'), registry.address)).toMatchObject({
      storage: 'helper',
      helper: 'berthtest',
      username: USER,
    });

    const reference = `${registry.address}/berth-login/helper:1`;
    await docker.getImage(image).tag({ repo: `${registry.address}/berth-login/helper`, tag: '1' });
    await value(api, 'images.push', { reference });
    await docker.getImage(reference).remove();
    const cli = await runCommand('docker', ['--config', configDir, 'pull', reference], {
      env: { ...helper.env, DOCKER_HOST: dockerHost },
      timeoutMs: 60_000,
    });
    expect(cli.stderr).not.toMatch(/no basic auth|unauthorized/i);
    expect(cli.code).toBe(0);
    await docker.getImage(reference).inspect();

    await value(api, 'registries.logout', { server: registry.address });
    expect(helper.logins()).toEqual({});
    expect(readFileSync(join(configDir, 'config.json'), 'utf8')).toBe(configText);
  });

  it('uses a login the docker CLI made in the terminal', async () => {
    const cliConfig = join(folder('cli-config'));
    writeFileSync(join(cliConfig, 'config.json'), configText);
    const login = await runCommand(
      'docker',
      ['--config', cliConfig, 'login', registry.address, '--username', USER, '--password-stdin'],
      { env: { ...helper.env, DOCKER_HOST: dockerHost }, input: PASSWORD, timeoutMs: 60_000 },
    );
    expect(login.code).toBe(0);
    const fromCli = await startApi({
      dataDir: folder('cli-data'),
      dockerConfigDir: cliConfig,
      credentialHelperEnv: helper.env,
    });
    expect(entryFor(await value<RegistryList>(fromCli, 'registries.list'), registry.address)).toMatchObject({
      storage: 'helper',
      username: USER,
    });
    const reference = `${registry.address}/berth-login/helper:1`;
    await docker.getImage(reference).remove();
    await value(fromCli, 'images.pull', { reference });
    await value(fromCli, 'registries.logout', { server: registry.address });
    expect(helper.logins()).toEqual({});
  });
});

describe('no keychain', () => {
  let registry: TestRegistry;
  let dataDir: string;
  let api: TestApi;

  beforeAll(async () => {
    registry = await startRegistry({ requireLogin: true });
    dataDir = folder('memory-data');
    api = await startApi({ dataDir, dockerConfigDir: folder('memory-config') });
  });
  afterAll(async () => {
    await registry?.stop();
  });

  it('keeps logins in memory only, and says so; push and containers.run use them', async () => {
    const before = await value<RegistryList>(api, 'registries.list');
    expect(before.store.storage).toBe('memory');
    expect(before.store.notice).toMatch(/until Berth quits/);
    const summary = await value<RegistrySummary>(api, 'registries.login', {
      server: registry.address,
      username: USER,
      password: PASSWORD,
    });
    expect(summary.storage).toBe('memory');
    expect(existsSync(join(dataDir, VAULT_FILE))).toBe(false);
    expect(scan(passwordSecrets, filesUnder(dataDir))).toEqual([]);
    const reference = `${registry.address}/berth-login/memory:1`;
    await docker.getImage(image).tag({ repo: `${registry.address}/berth-login/memory`, tag: '1' });
    await value(api, 'images.push', { reference });
    // containers.run pulls an image it does not have with the login too.
    await docker.getImage(reference).remove();
    const created = await value<{ id: string }>(api, 'containers.run', {
      spec: { image: reference, command: ['true'], labels: testLabels() },
      start: false,
    });
    expect((await docker.getContainer(created.id).inspect()).Config.Image).toBe(reference);
  });

  it("uses a login docker login wrote into config.json's auths, and refuses to log it out", async () => {
    const configDir = folder('auths-config');
    const auth = Buffer.from(`${USER}:${PASSWORD}`).toString('base64');
    const configText = JSON.stringify({ auths: { [`https://${registry.address}`]: { auth } } });
    writeFileSync(join(configDir, 'config.json'), configText);
    const fromFile = await startApi({ dataDir: folder('auths-data'), dockerConfigDir: configDir });
    expect(entryFor(await value<RegistryList>(fromFile, 'registries.list'), registry.address)).toMatchObject({
      username: USER,
      storage: 'config-file',
    });
    const reference = `${registry.address}/berth-login/memory:1`;
    await docker.getImage(reference).remove({ force: true });
    await value(fromFile, 'images.pull', { reference });
    const refused = await call(fromFile, 'registries.logout', { server: registry.address });
    expect(!refused.ok && refused.error).toMatchObject({ code: 'unsupported', message: /docker logout/ });
    expect(readFileSync(join(configDir, 'config.json'), 'utf8')).toBe(configText);
  });

  it('puts the password in no answer, event, console line or diagnostics bundle', async () => {
    const events = apis.flatMap((a) =>
      a.events.events.map((e) => [`event ${e.name}`, JSON.stringify(e)] as [string, string]),
    );
    const places: Array<[string, string | Buffer]> = [
      ...answers,
      ...events,
      ...printed.map((line) => ['console', line] as [string, string]),
      ...(await diagnosticsFiles(api)),
    ];
    expect(answers.some(([method]) => method === 'registries.login')).toBe(true);
    expect(scan([...passwordSecrets, bytesSecret('password bytes', Buffer.from(`"${PASSWORD}"`))], places)).toEqual([]);
  });
});
