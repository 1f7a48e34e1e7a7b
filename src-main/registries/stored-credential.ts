// One kept login as credential helpers hold it (user name and secret; user "<token>" means an identity token), and the
// engine's auth for it.
import { engineServerAddress } from '../core/registry-server';
import type { RegistryAuth } from './credentials';

/** The user name the docker CLI keeps with an identity token instead of a password. */
export const TOKEN_USERNAME = '<token>';

export interface StoredCredential {
  username: string;
  /** The password, or the identity token when `username` is TOKEN_USERNAME. */
  secret: string;
}

/** What to keep after the engine's /auth accepted a login: its identity token when it gave one, else the password. */
export function credentialToKeep(username: string, password: string, identityToken: unknown): StoredCredential {
  return typeof identityToken === 'string' && identityToken !== ''
    ? { username: TOKEN_USERNAME, secret: identityToken }
    : { username, secret: password };
}

/** The engine's X-Registry-Auth for a kept credential of `server` (normalised: "docker.io", "host[:port]"). */
export function registryAuthFor(server: string, credential: StoredCredential): RegistryAuth {
  const serveraddress = engineServerAddress(server);
  return credential.username === TOKEN_USERNAME
    ? { username: '', password: '', identitytoken: credential.secret, serveraddress }
    : { username: credential.username, password: credential.secret, serveraddress };
}
