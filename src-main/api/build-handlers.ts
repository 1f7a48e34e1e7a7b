// Binds the build methods to the build service.
import type { Handlers } from './dispatcher';
import type { Services } from './services';

type BuildHandlers = Pick<Handlers, Extract<keyof Handlers, `builds.${string}`>>;

export function buildHandlers(s: Services): BuildHandlers {
  return {
    'builds.start': (a) => s.builds.start(a),
    'builds.cancel': (a) => s.builds.cancel(a.id),
    'builds.list': () => s.builds.list(),
    'builds.get': (a) => s.builds.get(a.id),
    'builds.remove': (a) => s.builds.remove(a.id),
    'builds.stages': (a) => s.builds.stages(a.context, a.dockerfile),
  };
}
