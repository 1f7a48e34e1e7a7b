// How Berth's own registry logins reach one docker CLI run: a config.json naming the "berth" credential helper for
// each server, the helper's POSIX sh script, and the environment variables (one per server) it answers from.
import { engineServerAddress } from './registry-server';

/** One login a CLI run is given (the shape of the engine's auth config: registries' RegistryAuth fits). */
export interface CliLogin {
  username: string;
  password: string;
  /** The registry as logins name it: "docker.io" or "host[:port]". */
  serveraddress: string;
}

/** The credential helper's name in config.json: the CLI runs `docker-credential-berth`. */
export const CLI_HELPER_NAME = 'berth';
export const CLI_HELPER_PROGRAM = `docker-credential-${CLI_HELPER_NAME}`;

/** What docker-credential-helpers' clients take for "no login for this server" (not an error). */
const NOT_FOUND = 'credentials not found in native keychain';

/** A run's token: letters and digits only, so it can be part of a variable name. */
const TOKEN = /^[A-Za-z0-9]+$/;

/** Uppercase hex of `text`'s UTF-8 bytes. */
function hexOf(text: string): string {
  return [...new TextEncoder().encode(text)].map((byte) => byte.toString(16).padStart(2, '0').toUpperCase()).join('');
}

/**
 * The variable that holds `key`'s login for the run `token` names: BERTH_LOGIN_<token>_<hex of key>. The token is
 * random per run, so a compose file's `${…}` or a bare `environment:` entry cannot name it.
 */
export function loginVariableName(token: string, key: string): string {
  if (!TOKEN.test(token)) throw new Error(`a run token is letters and digits only, not "${token}"`);
  return `BERTH_LOGIN_${token}_${hexOf(key)}`;
}

/** The variables the run's helper answers from: each value the helper JSON {ServerURL, Username, Secret}. */
export function loginVariables(token: string, logins: readonly CliLogin[]): Record<string, string> {
  return Object.fromEntries(
    logins.map((login) => {
      const key = engineServerAddress(login.serveraddress);
      const answer = JSON.stringify({ ServerURL: key, Username: login.username, Secret: login.password });
      return [loginVariableName(token, key), answer];
    }),
  );
}

/** The servers (as the CLI asks for them) among `logins` that the user's own config does not give to a helper. */
export function serversForHelper(userConfig: Record<string, unknown>, logins: readonly CliLogin[]): string[] {
  const theirs = isRecord(userConfig.credHelpers) ? userConfig.credHelpers : {};
  const keys = logins.map((login) => engineServerAddress(login.serveraddress));
  return [...new Set(keys)].filter((key) => !(key in theirs));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The user's config.json text parsed; `{}` when it is missing or not a JSON object (the CLI ignores such a file
 * too, with a warning).
 */
export function parseCliConfig(text: string | undefined): Record<string, unknown> {
  if (text === undefined) return {};
  try {
    const parsed: unknown = JSON.parse(text);
    return isRecord(parsed) ? parsed : {};
  } catch {
    return {};
  }
}

/** What an `auths` entry may hold that is a secret (the file store's base64 "user:password", tokens). */
const AUTH_SECRETS = ['auth', 'password', 'identitytoken', 'registrytoken'];

/**
 * The run's config.json: the user's, unchanged but for `credHelpers` entries sending `servers` to Berth's helper
 * (theirs kept), `cliPluginsExtraDirs` gaining `pluginsDir` (the user's config folder's cli-plugins, which the
 * CLI would otherwise look for in the run's folder), and no secret left in `auths` (fileLogins carries those to
 * the helper instead, so this copy holds none).
 */
export function runCliConfig(
  userConfig: Record<string, unknown>,
  servers: readonly string[],
  pluginsDir: string,
): Record<string, unknown> {
  const credHelpers = isRecord(userConfig.credHelpers) ? userConfig.credHelpers : {};
  const extraDirs = Array.isArray(userConfig.cliPluginsExtraDirs) ? (userConfig.cliPluginsExtraDirs as unknown[]) : [];
  const auths = isRecord(userConfig.auths) ? userConfig.auths : undefined;
  return {
    ...userConfig,
    ...(auths && {
      auths: Object.fromEntries(Object.entries(auths).map(([key, entry]) => [key, withoutSecrets(entry)])),
    }),
    credHelpers: { ...Object.fromEntries(servers.map((key) => [key, CLI_HELPER_NAME])), ...credHelpers },
    cliPluginsExtraDirs: [...extraDirs.filter((dir) => dir !== pluginsDir), pluginsDir],
  };
}

