// Binds the docker contexts list: read from the CLI's config folder, TLS material reduced to whether there is any.
import { readDockerContexts } from '../endpoints/docker-contexts';
import type { Handlers } from './dispatcher';
import type { Services } from './services';

export function engineContextHandlers(s: Services): Pick<Handlers, 'engines.contexts'> {
  return {
    'engines.contexts': async () => {
      const { contexts, problems } = await readDockerContexts(s.dockerConfigDir);
      return { contexts: contexts.map(({ tls, ...context }) => ({ ...context, tls: tls !== undefined })), problems };
    },
  };
}
