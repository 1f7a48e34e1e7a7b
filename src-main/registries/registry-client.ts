// Talks to one registry over its HTTP API v2: picks HTTPS (plain HTTP only for loopback or insecure registries),
// answers its Basic or Bearer challenge with the stored login (or none), and keeps tokens per scope while they last.
import { isIPv4 } from '../core/ip-address';
import type { CredentialLookup, RegistryAuth } from './credentials';
import { RegistryError, RegistryNotTlsError, registryReason } from './registry-errors';
import { registryRequest, type RegistryHttpResponse } from './registry-http';
import { parseWwwAuthenticate, type AuthChallenge } from './www-authenticate';

/** How Berth trusts a registry beyond the system's CAs (settings `registries.trust`). */
export interface RegistryTrustSetting {
  caCertificate?: string | undefined;
  insecure: boolean;
}

export interface RegistryClientOptions {
  /** The registry as logins name it: "docker.io" or "host[:port]". */
  server: string;
  credentials: CredentialLookup;
  trust?: RegistryTrustSetting | undefined;
  /** Milliseconds per request; default 15 000. */
  timeoutMs?: number;
}

export interface RegistryCall {
  method: 'GET' | 'HEAD' | 'DELETE';
  /** Path and query below the registry's root, e.g. "/v2/_catalog?n=100". */
  path: string;
  /** The token scope the call needs, e.g. "repository:team/app:pull". */
  scope: string;
  accept?: string;
  /** Bytes; default 4 MiB. */
  maxBodyBytes?: number;
}

/** A bearer token's lifetime when the token server does not say, in seconds (the distribution spec's default). */
const DEFAULT_TOKEN_SECONDS = 60;
const TOKEN_BODY_BYTES = 64 * 1024;

/** Whether `host` (no port) is this computer: "localhost", 127.0.0.0/8 or ::1. */
export function isLoopbackHost(hostname: string): boolean {
  const bare = hostname.replace(/^\[|\]$/g, '');
  return bare === 'localhost' || bare === '::1' || (isIPv4(bare) && bare.startsWith('127.'));
}

export class RegistryClient {
  /** Where the API is reached: the HTTP host for Docker Hub, the server itself otherwise. */
  private readonly host: string;
  private base: URL | undefined;
  private challenge: AuthChallenge | undefined;
  private login: Promise<RegistryAuth | undefined> | undefined;
  private readonly tokens = new Map<string, { token: string; until: number }>();

  constructor(private readonly options: RegistryClientOptions) {
    this.host = options.server === 'docker.io' ? 'registry-1.docker.io' : options.server;
  }

  /**
   * Sends `call` with whatever authorization the registry asks for; any status comes back except a refused login.
   * @throws RegistryError (unreachable, certificate not trusted, login missing or refused).
   */
  async send(call: RegistryCall): Promise<RegistryHttpResponse> {
    const base = await this.connect();
    let response = await this.sendOnce(base, call, await this.authorization(call.scope));
    if (response.status === 401) {
      const challenge = parseWwwAuthenticate(header(response, 'www-authenticate'));
      if (challenge?.scheme === 'bearer') {
        this.challenge = challenge;
        const scope = challenge.scope ?? call.scope;
        this.tokens.delete(scope);
        response = await this.sendOnce(base, call, await this.authorization(scope));
      }
    }
    if (response.status === 401) throw await this.refused(response);
    return response;
  }

  /** `GET /v2/` over HTTPS, or plain HTTP where allowed; remembers the scheme and the registry's challenge. */
  private async connect(): Promise<URL> {
    if (this.base) return this.base;
    const hostname = new URL(`http://${this.host}`).hostname;
    const plainAllowed = this.options.trust?.insecure === true || isLoopbackHost(hostname);
    let ping: RegistryHttpResponse;
    let base = new URL(`https://${this.host}`);
    try {
      ping = await this.sendOnce(base, { method: 'GET', path: '/v2/', scope: '' }, undefined);
    } catch (error) {
      const fallBack = error instanceof RegistryNotTlsError || this.options.trust?.insecure === true;
      if (!plainAllowed || !fallBack) throw error;
      base = new URL(`http://${this.host}`);
      ping = await this.sendOnce(base, { method: 'GET', path: '/v2/', scope: '' }, undefined);
    }
    if (ping.status === 401) this.challenge = parseWwwAuthenticate(header(ping, 'www-authenticate'));
    else if (ping.status !== 200) {
      const reason = registryReason(ping.body);
      throw new RegistryError(
        'engine-error',
        `${this.options.server} does not answer as a registry (HTTP ${ping.status} for /v2/${reason ? `: ${reason}` : ''})`,
      );
    }
    this.base = base;
    return base;
  }

