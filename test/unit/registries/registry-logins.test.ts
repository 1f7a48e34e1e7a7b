// The login service's choices without an engine call: which helper owns a server, a helper config.json names that
// is not installed (a notice, pulls go anonymous, logins refused before the engine is asked), where logins go, and
// how long the logins CLI runs are given stand before the helpers are asked again.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { RegistryLoginService } from '../../../src-main/registries/registry-logins';
import { CredentialHelper } from '../../../src-main/registries/credential-helper';
import { writeTestCredentialHelper } from '../../support/credential-helper-script';
import { testKeychain } from '../../support/test-keychain';
import { waitFor } from '../../support/wait';

const root = mkdtempSync(join(tmpdir(), 'berth-registry-logins-unit-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** No engine in these tests: a login that reaches it fails the test. */
const noEngine = {
  checkAuth: () => {
    throw new Error('the engine was asked');
  },
};

function configDir(name: string, config: object): string {
  const dir = join(root, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'config.json'), JSON.stringify(config));
  return dir;
}

describe('a credential helper that is not installed', () => {
  const service = new RegistryLoginService({
    docker: noEngine,
    dockerConfigDir: configDir('missing', { credsStore: 'nothere' }),
    helperEnv: { PATH: join(root, 'empty-bin') },
  });

  it('is where logins go, with a notice that it is missing', async () => {
    const list = await service.list();
    expect(list.store).toMatchObject({ storage: 'helper', helper: 'nothere' });
    expect(list.store.notice).toMatch(/docker-credential-nothere .* is not on the PATH/);
    expect(list.registries).toEqual([
      { server: 'docker.io', title: 'Docker Hub', caCertificate: false, insecure: false },
    ]);
  });

  it('gives no credentials to pulls, and refuses a login before asking the engine', async () => {
    expect(await service.lookup('docker.io')).toBeUndefined();
    await expect(service.login('docker.io', 'me', 'pw')).rejects.toThrow(/not on the PATH.*install it/);
  });
});

describe('helpers per registry', () => {
  it("lists only the logins config.json gives a helper, with trust settings' registries", async () => {
    const helper = writeTestCredentialHelper(join(root, 'per-registry'));
    const client = new CredentialHelper(helper.name, { env: helper.env });
    await client.store('https://index.docker.io/v1/', { username: 'hub-user', secret: 'a' });
    await client.store('https://other.example.com', { username: 'other-user', secret: 'b' });
    const service = new RegistryLoginService({
      docker: noEngine,
      dockerConfigDir: configDir('per-registry-config', {
        credHelpers: { 'index.docker.io': 'berthtest', 'other.example.com': 'elsewhere' },
      }),
      dataDir: join(root, 'per-registry-data'),
      keychain: testKeychain(),
      helperEnv: helper.env,
      trustedServers: () => [{ server: 'https://trusted.example.com:5000', caCertificate: 'PEM', insecure: true }],
    });
    const list = await service.list();
    expect(list.store).toEqual({ storage: 'keychain' });
    expect(list.registries).toEqual([
      {
        server: 'docker.io',
        title: 'Docker Hub',
        username: 'hub-user',
        storage: 'helper',
        helper: 'berthtest',
        caCertificate: false,
        insecure: false,
      },
      { server: 'trusted.example.com:5000', title: 'trusted.example.com:5000', caCertificate: true, insecure: true },
    ]);
    expect(await service.lookup('index.docker.io')).toEqual({
      username: 'hub-user',
      password: 'a',
      serveraddress: 'https://index.docker.io/v1/',
    });
    await service.logout('https://index.docker.io/v1/');
    expect(helper.logins()).toEqual({ 'https://other.example.com': { Username: 'other-user', Secret: 'b' } });
  });
});

describe('the logins CLI runs are given', () => {
  /** The engine's /auth accepting every login (the registry's answer is the integration tests'). */
  const acceptingEngine = { checkAuth: async () => ({}) };

  /** A service whose logins go to the test helper, and a way to change the helper's logins behind its back. */
  function helperService(name: string, loginsCacheMs: number) {
    const helper = writeTestCredentialHelper(join(root, name));
    const service = new RegistryLoginService({
      docker: acceptingEngine,
      dockerConfigDir: configDir(`${name}-config`, { credsStore: 'berthtest' }),
      helperEnv: helper.env,
      loginsCacheMs,
    });
    const client = new CredentialHelper(helper.name, { env: helper.env });
    const storeBehindItsBack = async (secret: string) => {
      const [url] = Object.keys(helper.logins());
      await client.store(url!, { username: 'me', secret });
    };
    return { service, storeBehindItsBack };
  }

  const passwords = async (service: RegistryLoginService) => (await service.logins()).map((auth) => auth.password);

  it('are asked of the helpers once within the window, and again after a login or logout here', async () => {
    const { service, storeBehindItsBack } = helperService('cached-logins', 60_000);
    expect(await passwords(service)).toEqual([]);
    await service.login('registry.example.com', 'me', 'first');
    expect(await passwords(service)).toEqual(['first']);

    await storeBehindItsBack('changed-outside');
    expect(await passwords(service)).toEqual(['first']);

    await service.login('registry.example.com', 'me', 'second');
    expect(await passwords(service)).toEqual(['second']);
    await service.logout('registry.example.com');
    expect(await passwords(service)).toEqual([]);
  });

  it('are asked of the helpers again once the window has passed', async () => {
    const { service, storeBehindItsBack } = helperService('expiring-logins', 300);
    await service.login('registry.example.com', 'me', 'first');
    expect(await passwords(service)).toEqual(['first']);
    await storeBehindItsBack('changed-outside');
    await waitFor(async () => (await passwords(service))[0] === 'changed-outside', {
      timeoutMs: 10_000,
      message: 'the changed login reaching logins()',
    });
  });
});
