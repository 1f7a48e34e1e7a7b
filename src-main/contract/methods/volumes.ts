// Volume methods.
import { z } from 'zod';
import { method } from '../define';
import type { PruneItem } from '../dto/system';
import type { Volume } from '../dto/volumes';
import { labelFilters, labels, objectName, objectRef } from './common';

export const volumeMethods = {
  'volumes.list': method<Volume[]>()(z.object({ withSize: z.boolean().default(true) }).strict()),
  'volumes.create': method<Volume>()(
    z
      .object({
        /** Omit for an anonymous volume with a generated name. */
        name: objectName.optional(),
        driver: z.string().min(1).default('local'),
        driverOpts: z.record(z.string().min(1), z.string()).default({}),
        labels: labels.default({}),
      })
      .strict(),
  ),
  'volumes.inspect': method<Volume>()(z.object({ name: objectRef }).strict()),
  'volumes.remove': method<void>()(z.object({ name: objectRef, force: z.boolean().default(false) }).strict()),
  /** Unused volumes; anonymous ones only unless `all`. */
  'volumes.prune': method<{ removed: PruneItem[]; spaceReclaimed: number }>()(
    z.object({ all: z.boolean().default(false), labels: labelFilters }).strict(),
  ),
} as const;
