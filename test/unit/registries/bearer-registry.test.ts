// The registry client against a small node:http registry on 127.0.0.1 that asks for Bearer tokens from its own token
// server: tokens per scope with the login as Basic auth (or anonymous), catalogue paging, digests, a refused delete,
// a refused login without the password in any message, and the deadline and body bound of every request.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RegistryBrowser, MANIFEST_ACCEPT } from '../../../src-main/registries/registry-browser';
import type { RegistryAuth } from '../../../src-main/registries/credentials';
import { registryRequest } from '../../../src-main/registries/registry-http';

const PASSWORD = 's3cret-Pa55';
const REPOSITORIES = ['alpha', 'team/app', 'zeta'];
const DIGESTS: Record<string, string> = { v1: `sha256:${'1'.repeat(64)}`, v2: `sha256:${'2'.repeat(64)}` };
const TAGS = ['v2', 'v1', 'latest'];
DIGESTS.latest = DIGESTS.v2 as string;

let server: Server;
let address: string;
/** Every request the fake saw: method, URL and Authorization header. */
const seen: Array<{ method: string; url: string; authorization?: string | undefined }> = [];

const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

/** Issues `token:<scope>` for berth's login, `anon:<scope>` for pull scopes without one; refuses a wrong password. */
function token(req: IncomingMessage, res: ServerResponse, url: URL): void {
  const scope = url.searchParams.get('scope') ?? '';
  if (url.searchParams.get('service') !== 'fake-registry') return json(res, 400, { errors: [{ message: 'service?' }] });
  if (req.headers.authorization === basic('berth', PASSWORD)) return json(res, 200, { token: `token:${scope}` });
  if (req.headers.authorization) return json(res, 401, { errors: [{ code: 'UNAUTHORIZED', message: 'bad login' }] });
  if (scope.endsWith(':pull')) return json(res, 200, { access_token: `anon:${scope}`, expires_in: 300 });
  return json(res, 401, { errors: [{ code: 'UNAUTHORIZED', message: 'login required' }] });
}

function handle(req: IncomingMessage, res: ServerResponse): void {
  const url = new URL(req.url ?? '/', `http://${address}`);
  seen.push({ method: req.method ?? '', url: req.url ?? '', authorization: req.headers.authorization });
  if (url.pathname === '/token') return token(req, res, url);
  if (url.pathname === '/slow') return; // never answers
  if (url.pathname === '/big') return json(res, 200, { pad: 'x'.repeat(1000) });
  const challenge = (scope?: string) => ({
    'WWW-Authenticate': `Bearer realm="http://${address}/token",service="fake-registry"${scope ? `,scope="${scope}"` : ''}`,
  });
  const needs = (scope: string) => {
    const given = req.headers.authorization ?? '';
    if (given === `Bearer token:${scope}` || given === `Bearer anon:${scope}`) return true;
    json(res, 401, { errors: [{ code: 'UNAUTHORIZED', message: 'authentication required' }] }, challenge(scope));
    return false;
  };
  if (url.pathname === '/v2/') return json(res, 401, {}, challenge());
  if (url.pathname === '/v2/_catalog') {
    if (!needs('registry:catalog:*')) return;
    const n = Number(url.searchParams.get('n'));
    const after = url.searchParams.get('last');
    const rest = REPOSITORIES.filter((name) => !after || name > after);
    const page = rest.slice(0, n);
    const more: Record<string, string> =
      rest.length > n
        ? { Link: `</v2/_catalog?last=${encodeURIComponent(page.at(-1) ?? '')}&n=${n}>; rel="next"` }
        : {};
    return json(res, 200, { repositories: page }, more);
  }
  const tags = /^\/v2\/team\/app\/tags\/list$/.exec(url.pathname);
  if (tags) {
    if (needs('repository:team/app:pull')) json(res, 200, { name: 'team/app', tags: TAGS });
    return;
  }
  const manifest = /^\/v2\/team\/app\/manifests\/(.+)$/.exec(url.pathname);
  if (manifest && req.method === 'HEAD') {
    if (!needs('repository:team/app:pull')) return;
    if (req.headers.accept !== MANIFEST_ACCEPT) return json(res, 400, {});
    const digest = DIGESTS[manifest[1] as string];
    if (!digest) return json(res, 404, {});
    res.writeHead(200, {
      'Docker-Content-Digest': digest,
      'Content-Type': 'application/vnd.oci.image.index.v1+json',
    });
    return void res.end();
  }
  if (manifest && req.method === 'DELETE') {
    if (!needs('repository:team/app:delete')) return;
    return json(res, 405, { errors: [{ code: 'UNSUPPORTED', message: 'The operation is unsupported.' }] });
  }
  json(res, 404, { errors: [{ code: 'NAME_UNKNOWN', message: 'repository name not known to registry' }] });
}

