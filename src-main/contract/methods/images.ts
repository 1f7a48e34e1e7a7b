// Image methods: list, inspect, history, pull, push, tag, remove, prune, build.
import { z } from 'zod';
import { method } from '../define';
import type { ImageDetail, ImageLayer, ImageRemoval, ImageSummary } from '../dto/images';
import type { PruneItem } from '../dto/system';
import { hostPath, labelFilters, labels, objectRef, operationId } from './common';

const reference = z.string().trim().min(1, 'is required').max(512, 'is too long');

export const buildSpec = z
  .object({
    /** Folder holding the build context. */
    context: hostPath,
    /** Dockerfile path relative to the context. */
    dockerfile: z.string().min(1).default('Dockerfile'),
    tags: z.array(reference).default([]),
    buildArgs: z.record(z.string().min(1), z.string()).default({}),
    /** Multi-stage target. */
    target: z.string().min(1).optional(),
    noCache: z.boolean().default(false),
    pull: z.boolean().default(false),
    labels: labels.default({}),
    operation: operationId.optional(),
  })
  .strict();

export type BuildSpec = z.output<typeof buildSpec>;

export const imageMethods = {
  'images.list': method<ImageSummary[]>()(z.object({ all: z.boolean().default(false) }).strict()),
  'images.inspect': method<ImageDetail>()(z.object({ id: objectRef }).strict()),
  'images.history': method<ImageLayer[]>()(z.object({ id: objectRef }).strict()),
  /** Pulls and waits; per-layer progress arrives as `images.progress` events for `operation`. */
  'images.pull': method<{ id: string; reference: string }>()(
    z.object({ reference, operation: operationId.optional() }).strict(),
  ),
  /** Pushes and waits; per-layer progress arrives as `images.progress` events for `operation`. */
  'images.push': method<{ reference: string; digest?: string }>()(
    z.object({ reference, operation: operationId.optional() }).strict(),
  ),
  'images.tag': method<void>()(z.object({ id: objectRef, reference }).strict()),
  'images.remove': method<ImageRemoval>()(
    z.object({ id: objectRef, force: z.boolean().default(false), noPrune: z.boolean().default(false) }).strict(),
  ),
  /** Dangling images only, or every image no container uses (`all`). */
  'images.prune': method<{ removed: PruneItem[]; spaceReclaimed: number }>()(
    z.object({ all: z.boolean().default(false), labels: labelFilters }).strict(),
  ),
  /** Builds and waits; output lines arrive as `build.output` events for `operation`. */
  'images.build': method<{ id: string; tags: string[] }>()(buildSpec),
  /** Stops a pull, push or build started with this operation id. */
  'operations.cancel': method<{ cancelled: boolean }>()(z.object({ operation: operationId }).strict()),
} as const;
