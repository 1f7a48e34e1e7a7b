// Browsing real registries (Debian's docker-registry) through Berth's API over the HTTP API v2: plain HTTP with a
// login, and TLS with a test CA set through registries.setTrust; repositories with paging, tags with digests, deleting
// a tag's manifest; an untrusted or wrong CA and a refused login in actionable words; Docker Hub search offline.
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RegistryAuth } from '../../src-main/registries/credentials';
import { SettingsStore } from '../../src-main/settings/settings-store';
import { startTestApi, type TestApi } from '../support/api';
import { cleanupTestObjects, testEngine, testLabels, uniqueName } from '../support/engine';
import { rejectionOf } from '../support/errors';
import { followProgress } from '../support/progress';
import { startRegistry, type TestRegistry } from '../support/registry';
import { makeTestCa } from '../support/test-ca';
import { startTokenServer, type TokenServer } from '../support/token-server';
import { makeOwnedTempDir } from '../support/temp-dirs';

const { docker, dockerHost, image } = testEngine();
const scratch = makeOwnedTempDir('berth-registry-browse-');
const LOGIN = { username: 'berth', password: 'berth-test' };
const prefix = uniqueName('browse');
const REPOSITORIES = [`${prefix}/one`, `${prefix}/two`];
let api: TestApi;
let plain: TestRegistry;
let secure: TestRegistry;
/** The password the credential lookup hands out; a test changes it to see a refusal. */
let password: string | undefined = LOGIN.password;
/** A second image (the test image plus one file), so one repository has two manifests. */
let other: string;

const lookup = async (server: string): Promise<RegistryAuth | undefined> =>
  password === undefined ? undefined : { username: LOGIN.username, password, serveraddress: server };

/** Tags `source` as `address/repository:tag` and pushes it with dockerode, logged in as berth. */
async function push(source: string, address: string, repository: string, tag: string): Promise<void> {
  await docker.getImage(source).tag({ repo: `${address}/${repository}`, tag });
  const stream = await docker
    .getImage(`${address}/${repository}:${tag}`)
    .push({ tag, authconfig: { ...LOGIN, serveraddress: address } });
  await followProgress(docker, stream);
}

/** Pushes a and b (the same manifest) and c (another one) to both repositories. */
async function fill(address: string): Promise<void> {
  for (const repository of REPOSITORIES) {
    await push(image, address, repository, 'a');
    await push(image, address, repository, 'b');
    await push(other, address, repository, 'c');
  }
}

beforeAll(async () => {
  const container = await docker.createContainer({
    Image: image,
    Cmd: ['sh', '-c', 'echo other > /other'],
    Labels: testLabels(),
  });
  await container.start();
  await container.wait();
  other = (await container.commit({ repo: uniqueName('browse-other'), tag: 'latest' })).Id as string;
  await docker.getImage(other).tag({ repo: `${prefix}-other`, tag: 'latest' });
  other = `${prefix}-other:latest`;
  [plain, secure] = await Promise.all([
    startRegistry({ requireLogin: true }),
    startRegistry({ requireLogin: true, tls: true }),
  ]);
  await fill(plain.address);
  await fill(secure.address);
  const settings = new SettingsStore(join(scratch, 'data'));
  await settings.load();
  api = startTestApi(dockerHost, 'test-client', { settings, registryCredentials: lookup });
}, 300_000);

afterAll(async () => {
  await api?.close();
  await Promise.all([plain?.stop(), secure?.stop()]);
  const pushed = [plain, secure].flatMap((r) =>
    r ? REPOSITORIES.flatMap((repo) => ['a', 'b', 'c'].map((tag) => `${r.address}/${repo}:${tag}`)) : [],
  );
  for (const reference of [...pushed, other])
    await docker
      .getImage(reference)
      .remove({ force: true })
      .catch(() => undefined);
  await cleanupTestObjects(docker);
  rmSync(scratch, { recursive: true, force: true });
});

