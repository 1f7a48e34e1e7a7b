// Reads the docker CLI's config.json for logins: which credential helper keeps a registry, and the `auths` a
// `docker login` without a helper wrote. Never writes it.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { normalizeRegistryServer } from '../core/registry-server';
import type { StoredCredential } from './stored-credential';

/** What config.json says about logins, keyed by normalised server ("docker.io", "host[:port]"). */
export interface DockerLoginConfig {
  /** The file read (it may not exist). */
  file: string;
  /** The helper for every registry without its own (`credsStore`), e.g. "pass", "desktop". */
  credsStore?: string;
  /** Per-registry helpers (`credHelpers`). */
  credHelpers: ReadonlyMap<string, string>;
  /** Logins kept in the file itself (`auths` entries with a user name and a secret). */
  auths: ReadonlyMap<string, StoredCredential>;
  /** Every server `auths` names, with or without credentials (the CLI adds an empty one after a helper login). */
  authServers: readonly string[];
}

/** config.json exists but cannot be read as the docker CLI's config. */
export class DockerConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DockerConfigError';
  }
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const nonEmptyString = (value: unknown): value is string => typeof value === 'string' && value !== '';

/**
 * Reads `<configDir>/config.json`; a missing or empty file is a config without logins.
 * @throws DockerConfigError when the file is not a JSON object or cannot be read.
 */
export async function readDockerLoginConfig(configDir: string): Promise<DockerLoginConfig> {
  const file = join(configDir, 'config.json');
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return parseDockerLoginConfig(file, {});
    throw new DockerConfigError(`${file} could not be read (${code ?? String(error)})`);
  }
  if (!text.trim()) return parseDockerLoginConfig(file, {});
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  if (!isObject(parsed)) {
    throw new DockerConfigError(
      `${file} is not a JSON object; fix or remove it, then try again (Berth leaves it alone)`,
    );
  }
  return parseDockerLoginConfig(file, parsed);
}

/** The login parts of a parsed config.json; fields of the wrong type are left out, as if absent. */
export function parseDockerLoginConfig(file: string, config: Record<string, unknown>): DockerLoginConfig {
  const credHelpers = new Map<string, string>();
  if (isObject(config.credHelpers)) {
    for (const [key, helper] of Object.entries(config.credHelpers)) {
      if (nonEmptyString(helper)) credHelpers.set(normalizeRegistryServer(key), helper);
    }
  }
  const auths = new Map<string, StoredCredential>();
  const authServers: string[] = [];
  if (isObject(config.auths)) {
    for (const [key, entry] of Object.entries(config.auths)) {
      const server = normalizeRegistryServer(key);
      if (!server) continue;
      if (!authServers.includes(server)) authServers.push(server);
      const credential = isObject(entry) ? authEntryCredential(entry) : undefined;
      if (credential && !auths.has(server)) auths.set(server, credential);
    }
  }
  return {
    file,
    ...(nonEmptyString(config.credsStore) ? { credsStore: config.credsStore } : {}),
    credHelpers,
    auths,
    authServers,
  };
}

/**
 * The credential in one `auths` entry as the docker CLI reads it: `auth` is base64 "user:password" (else the plain
 * `username`/`password` fields); an `identitytoken` stands in for the password, kept as user "<token>".
 */
export function authEntryCredential(entry: Record<string, unknown>): StoredCredential | undefined {
  let username = nonEmptyString(entry.username) ? entry.username : '';
  let password = nonEmptyString(entry.password) ? entry.password : '';
  if (nonEmptyString(entry.auth)) {
    const decoded = Buffer.from(entry.auth, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon > 0) {
      username = decoded.slice(0, colon);
      password = decoded.slice(colon + 1);
    }
  }
  if (nonEmptyString(entry.identitytoken)) return { username: '<token>', secret: entry.identitytoken };
  return username && password ? { username, secret: password } : undefined;
}

/** The credential helper that keeps `server`'s login: its own `credHelpers` entry, else `credsStore`. */
export function helperFor(config: DockerLoginConfig, server: string): string | undefined {
  return config.credHelpers.get(server) ?? config.credsStore;
}
