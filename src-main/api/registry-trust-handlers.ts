// Binds the registry trust method (CA certificate, insecure) to the settings it changes.
import { UnsupportedError } from '../engine/errors';
import type { Handlers } from './dispatcher';
import type { Services } from './services';

type RegistryTrustHandlers = Pick<Handlers, 'registries.setTrust'>;

export function registryTrustHandlers(_s: Services): RegistryTrustHandlers {
  const todo = () => {
    throw new UnsupportedError('registry trust settings are not built yet');
  };
  return { 'registries.setTrust': todo };
}
