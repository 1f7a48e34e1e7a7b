// Binds the registry login methods to the registry login service.
import { UnsupportedError } from '../engine/errors';
import type { Handlers } from './dispatcher';
import type { Services } from './services';

type RegistryLoginHandlers = Pick<Handlers, 'registries.list' | 'registries.login' | 'registries.logout'>;

export function registryLoginHandlers(_s: Services): RegistryLoginHandlers {
  const todo = () => {
    throw new UnsupportedError('registry logins are not built yet');
  };
  return { 'registries.list': todo, 'registries.login': todo, 'registries.logout': todo };
}
