// Build cache methods: the records with the step that made each, prune by selection, by age or all unused, and the size budget.
import { z } from 'zod';
import { method } from '../define';
import type { BuildCacheList, BuildCachePruneResult } from '../dto/build-cache';
import { noArgs } from './common';

/** A BuildKit cache record id as the engine lists it. */
const recordId = z.string().regex(/^[a-z0-9]{1,64}$/, 'must be a build cache record id (lowercase letters and digits)');

/** The most records one selective prune names. */
const MAX_SELECTED = 1000;
/** A hundred years, in hours: the oldest an age prune may name. */
const MAX_HOURS = 876_000;

export const buildCacheMethods = {
  'buildCache.list': method<BuildCacheList>()(noArgs),
  /** Removes exactly these records (a record others build on, or one in use, is kept and named with why). */
  'buildCache.pruneRecords': method<BuildCachePruneResult>()(
    z.object({ ids: z.array(recordId).min(1, 'must name at least one record').max(MAX_SELECTED) }).strict(),
  ),
  /** Removes every unused record last used more than `hours` ago. */
  'buildCache.pruneOlder': method<BuildCachePruneResult>()(
    z.object({ hours: z.number().positive('must be more than 0 hours').max(MAX_HOURS) }).strict(),
  ),
  /** Removes every record no build uses now (`docker builder prune --all`). */
  'buildCache.pruneUnused': method<BuildCachePruneResult>()(noArgs),
  /**
   * Prunes the least recently used records until the cache holds at most `maxBytes` (default: the settings'
   * budget; without one it is refused).
   */
  'buildCache.applyBudget': method<BuildCachePruneResult>()(
    z
      .object({ maxBytes: z.number().int('must be a whole number of bytes').min(0, 'must not be negative').optional() })
      .strict(),
  ),
} as const;
