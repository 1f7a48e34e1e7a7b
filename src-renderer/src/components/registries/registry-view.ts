// How the registry pages say things: where a login is kept, which tags a delete takes with it, what kind of failure
// a registry's message is, and which registry a failed pull or push needs a login for.
import type { RegistrySummary, RegistryTag } from '../../../../src-main/contract/dto/registries';
import { registryServer } from '../../../../src-main/contract/methods/registries';
import { parseImageReference } from '../../../../src-main/core/image-ref';
import { DOCKER_HUB, normalizeRegistryServer } from '../../../../src-main/core/registry-server';

export { DOCKER_HUB };

/** Where the registry's login is kept, in words ("credential helper pass — shared with the docker CLI"). */
export function storageLabel(registry: Pick<RegistrySummary, 'storage' | 'helper'>): string | undefined {
  switch (registry.storage) {
    case 'helper':
      return `credential helper ${registry.helper ?? ''} — shared with the docker CLI`.replace('  ', ' ');
    case 'keychain':
      return 'encrypted with the system keychain';
    case 'memory':
      return 'in memory only — gone when Berth quits';
    case 'config-file':
      return "docker CLI's config.json";
    default:
      return undefined;
  }
}

/**
 * Where logging out removes the login from, for the confirmation ("from credential helper pass"). A login in the
 * docker CLI's config.json is not Berth's to remove: see `configFileLogout`.
 */
export function logoutFrom(registry: Pick<RegistrySummary, 'storage' | 'helper'>): string {
  switch (registry.storage) {
    case 'helper':
      return `The login is removed from the credential helper ${registry.helper ?? ''}, so the docker CLI is logged out too.`.replace(
        '  ',
        ' ',
      );
    case 'keychain':
      return "The login is removed from Berth's keychain-encrypted store.";
    case 'memory':
      return "The login is forgotten from Berth's memory.";
    default:
      return 'Berth has no login kept for it.';
  }
}

/** Why Berth leaves a login `docker login` wrote into config.json alone, and the command that removes it. */
export function configFileLogout(server: string): string {
  const name = normalizeRegistryServer(server);
  const command = name === DOCKER_HUB ? 'docker logout' : `docker logout ${name}`;
  return `This login was written into the docker CLI's config.json by docker login, and Berth does not rewrite that file. Run "${command}" in a terminal to log out.`;
}

/** The tags that go with `tag` when its manifest is deleted: every tag on the same digest, `tag` first. */
export function tagsSharingDigest(tags: readonly RegistryTag[], tag: string): string[] {
  const digest = tags.find((t) => t.tag === tag)?.digest;
  if (!digest) return [tag];
  return [tag, ...tags.filter((t) => t.tag !== tag && t.digest === digest).map((t) => t.tag)];
}

export type RegistryFailure = 'unauthorized' | 'certificate' | 'unreachable' | 'other';

/** The engine's and registries' words for a request that needed a login it did not have or that was refused. */
const UNAUTHORIZED =
  /no basic auth credentials|unauthorized|authentication required|requested access to the resource is denied|\b401\b|log in|needs a login|refused the login/i;
const CERTIFICATE = /certificate|x509|self[- ]signed|tls/i;
const UNREACHABLE = /ECONNREFUSED|ENOTFOUND|EHOSTUNREACH|ETIMEDOUT|unreachable|not reach|connection refused|timed out/i;

/** What kind of failure a registry's or engine's message tells. */
export function registryFailure(message: string): RegistryFailure {
  if (CERTIFICATE.test(message)) return 'certificate';
  if (UNAUTHORIZED.test(message)) return 'unauthorized';
  if (UNREACHABLE.test(message)) return 'unreachable';
  return 'other';
}

/** The message means the registry wants a login (none sent, or the one sent was refused). */
export function needsLogin(message: string): boolean {
  return UNAUTHORIZED.test(message);
}

/** The registry an image reference lives in, as logins name it ("docker.io", "127.0.0.1:5000"); undefined if unparsable. */
export function referenceRegistry(reference: string): string | undefined {
  try {
    return normalizeRegistryServer(parseImageReference(reference).domain);
  } catch {
    return undefined;
  }
}

/** "Docker Hub", or the server as logins name it ("HTTPS://Registry.Example.com/" → "registry.example.com"). */
export function registryTitle(server: string): string {
  const name = normalizeRegistryServer(server);
  return name === DOCKER_HUB ? 'Docker Hub' : name;
}

/** Why `text` is not a registry server the login accepts, or undefined when it is. */
export function serverError(text: string): string | undefined {
  if (!text.trim()) return 'Enter the registry, e.g. registry.example.com:5000';
  const parsed = registryServer.safeParse(text);
  return parsed.success ? undefined : `The registry ${parsed.error.issues[0]?.message ?? 'is not valid'}`;
}

/** Why `text` is not a user name the login accepts, or undefined when it is. */
export function usernameError(text: string): string | undefined {
  if (!text.trim()) return 'Enter the user name';
  return text.trim().length > 255 ? 'The user name is too long' : undefined;
}

/** Why `pem` is not a CA certificate the trust settings accept, or undefined when it is (or is empty). */
export function certificateError(pem: string): string | undefined {
  if (!pem.trim()) return undefined;
  if (pem.length > 65536) return 'The certificate is too long';
  return pem.includes('-----BEGIN CERTIFICATE-----')
    ? undefined
    : 'Paste a PEM certificate: the text from -----BEGIN CERTIFICATE----- to -----END CERTIFICATE-----';
}