function withoutSecrets(entry: unknown): unknown {
  if (!isRecord(entry)) return {};
  return Object.fromEntries(Object.entries(entry).filter(([field]) => !AUTH_SECRETS.includes(field)));
}

/** `text` decoded from base64 as UTF-8; undefined when it is not base64. */
function fromBase64(text: string): string | undefined {
  try {
    return new TextDecoder().decode(Uint8Array.from(atob(text), (c) => c.charCodeAt(0)));
  } catch {
    return undefined;
  }
}

/**
 * The logins the user's config.json keeps in plain text (`auths`: the file store's base64 "user:password" or an
 * identity token), each under the server key it names.
 */
export function fileLogins(userConfig: Record<string, unknown>): CliLogin[] {
  const auths = isRecord(userConfig.auths) ? userConfig.auths : {};
  return Object.entries(auths).flatMap(([key, entry]): CliLogin[] => {
    if (!isRecord(entry)) return [];
    if (typeof entry.identitytoken === 'string' && entry.identitytoken)
      return [{ serveraddress: key, username: '<token>', password: entry.identitytoken }];
    const decoded = typeof entry.auth === 'string' ? fromBase64(entry.auth) : undefined;
    const colon = decoded?.indexOf(':') ?? -1;
    if (!decoded || colon < 0) return [];
    return [{ serveraddress: key, username: decoded.slice(0, colon), password: decoded.slice(colon + 1) }];
  });
}

/** What one run is given: its config.json and its helper's variables. */
export interface CliRunPlan {
  config: Record<string, unknown>;
  variables: Record<string, string>;
}

/**
 * The plan for a run given `logins` (Berth's first, then the user's file logins for other servers), leaving out the
 * servers the user's config gives to a helper of its own; undefined when that leaves none.
 */
export function planCliRun(
  userConfig: Record<string, unknown>,
  logins: readonly CliLogin[],
  pluginsDir: string,
  token: string,
): CliRunPlan | undefined {
  const keyOf = (login: CliLogin) => engineServerAddress(login.serveraddress);
  const berths = new Set(logins.map(keyOf));
  const all = [...logins, ...fileLogins(userConfig).filter((login) => !berths.has(keyOf(login)))];
  const keys = new Set(serversForHelper(userConfig, all));
  // A private folder only when one of Berth's logins needs it: else the user's config does as it is.
  if (![...berths].some((key) => keys.has(key))) return undefined;
  const given = new Map<string, CliLogin>();
  for (const login of all) if (keys.has(keyOf(login)) && !given.has(keyOf(login))) given.set(keyOf(login), login);
  return {
    config: runCliConfig(userConfig, [...keys], pluginsDir),
    variables: loginVariables(token, [...given.values()]),
  };
}

/**
 * docker-credential-berth for the run `token` names: `get` prints the login its variable holds or says it has
 * none; `store`, `erase` and anything else are refused (logins are made in Berth). POSIX sh with od and tr only.
 */
export function credentialHelperScript(token: string): string {
  const prefix = loginVariableName(token, '');
  return `#!/bin/sh
# Berth's docker credential helper for one CLI run: answers "get" from the run's environment, refuses the rest.
case "$1" in
get) ;;
store | erase)
  echo "Berth keeps this login: log in or out in Berth's Settings > Registries" >&2
  exit 1
  ;;
*)
  echo "unknown credential helper action: $1" >&2
  exit 1
  ;;
esac
hex=$(od -An -v -tx1 | tr -d ' \\n' | tr abcdef ABCDEF)
hex=\${hex%0A}
case "$hex" in *[!0-9A-F]*) hex= ;; esac
eval "login=\\\${${prefix}$hex-}"
if [ -z "$hex" ] || [ -z "$login" ]; then
  echo '${NOT_FOUND}'
  exit 1
fi
printf '%s\\n' "$login"
`;
}
