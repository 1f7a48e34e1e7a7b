// Volume methods.
import { z } from 'zod';
import { method } from '../define';
import type { FileEntry } from '../dto/files';
import type { PruneItem } from '../dto/system';
import type { Volume } from '../dto/volumes';
import { containerPath, hostPath, labelFilters, labels, objectName, objectRef } from './common';

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
  /** The direct children of `path` (absolute, inside the volume; no ".."), folders first, then by name. */
  'volumes.files': method<FileEntry[]>()(z.object({ name: objectRef, path: containerPath.default('/') }).strict()),
  /** Copy a file or folder of the volume into a host folder; returns where it landed. */
  'volumes.copyFrom': method<{ hostPath: string }>()(
    z.object({ name: objectRef, path: containerPath, hostDir: hostPath }).strict(),
  ),
  /** Write the volume's content to a host .tar.gz (entries "./…"); `bytes` is the file's size. */
  'volumes.export': method<{ bytes: number }>()(
    z.object({ name: objectRef, hostPath, overwrite: z.boolean().default(false) }).strict(),
  ),
  /**
   * Unpack a host .tar.gz or .tar into a volume that is empty or, with `create`, missing (then
   * created with `labels`); a volume with content is refused (conflict).
   */
  'volumes.import': method<Volume>()(
    z.object({ name: objectName, hostPath, create: z.boolean().default(true), labels: labels.default({}) }).strict(),
  ),
  /** A new volume `target` with a copy of `source`'s content, driver and labels (plus `labels`). */
  'volumes.clone': method<Volume>()(
    z.object({ source: objectRef, target: objectName, labels: labels.default({}) }).strict(),
  ),
} as const;
