// A registry token server on 127.0.0.1 for one test (node:http): checks the test login as Basic auth and issues JWTs
// signed with a key whose self-signed certificate (in the x5c header) is the registry's rootcertbundle.
import { createPrivateKey, sign, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { REGISTRY_LOGIN } from './registry';
import { makeTestCa } from './test-ca';

export interface TokenServer {
  /** The realm to put in the registry's auth.token config. */
  realm: string;
  service: string;
  issuer: string;
  /** The signing certificate, PEM file: the registry's rootcertbundle. */
  certificateFile: string;
  /** Every scope asked for, with whether a login came with it. */
  requests: Array<{ scope: string; login: boolean }>;
  stop(): Promise<void>;
}

const { username: USER, password: PASSWORD } = REGISTRY_LOGIN;
const base64url = (data: Buffer | string) => Buffer.from(data).toString('base64url');

/** Starts the token server; its key and certificate are made in `dir` (the caller removes it). */
export async function startTokenServer(dir: string): Promise<TokenServer> {
  // A self-signed certificate and its key: what makeTestCa makes for a CA is what a token issuer needs.
  const { certificateFile } = makeTestCa(dir, 'Berth test token issuer');
  const keyFile = join(dir, 'ca.key');
  const key = createPrivateKey(readFileSync(keyFile));
  const der = new X509Certificate(readFileSync(certificateFile)).raw;
  const service = 'berth-test-registry';
  const issuer = 'berth-test-issuer';
  const requests: TokenServer['requests'] = [];

  const jwt = (subject: string, access: unknown[]) => {
    const now = Math.floor(Date.now() / 1000);
    const header = { typ: 'JWT', alg: 'RS256', x5c: [der.toString('base64')] };
    const claims = {
      iss: issuer,
      sub: subject,
      aud: service,
      exp: now + 300,
      nbf: now - 10,
      iat: now,
      jti: `${now}-${requests.length}`,
      access,
    };
    const signed = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(claims))}`;
    return `${signed}.${base64url(sign('RSA-SHA256', Buffer.from(signed), key))}`;
  };

  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://token');
    const given = req.headers.authorization;
    const login = given === `Basic ${Buffer.from(`${USER}:${PASSWORD}`).toString('base64')}`;
    const scopes = url.searchParams.getAll('scope');
    for (const scope of scopes) requests.push({ scope, login });
    if (given && !login) {
      res.writeHead(401, { 'Content-Type': 'application/json' });
      return void res.end(
        JSON.stringify({ errors: [{ code: 'UNAUTHORIZED', message: 'wrong user name or password' }] }),
      );
    }
    // berth gets what it asks; anonymous callers nothing (the registry then answers 401).
    const access = login
      ? scopes.map((scope) => {
          const [type, ...rest] = scope.split(':');
          const actions = (rest.pop() ?? '').split(',');
          return { type, name: rest.join(':'), actions };
        })
      : [];
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ token: jwt(login ? USER : '', access), expires_in: 300 }));
  };
  const server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    realm: `http://127.0.0.1:${port}/token`,
    service,
    issuer,
    certificateFile,
    requests,
    stop: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
