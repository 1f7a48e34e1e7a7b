// Binds the registry login methods to the registry login service.
import type { Handlers } from './dispatcher';
import type { Services } from './services';

type RegistryLoginHandlers = Pick<Handlers, 'registries.list' | 'registries.login' | 'registries.logout'>;

export function registryLoginHandlers(s: Services): RegistryLoginHandlers {
  return {
    'registries.list': () => s.credentials.list(),
    'registries.login': (a) => s.credentials.login(a.server, a.username, a.password),
    'registries.logout': (a) => s.credentials.logout(a.server),
  };
}
