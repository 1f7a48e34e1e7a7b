// Registry logins: checked with the engine's /auth, kept by the credential helper config.json names (shared with the
// docker CLI) or else by Berth (keychain-encrypted file, or memory); listed, removed, and looked up for pulls and pushes.
import type Dockerode from 'dockerode';
import type { CredentialStore, RegistryList, RegistrySummary } from '../contract/dto/registries';
import { DOCKER_HUB, engineServerAddress, normalizeRegistryServer } from '../core/registry-server';
import { engineErrorDetails, InvalidArgumentError, NotFoundError, UnsupportedError } from '../engine/errors';
import { CredentialHelper } from './credential-helper';
import type { CredentialList, CredentialLookup, RegistryAuth } from './credentials';
import type { CredentialVault } from './credential-vault';
import { helperFor, readDockerLoginConfig, type DockerLoginConfig } from './docker-config';
import { eraseHelperLogins, helperLogin, listedHelperLogins, storeHelperLogin } from './helper-logins';
import type { Keychain } from './keychain';
import { KeychainVault } from './keychain-vault';
import { LoginRefusedError } from './login-refused-error';
import { MemoryVault } from './memory-vault';
import { credentialToKeep, registryAuthFor, type StoredCredential } from './stored-credential';

/** A registry Berth's VM is told to trust (settings `registries.trust`). */
export interface TrustedRegistry {
  server: string;
  caCertificate?: string | undefined;
  insecure: boolean;
}

export interface RegistryLoginOptions {
  docker: Pick<Dockerode, 'checkAuth'>;
  /** The docker CLI's config folder (config.json: credsStore, credHelpers, auths). */
  dockerConfigDir: string;
  /** Berth's data folder, for the keychain-encrypted logins; absent: memory only. */
  dataDir?: string | undefined;
  /** The OS keychain; absent or unavailable: memory only. */
  keychain?: Keychain | undefined;
  /** The environment credential helpers run in (and whose PATH finds them); default this process's. */
  helperEnv?: NodeJS.ProcessEnv | undefined;
  /** Per credential helper call, in ms. */
  helperTimeoutMs?: number | undefined;
  /** The registries settings trust (CA certificate, insecure); default none. */
  trustedServers?: (() => readonly TrustedRegistry[]) | undefined;
  /** How long `logins()`'s answer is given again without asking the helpers, in ms; default 5 000. */
  loginsCacheMs?: number | undefined;
}

/**
 * The engine's words when the registry answered the login with a refusal ("login attempt to … failed with status:
 * 401 Unauthorized"; a loopback TLS registry retried over plain HTTP answers 400), or said the credentials are wrong.
 */
const REFUSED = /failed with status: 4\d\d|unauthori[sz]ed|incorrect username or password/i;

/** How long `logins()`'s answer stands by default, in ms: CLI runs in a row (compose, buildx) ask for it each. */
const LOGINS_CACHE_MS = 5_000;

const MEMORY_NOTICE = 'No keychain is available here: logins made in Berth last until Berth quits.';

/** A registry's login as listed: who, and where it is kept. */
type Login = Pick<RegistrySummary, 'username' | 'storage' | 'helper'>;

/** The summary of `server` with its login (absent: not logged in) and trust settings. */
function summary(
  server: string,
  login: Login | undefined,
  trusted: ReadonlyMap<string, TrustedRegistry>,
): RegistrySummary {
  const trust = trusted.get(server);
  return {
    server,
    title: server === DOCKER_HUB ? 'Docker Hub' : server,
    ...login,
    caCertificate: Boolean(trust?.caCertificate),
    insecure: trust?.insecure ?? false,
  };
}

export class RegistryLoginService {
  private readonly vault: CredentialVault;
  /** The last `logins()` answer (or the one under way) and until when it stands (Date.now() ms); login and logout drop it. */
  private recentLogins: { until: number; answer: Promise<RegistryAuth[]> } | undefined;

  constructor(private readonly options: RegistryLoginOptions) {
    const { dataDir, keychain } = options;
    this.vault = dataDir && keychain?.isAvailable() ? new KeychainVault(dataDir, keychain) : new MemoryVault();
  }

