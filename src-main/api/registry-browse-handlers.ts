// Binds registry browsing (HTTP API v2) and Docker Hub search to their services.
import { UnsupportedError } from '../engine/errors';
import type { Handlers } from './dispatcher';
import type { Services } from './services';

type RegistryBrowseHandlers = Pick<
  Handlers,
  'registries.repositories' | 'registries.tags' | 'registries.deleteTag' | 'images.search'
>;

export function registryBrowseHandlers(_s: Services): RegistryBrowseHandlers {
  const todo = () => {
    throw new UnsupportedError('registry browsing is not built yet');
  };
  return {
    'registries.repositories': todo,
    'registries.tags': todo,
    'registries.deleteTag': todo,
    'images.search': todo,
  };
}
