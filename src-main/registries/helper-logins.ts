// Logins in one credential helper by normalised server: the CLI's key first ("https://index.docker.io/v1/",
// "host:port"), then any other key the helper lists for the same server ("https://host:port").
import { engineServerAddress, normalizeRegistryServer } from '../core/registry-server';
import type { CredentialHelper } from './credential-helper';
import type { StoredCredential } from './stored-credential';

/** The helper's keys for `server`: the CLI's own key, then the listed ones that name the same server. */
async function keysFor(helper: CredentialHelper, server: string): Promise<string[]> {
  const primary = engineServerAddress(server);
  const listed = await helper.list().catch(() => new Map<string, string>());
  const others = [...listed.keys()].filter((key) => key !== primary && normalizeRegistryServer(key) === server);
  return [primary, ...others];
}

/** The login the helper keeps for `server`, under the CLI's key or another key for it. */
export async function helperLogin(helper: CredentialHelper, server: string): Promise<StoredCredential | undefined> {
  const primary = await helper.get(engineServerAddress(server));
  if (primary) return primary;
  for (const key of (await keysFor(helper, server)).slice(1)) {
    const credential = await helper.get(key);
    if (credential) return credential;
  }
  return undefined;
}

/** Keeps the login under the CLI's key, so `docker pull` in a terminal finds it. */
export function storeHelperLogin(
  helper: CredentialHelper,
  server: string,
  credential: StoredCredential,
): Promise<void> {
  return helper.store(engineServerAddress(server), credential);
}

/** Erases every key the helper keeps for `server`; false when it kept none. */
export async function eraseHelperLogins(helper: CredentialHelper, server: string): Promise<boolean> {
  let erased = false;
  for (const key of await keysFor(helper, server)) {
    if (!(await helper.get(key))) continue;
    await helper.erase(key);
    erased = true;
  }
  return erased;
}

/**
 * Normalised server → user name of the logins the helper lists, keeping only servers `owns` gives to this helper (a
 * helper such as pass may hold logins config.json sends elsewhere). A helper that cannot list gives none.
 */
export async function listedHelperLogins(
  helper: CredentialHelper,
  owns: (server: string) => boolean,
): Promise<Map<string, string>> {
  const logins = new Map<string, string>();
  const listed = await helper.list().catch(() => new Map<string, string>());
  for (const [key, username] of listed) {
    const server = normalizeRegistryServer(key);
    if (server && owns(server) && (!logins.has(server) || key === engineServerAddress(server))) {
      logins.set(server, username);
    }
  }
  return logins;
}