  /** Docker Hub first, then every registry with a login or trust settings, by server; and where a new login goes. */
  async list(): Promise<RegistryList> {
    const notices: string[] = [];
    const config = await readDockerLoginConfig(this.options.dockerConfigDir).catch((error: Error) => {
      notices.push(error.message);
      return undefined;
    });
    const store = await this.storeFor(config, notices);
    const trusted = this.trusted();
    const logins = config ? await this.helperLogins(config, [DOCKER_HUB, ...trusted.keys()]) : new Map<string, Login>();
    const vaultServers = await this.vault.servers().catch((error: Error) => {
      notices.push(error.message);
      return new Map<string, string>();
    });
    for (const [server, username] of vaultServers) {
      if (!logins.has(server)) logins.set(server, { username, storage: this.vault.storage });
    }
    for (const [server, credential] of config?.auths ?? []) {
      if (!logins.has(server) && !helperFor(config!, server)) {
        logins.set(server, { username: credential.username, storage: 'config-file' });
      }
    }
    const servers = [...new Set([...logins.keys(), ...trusted.keys()])].filter((s) => s !== DOCKER_HUB).sort();
    const registries = [DOCKER_HUB, ...servers].map((server) => summary(server, logins.get(server), trusted));
    if (notices.length) store.notice = [store.notice, ...notices].filter(Boolean).join(' ');
    return { store, registries };
  }

  /**
   * The logins the helpers config.json names keep for the registries they are named for: what each lists, and for
   * helpers that cannot list, what they hold for the servers Berth knows of (`known`, config.json's auths keys).
   */
  private async helperLogins(config: DockerLoginConfig, known: readonly string[]): Promise<Map<string, Login>> {
    const logins = new Map<string, Login>();
    const names = new Set([...(config.credsStore ? [config.credsStore] : []), ...config.credHelpers.values()]);
    for (const name of names) {
      const helper = this.helper(name);
      if (!(await helper.isInstalled())) continue;
      const owned = await listedHelperLogins(helper, (server) => helperFor(config, server) === name);
      for (const [server, username] of owned) logins.set(server, { username, storage: 'helper', helper: name });
    }
    for (const server of new Set([...known, ...config.authServers])) {
      const name = helperFor(config, server);
      if (!name || logins.has(server)) continue;
      const helper = this.helper(name);
      if (!(await helper.isInstalled())) continue;
      const credential = await helperLogin(helper, server).catch(() => undefined);
      if (credential) logins.set(server, { username: credential.username, storage: 'helper', helper: name });
    }
    return logins;
  }

  /**
   * Checks the login with the registry through the engine and keeps it only when accepted (an identity token the
   * registry gives instead of the password). @throws LoginRefusedError with the registry's words when refused.
   */
  async login(input: string, username: string, password: string): Promise<RegistrySummary> {
    const server = this.normalize(input);
    const config = await readDockerLoginConfig(this.options.dockerConfigDir);
    const helperName = helperFor(config, server);
    const helper = helperName ? this.helper(helperName) : undefined;
    if (helper && !(await helper.isInstalled())) {
      throw new UnsupportedError(
        `${helper.program} is not on the PATH, and ${config.file} names "${helper.name}" as the credential helper for ${server}: install it, or change config.json`,
      );
    }
    const answer = await this.checkAuth(server, username, password);
    const credential = credentialToKeep(username, password, answer.IdentityToken);
    try {
      if (helper) await storeHelperLogin(helper, server, credential);
      else await this.vault.set(server, credential);
    } finally {
      this.recentLogins = undefined;
    }
    const login: Login = helper
      ? { username: credential.username, storage: 'helper', helper: helper.name }
      : { username: credential.username, storage: this.vault.storage };
    return summary(server, login, this.trusted());
  }

  /**
   * Removes the login from the helper and from Berth's own store. A login `docker login` wrote into config.json's
   * `auths` is refused before anything changes: Berth does not rewrite that file, `docker logout` does.
   */
  async logout(input: string): Promise<void> {
    const server = this.normalize(input);
    const config = await readDockerLoginConfig(this.options.dockerConfigDir);
    const helperName = helperFor(config, server);
    if (!helperName && config.auths.has(server)) {
      throw new UnsupportedError(
        `The login for ${server} was written into ${config.file} by \`docker login\`, which Berth does not rewrite: run \`docker logout ${engineServerAddress(server)}\` in a terminal`,
      );
    }
    let removed = false;
    try {
      if (helperName) {
        const helper = this.helper(helperName);
        if (await helper.isInstalled()) removed = await eraseHelperLogins(helper, server);
      }
      if (await this.vault.delete(server)) removed = true;
    } finally {
      this.recentLogins = undefined;
    }
    if (!removed) throw new NotFoundError(`Berth has no login for ${server}`);
  }

