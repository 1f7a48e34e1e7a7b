// Binds the build cache methods to the build cache service.
import type { Handlers } from './dispatcher';
import type { Services } from './services';

type BuildCacheHandlers = Pick<Handlers, Extract<keyof Handlers, `buildCache.${string}`>>;

export function buildCacheHandlers(s: Services): BuildCacheHandlers {
  return {
    'buildCache.list': () => s.buildCache.list(),
    'buildCache.pruneRecords': (a) => s.buildCache.pruneRecords(a.ids),
    'buildCache.pruneOlder': (a) => s.buildCache.pruneOlder(a.hours),
    'buildCache.pruneUnused': () => s.buildCache.pruneUnused(),
    'buildCache.applyBudget': (a) => s.buildCache.applyBudget(a.maxBytes),
  };
}
