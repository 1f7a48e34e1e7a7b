// Registry server names as logins use them: "docker.io" for Docker Hub, else "host[:port]"; and the engine's name. Pure.

/** Docker Hub as logins, settings and image references name it. */
export const DOCKER_HUB = 'docker.io';

/** Docker Hub as the engine's /auth and the docker CLI's config.json name it. */
export const DOCKER_HUB_ADDRESS = 'https://index.docker.io/v1/';

/** Hosts that are all Docker Hub. */
const HUB_HOSTS = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io', 'registry.hub.docker.com']);

/**
 * A registry as the user, config.json or an image reference names it ("https://index.docker.io/v1/",
 * "HTTPS://Registry.Example.com:5000/v2/", "127.0.0.1:5000") → "docker.io" for Docker Hub, else the lowercased
 * "host[:port]" without scheme or path.
 */
export function normalizeRegistryServer(input: string): string {
  const withoutScheme = input.trim().replace(/^[a-z][a-z0-9+.-]*:\/\//i, '');
  const host = withoutScheme.split('/')[0]!.toLowerCase();
  return HUB_HOSTS.has(host) ? DOCKER_HUB : host;
}

/** The engine's `serveraddress` (and the docker CLI's key) for a normalised server: Docker Hub's v1 URL, else as is. */
export function engineServerAddress(server: string): string {
  return server === DOCKER_HUB ? DOCKER_HUB_ADDRESS : server;
}
