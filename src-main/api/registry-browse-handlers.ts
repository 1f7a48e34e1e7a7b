// Binds registry browsing (HTTP API v2) and Docker Hub search to their services.
import { normalizeRegistryServer } from '../core/registry-server';
import { searchDockerHub } from '../engine/image-search';
import type { Handlers } from './dispatcher';
import type { Services } from './services';

type RegistryBrowseHandlers = Pick<
  Handlers,
  'registries.repositories' | 'registries.tags' | 'registries.deleteTag' | 'images.search'
>;

export function registryBrowseHandlers(s: Services): RegistryBrowseHandlers {
  return {
    'registries.repositories': (a) =>
      s.registryBrowser.repositories(normalizeRegistryServer(a.server), a.limit, a.after),
    'registries.tags': (a) => s.registryBrowser.tags(normalizeRegistryServer(a.server), a.repository),
    'registries.deleteTag': (a) => s.registryBrowser.deleteTag(normalizeRegistryServer(a.server), a.repository, a.tag),
    'images.search': (a) => searchDockerHub(s.docker, a.term, a.limit),
  };
}