describe('a plain-HTTP registry with a login', () => {
  it('lists both repositories, a page at a time', async () => {
    const all = await api.client.call('registries.repositories', { server: plain.address, limit: 100 });
    expect(all.repositories).toEqual(REPOSITORIES);
    expect(all.next).toBeUndefined();

    const first = await api.client.call('registries.repositories', { server: `http://${plain.address}`, limit: 1 });
    expect(first).toEqual({ repositories: [REPOSITORIES[0]], next: REPOSITORIES[0] });
    const second = await api.client.call('registries.repositories', {
      server: plain.address,
      limit: 1,
      after: first.next,
    });
    expect(second.repositories).toEqual([REPOSITORIES[1]]);
  });

  it("lists a repository's tags with the digest each points to", async () => {
    const listing = await api.client.call('registries.tags', { server: plain.address, repository: REPOSITORIES[1]! });
    expect(listing.repository).toBe(REPOSITORIES[1]);
    expect(listing.tags.map((t) => t.tag)).toEqual(['a', 'b', 'c']);
    const [a, b, c] = listing.tags;
    expect(a?.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(a?.mediaType).toBe('application/vnd.docker.distribution.manifest.v2+json');
    expect(b?.digest).toBe(a?.digest);
    expect(c?.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(c?.digest).not.toBe(a?.digest);
  });

  it('deletes a tag by its manifest, naming every tag that went with it', async () => {
    const repository = REPOSITORIES[0]!;
    const before = await api.client.call('registries.tags', { server: plain.address, repository });
    const removal = await api.client.call('registries.deleteTag', { server: plain.address, repository, tag: 'b' });
    expect(removal).toEqual({ digest: before.tags[0]?.digest, tags: ['a', 'b'] });
    const after = await api.client.call('registries.tags', { server: plain.address, repository });
    expect(after.tags.map((t) => t.tag)).toEqual(['c']);
    const gone = await rejectionOf(
      api.client.call('registries.deleteTag', { server: plain.address, repository, tag: 'a' }),
    );
    expect(gone.code).toBe('not-found');
    expect(gone.message).toBe(`${plain.address}/${repository} has no tag a`);
  });

  it('says a repository is not there', async () => {
    const missing = await rejectionOf(
      api.client.call('registries.tags', { server: plain.address, repository: `${prefix}/none` }),
    );
    expect(missing.code).toBe('not-found');
    expect(missing.message).toBe(`${plain.address} has no repository ${prefix}/none`);
  });

  it('asks for a login when none is stored, and gives the reason when the login is refused', async () => {
    try {
      password = undefined;
      const none = await rejectionOf(api.client.call('registries.repositories', { server: plain.address, limit: 10 }));
      expect(none.code).toBe('forbidden');
      expect(none.message).toBe(
        `${plain.address} needs a login (authentication required): log in to it in Settings › Registries`,
      );
      password = 'wrong';
      const wrong = await rejectionOf(api.client.call('registries.repositories', { server: plain.address, limit: 10 }));
      expect(wrong.code).toBe('forbidden');
      expect(wrong.message).toBe(`${plain.address} refused the login for berth (authentication required)`);
      expect(wrong.message).not.toContain('wrong');
    } finally {
      password = LOGIN.password;
    }
  });
});

describe('a TLS registry with its own CA', () => {
  const untrusted = (address: string) =>
    `The registry ${address} presents a certificate Berth does not trust (it is signed by an unknown authority). ` +
    'Add its CA certificate in Settings › Registries, or mark it insecure.';

  it('without its CA: the certificate message that says what to do', async () => {
    const refused = await rejectionOf(
      api.client.call('registries.repositories', { server: secure.address, limit: 10 }),
    );
    expect(refused.code).toBe('unsupported');
    expect(refused.message).toBe(untrusted(secure.address));
  });

  it('with a wrong CA: the same message', async () => {
    const wrongCa = makeTestCa(
      mkdirSync(join(scratch, 'wrong-ca'), { recursive: true }) as string,
      'Someone else',
    ).certificate;
    const summary = await api.client.call('registries.setTrust', { server: secure.address, caCertificate: wrongCa });
    expect(summary).toMatchObject({ server: secure.address, caCertificate: true, insecure: false });
    const refused = await rejectionOf(
      api.client.call('registries.tags', { server: secure.address, repository: REPOSITORIES[0]! }),
    );
    expect(refused.message).toBe(untrusted(secure.address));
  });

  it('with its CA set through registries.setTrust: repositories and tags with digests', async () => {
    const summary = await api.client.call('registries.setTrust', {
      server: `https://${secure.address}/`,
      caCertificate: secure.caCertificate as string,
    });
    expect(summary).toEqual({
      server: secure.address,
      title: secure.address,
      caCertificate: true,
      insecure: false,
      engineNotice:
        "Saved for Berth's registry browser. This engine is not Berth's VM: for its own pulls and pushes it needs " +
        `the CA certificate in /etc/docker/certs.d/${secure.address}/ca.crt on its machine.`,
    });
    const settings = await api.client.call('settings.get', {});
    expect(settings.registries.trust).toEqual([
      { server: secure.address, caCertificate: secure.caCertificate, insecure: false },
    ]);

    const page = await api.client.call('registries.repositories', { server: secure.address, limit: 100 });
    expect(page.repositories).toEqual(REPOSITORIES);
    const listing = await api.client.call('registries.tags', { server: secure.address, repository: REPOSITORIES[0]! });
    expect(listing.tags.map((t) => t.tag)).toEqual(['a', 'b', 'c']);
    expect(listing.tags.every((t) => /^sha256:[0-9a-f]{64}$/.test(t.digest ?? ''))).toBe(true);
    const removal = await api.client.call('registries.deleteTag', {
      server: secure.address,
      repository: REPOSITORIES[0]!,
      tag: 'c',
    });
    expect(removal).toEqual({ digest: listing.tags[2]?.digest, tags: ['c'] });
    const after = await api.client.call('registries.tags', { server: secure.address, repository: REPOSITORIES[0]! });
    expect(after.tags.map((t) => t.tag)).toEqual(['a', 'b']);
  });

  it('marked insecure instead: browses without checking the certificate; removing both trusts again', async () => {
    await api.client.call('registries.setTrust', { server: secure.address, caCertificate: null, insecure: true });
    const page = await api.client.call('registries.repositories', { server: secure.address, limit: 100 });
    expect(page.repositories).toEqual(REPOSITORIES);
    const summary = await api.client.call('registries.setTrust', { server: secure.address, insecure: false });
    expect(summary).toEqual({ server: secure.address, title: secure.address, caCertificate: false, insecure: false });
    expect((await api.client.call('settings.get', {})).registries.trust).toEqual([]);
    const refused = await rejectionOf(api.client.call('registries.repositories', { server: secure.address, limit: 1 }));
    expect(refused.message).toBe(untrusted(secure.address));
  });

  it('refuses a CA certificate that cannot be read, changing nothing', async () => {
    const broken = '-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydGlmaWNhdGU=\n-----END CERTIFICATE-----\n';
    const refused = await rejectionOf(
      api.client.call('registries.setTrust', { server: secure.address, caCertificate: broken }),
    );
    expect(refused.code).toBe('invalid-argument');
    expect(refused.message).toMatch(/^caCertificate: is not a PEM certificate that can be read \(/);
    expect((await api.client.call('settings.get', {})).registries.trust).toEqual([]);
  });
});

describe('a registry that takes Bearer tokens from a token server', () => {
  let tokens: TokenServer;
  let registry: TestRegistry;

  beforeAll(async () => {
    tokens = await startTokenServer(mkdirSync(join(scratch, 'token'), { recursive: true }) as string);
    registry = await startRegistry({ token: tokens });
    await push(image, registry.address, REPOSITORIES[0]!, 'a');
    await push(other, registry.address, REPOSITORIES[0]!, 'c');
  }, 120_000);

  afterAll(async () => {
    await registry?.stop();
    await tokens?.stop();
    for (const tag of ['a', 'c'])
      await docker
        .getImage(`${registry?.address}/${REPOSITORIES[0]}:${tag}`)
        .remove({ force: true })
        .catch(() => undefined);
  });

  it('browses and deletes with tokens asked for each scope with the login', async () => {
    const from = tokens.requests.length;
    const page = await api.client.call('registries.repositories', { server: registry.address, limit: 10 });
    expect(page.repositories).toEqual([REPOSITORIES[0]]);
    const listing = await api.client.call('registries.tags', {
      server: registry.address,
      repository: REPOSITORIES[0]!,
    });
    expect(listing.tags.map((t) => t.tag)).toEqual(['a', 'c']);
    expect(listing.tags.every((t) => /^sha256:[0-9a-f]{64}$/.test(t.digest ?? ''))).toBe(true);
    const removal = await api.client.call('registries.deleteTag', {
      server: registry.address,
      repository: REPOSITORIES[0]!,
      tag: 'a',
    });
    expect(removal).toEqual({ digest: listing.tags[0]?.digest, tags: ['a'] });
    const after = await api.client.call('registries.tags', { server: registry.address, repository: REPOSITORIES[0]! });
    expect(after.tags.map((t) => t.tag)).toEqual(['c']);
    const scopes = tokens.requests.slice(from);
    expect(scopes.every((r) => r.login)).toBe(true);
    expect(scopes.map((r) => r.scope)).toEqual(
      expect.arrayContaining([
        'registry:catalog:*',
        `repository:${REPOSITORIES[0]}:pull`,
        `repository:${REPOSITORIES[0]}:delete`,
      ]),
    );
  });

  it('without a login: the token carries no access, and Berth asks for a login', async () => {
    try {
      password = undefined;
      const refused = await rejectionOf(
        api.client.call('registries.repositories', { server: registry.address, limit: 1 }),
      );
      expect(refused.code).toBe('forbidden');
      expect(refused.message).toMatch(
        new RegExp(`^${registry.address} needs a login .*: log in to it in Settings › Registries$`),
      );
      password = 'wrong';
      const wrong = await rejectionOf(
        api.client.call('registries.repositories', { server: registry.address, limit: 1 }),
      );
      expect(wrong.message).toBe(`${registry.address} refused the login for berth (wrong user name or password)`);
    } finally {
      password = LOGIN.password;
    }
  });
});

describe('Docker Hub search', () => {
  it('says the engine cannot reach Docker Hub, in its own words', async () => {
    const offline = await rejectionOf(api.client.call('images.search', { term: 'nginx', limit: 5 }));
    expect(offline.code).toBe('unsupported');
    expect(offline.message).toMatch(
      /^Docker Hub cannot be reached from the engine \(.+\): search needs the internet\.$/s,
    );
  }, 90_000);
});