beforeAll(async () => {
  server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  address = `127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

function browser(login: RegistryAuth | undefined) {
  return new RegistryBrowser({ credentials: async () => login, trust: () => undefined, timeoutMs: 5_000 });
}
const berth = (): RegistryAuth => ({ username: 'berth', password: PASSWORD, serveraddress: address });

describe('a Bearer-token registry', () => {
  it('asks its token server for each scope with the login, and pages the catalogue by its Link header', async () => {
    seen.length = 0;
    const client = browser(berth());
    const first = await client.repositories(address, 2);
    expect(first).toEqual({ repositories: ['alpha', 'team/app'], next: 'team/app' });
    expect(await client.repositories(address, 2, first.next)).toEqual({ repositories: ['zeta'] });
    const tokenRequest = seen.find((r) => r.url.startsWith('/token'));
    const query = new URL(tokenRequest?.url ?? '', 'http://x').searchParams;
    expect(query.get('scope')).toBe('registry:catalog:*');
    expect(query.get('service')).toBe('fake-registry');
    expect(query.get('account')).toBe('berth');
    expect(tokenRequest?.authorization).toBe(basic('berth', PASSWORD));
    // The password goes to the token server only; the registry sees tokens.
    const toRegistry = seen.filter((r) => !r.url.startsWith('/token')).map((r) => r.authorization ?? '');
    expect(toRegistry.every((a) => !a.startsWith('Basic'))).toBe(true);
  });

  it('reads tags in name order with their digests, anonymously for a pull scope', async () => {
    expect(await browser(undefined).tags(address, 'team/app')).toEqual({
      repository: 'team/app',
      tags: [
        { tag: 'latest', digest: DIGESTS.v2, mediaType: 'application/vnd.oci.image.index.v1+json' },
        { tag: 'v1', digest: DIGESTS.v1, mediaType: 'application/vnd.oci.image.index.v1+json' },
        { tag: 'v2', digest: DIGESTS.v2, mediaType: 'application/vnd.oci.image.index.v1+json' },
      ],
    });
  });

  it('says when the registry does not allow deletes, after asking for a delete-scoped token', async () => {
    seen.length = 0;
    await expect(browser(berth()).deleteTag(address, 'team/app', 'v1')).rejects.toMatchObject({
      code: 'unsupported',
      message: `${address} does not allow deleting images (The operation is unsupported.): its storage must have deletes enabled`,
    });
    const scopes = seen
      .filter((r) => r.url.startsWith('/token'))
      .map((r) => new URL(r.url, 'http://x').searchParams.get('scope'));
    expect(scopes).toContain('repository:team/app:delete');
    await expect(browser(berth()).deleteTag(address, 'team/app', 'nope')).rejects.toThrow(
      `${address}/team/app has no tag nope`,
    );
  });

  it('gives the token server’s reason for a refused login, never the password', async () => {
    const wrong = { ...berth(), password: 'not-the-one' };
    const error = await browser(wrong)
      .repositories(address, 10)
      .catch((e: Error & { code?: string }) => e);
    expect(error).toMatchObject({ code: 'forbidden', message: `${address} refused the login for berth (bad login)` });
    expect(JSON.stringify(error)).not.toContain('not-the-one');
    await expect(browser(undefined).repositories(address, 10)).rejects.toThrow(
      `${address} needs a login (login required): log in to it in Settings › Registries`,
    );
  });
});

describe('registry requests', () => {
  it('give up at their deadline', async () => {
    await expect(
      registryRequest({ method: 'GET', url: new URL(`http://${address}/slow`), verify: true, timeoutMs: 200 }),
    ).rejects.toThrow(`The registry ${address} did not answer within 0.2 s`);
  });

  it('read a bounded body', async () => {
    await expect(
      registryRequest({ method: 'GET', url: new URL(`http://${address}/big`), verify: true, maxBodyBytes: 100 }),
    ).rejects.toThrow(`The registry ${address} sent more than 100 bytes`);
  });

  it('say a registry cannot be reached', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    await expect(browser(undefined).repositories(`127.0.0.1:${port}`, 1)).rejects.toThrow(
      `The registry 127.0.0.1:${port} cannot be reached (ECONNREFUSED)`,
    );
  });
});
