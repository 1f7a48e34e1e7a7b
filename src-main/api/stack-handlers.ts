// Binds the compose stack methods to the stack service.
import { UnsupportedError } from '../engine/errors';
import type { Handlers } from './dispatcher';
import type { Services } from './services';

type StackHandlers = Pick<Handlers, Extract<keyof Handlers, `stacks.${string}`>>;

export function stackHandlers(_s: Services): StackHandlers {
  const pending = () => {
    throw new UnsupportedError('Compose stacks are being built');
  };
  return {
    'stacks.list': pending,
    'stacks.inspect': pending,
    'stacks.compose': pending,
    'stacks.preview': pending,
    'stacks.up': pending,
    'stacks.removal': pending,
    'stacks.down': pending,
    'stacks.run': pending,
    'stacks.scale': pending,
    'stacks.recreate': pending,
  };
}
