// Registry names as logins keep them: "docker.io" for Docker Hub, else a lowercase "host[:port]".

const DOCKER_HUB_NAMES = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io', 'registry.hub.docker.com']);

/** "https://index.docker.io/v1/", "index.docker.io", "registry-1.docker.io" → "docker.io"; others lose scheme and path and are lowercased. */
export function normalizeRegistryServer(input: string): string {
  const host = input
    .trim()
    .replace(/^[a-z]+:\/\//i, '')
    .replace(/\/.*$/, '')
    .toLowerCase();
  return DOCKER_HUB_NAMES.has(host) ? 'docker.io' : host;
}

/** The address the engine's /auth and X-Registry-Auth name a registry by: Docker Hub's v1 index URL, else the server. */
export function engineServerAddress(server: string): string {
  return server === 'docker.io' ? 'https://index.docker.io/v1/' : server;
}