  /**
   * The engine's auth for `server` (an image reference's domain or any spelling of a registry): the helper's login,
   * else Berth's own, else (without a helper) config.json's `auths`. A helper config.json names but that is not
   * installed is passed over, as if it held nothing.
   */
  readonly lookup: CredentialLookup = async (input: string): Promise<RegistryAuth | undefined> => {
    const server = normalizeRegistryServer(input);
    if (!server) return undefined;
    const credential = await this.find(server);
    return credential && registryAuthFor(server, credential);
  };

  /**
   * Every login Berth can reach (the helpers', its own, config.json's), for CLI runs that cannot ask per registry.
   * An answer stands for `loginsCacheMs` from when it was asked (a failed one not at all), until a login or logout
   * here: logins changed outside Berth (`docker login`) reach the runs after that long at most.
   */
  readonly logins: CredentialList = () => {
    const now = Date.now();
    if (this.recentLogins && now < this.recentLogins.until) return this.recentLogins.answer;
    const recent = { until: now + (this.options.loginsCacheMs ?? LOGINS_CACHE_MS), answer: this.allLogins() };
    this.recentLogins = recent;
    recent.answer.catch(() => {
      if (this.recentLogins === recent) this.recentLogins = undefined;
    });
    return recent.answer;
  };

  private async allLogins(): Promise<RegistryAuth[]> {
    const { registries } = await this.list();
    const found = await Promise.all(registries.filter((r) => r.username).map((r) => this.lookup(r.server)));
    return found.filter((auth): auth is RegistryAuth => auth !== undefined);
  }

  private async find(server: string): Promise<StoredCredential | undefined> {
    const config = await readDockerLoginConfig(this.options.dockerConfigDir).catch(() => undefined);
    const helperName = config && helperFor(config, server);
    if (helperName) {
      const helper = this.helper(helperName);
      const credential = (await helper.isInstalled()) ? await helperLogin(helper, server) : undefined;
      if (credential) return credential;
    }
    return (await this.vault.get(server)) ?? (helperName ? undefined : config?.auths.get(server));
  }

  /**
   * Where a new login goes (config.json's credsStore, else Berth's keychain file or memory), with what the user should
   * know about it; a registry with its own credHelpers entry goes to that helper instead (its summary says so).
   */
  private async storeFor(config: DockerLoginConfig | undefined, notices: string[]): Promise<CredentialStore> {
    const name = config?.credsStore;
    if (name) {
      const helper = this.helper(name);
      if (!(await helper.isInstalled())) {
        notices.push(
          `${helper.program} (named by ${config.file}) is not on the PATH: logins fail until it is installed.`,
        );
      }
      return { storage: 'helper', helper: name };
    }
    return this.vault.storage === 'memory' ? { storage: 'memory', notice: MEMORY_NOTICE } : { storage: 'keychain' };
  }

  private async checkAuth(server: string, username: string, password: string): Promise<{ IdentityToken?: unknown }> {
    try {
      const answer: unknown = await this.options.docker.checkAuth({
        username,
        password,
        serveraddress: engineServerAddress(server),
      });
      return (answer && typeof answer === 'object' ? answer : {}) as { IdentityToken?: unknown };
    } catch (error) {
      const engine = engineErrorDetails(error);
      if (engine && (engine.status === 401 || REFUSED.test(engine.message))) {
        throw new LoginRefusedError(engine.message);
      }
      throw error;
    }
  }

  private helper(name: string): CredentialHelper {
    return new CredentialHelper(name, { env: this.options.helperEnv, timeoutMs: this.options.helperTimeoutMs });
  }

  private normalize(input: string): string {
    const server = normalizeRegistryServer(input);
    if (!server) throw new InvalidArgumentError('server', 'must be a registry host, e.g. registry.example.com:5000');
    return server;
  }

  private trusted(): Map<string, TrustedRegistry> {
    const entries = this.options.trustedServers?.() ?? [];
    return new Map(entries.map((entry) => [normalizeRegistryServer(entry.server), entry]));
  }
}