  private sendOnce(base: URL, call: RegistryCall, authorization: string | undefined): Promise<RegistryHttpResponse> {
    return registryRequest({
      method: call.method,
      url: new URL(call.path, base),
      headers: {
        ...(authorization ? { Authorization: authorization } : {}),
        ...(call.accept ? { Accept: call.accept } : {}),
      },
      ca: this.options.trust?.caCertificate,
      verify: this.options.trust?.insecure !== true,
      ...(this.options.timeoutMs !== undefined ? { timeoutMs: this.options.timeoutMs } : {}),
      ...(call.maxBodyBytes !== undefined ? { maxBodyBytes: call.maxBodyBytes } : {}),
    });
  }

  private credentials(): Promise<RegistryAuth | undefined> {
    this.login ??= this.options.credentials(this.options.server);
    return this.login;
  }

  /** The Authorization header for `scope`: Basic with the login, a Bearer token, or none. */
  private async authorization(scope: string): Promise<string | undefined> {
    const challenge = this.challenge;
    if (!challenge || challenge.scheme === 'other') return undefined;
    const login = await this.credentials();
    if (challenge.scheme === 'basic') return login ? basic(login) : undefined;
    const cached = this.tokens.get(scope);
    if (cached && cached.until > Date.now()) return `Bearer ${cached.token}`;
    const token = await this.fetchToken(challenge, scope, login);
    return `Bearer ${token}`;
  }

  /** A token from the challenge's realm for `scope`, asked with the login as Basic auth (or anonymously). */
  private async fetchToken(
    challenge: Extract<AuthChallenge, { scheme: 'bearer' }>,
    scope: string,
    login: RegistryAuth | undefined,
  ): Promise<string> {
    let realm: URL;
    try {
      realm = new URL(challenge.realm);
    } catch {
      throw new RegistryError('engine-error', `${this.options.server} names a token server that is not a URL`);
    }
    const plainAllowed = this.options.trust?.insecure === true || isLoopbackHost(realm.hostname);
    if (realm.protocol !== 'https:' && !(realm.protocol === 'http:' && plainAllowed)) {
      throw new RegistryError(
        'forbidden',
        `${this.options.server} sends logins to ${realm.origin}, which is not HTTPS; mark the registry insecure to allow it`,
      );
    }
    if (challenge.service !== undefined) realm.searchParams.set('service', challenge.service);
    if (scope) realm.searchParams.set('scope', scope);
    if (login) realm.searchParams.set('account', login.username);
    const response = await registryRequest({
      method: 'GET',
      url: realm,
      headers: login ? { Authorization: basic(login) } : {},
      ca: this.options.trust?.caCertificate,
      verify: this.options.trust?.insecure !== true,
      maxBodyBytes: TOKEN_BODY_BYTES,
      ...(this.options.timeoutMs !== undefined ? { timeoutMs: this.options.timeoutMs } : {}),
    });
    if (response.status === 401 || response.status === 403) throw await this.refused(response);
    const answer = parseJson(response.body) as { token?: unknown; access_token?: unknown; expires_in?: unknown };
    const token = typeof answer?.token === 'string' ? answer.token : answer?.access_token;
    if (response.status !== 200 || typeof token !== 'string' || token === '') {
      throw new RegistryError(
        'engine-error',
        `The token server of ${this.options.server} gave no token (HTTP ${response.status})`,
      );
    }
    const seconds = typeof answer.expires_in === 'number' && answer.expires_in > 0 ? answer.expires_in : undefined;
    // Renewed 5 s early so a token never runs out mid-request.
    this.tokens.set(scope, { token, until: Date.now() + ((seconds ?? DEFAULT_TOKEN_SECONDS) - 5) * 1000 });
    return token;
  }

  /** The error for a 401: no login stored, or the stored one refused, with the registry's reason. */
  private async refused(response: RegistryHttpResponse): Promise<RegistryError> {
    const login = await this.credentials();
    const reason = registryReason(response.body);
    const why = reason ? ` (${reason})` : '';
    if (!login) {
      return new RegistryError(
        'forbidden',
        `${this.options.server} needs a login${why}: log in to it in Settings › Registries`,
      );
    }
    return new RegistryError('forbidden', `${this.options.server} refused the login for ${login.username}${why}`);
  }
}

const basic = (login: RegistryAuth) =>
  `Basic ${Buffer.from(`${login.username}:${login.password}`, 'utf8').toString('base64')}`;

/** A response header's first value. */
export function header(response: RegistryHttpResponse, name: string): string | undefined {
  const value = response.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** The JSON in `body`, or undefined. */
export function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    return undefined;
  }
}
