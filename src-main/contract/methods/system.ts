// System methods: engine status, info, version, disk usage, prune with preview, host folders.
import { z } from 'zod';
import { method } from '../define';
import type {
  DiskUsage,
  EngineCapabilities,
  EngineInfo,
  EngineStatus,
  EngineVersion,
  HostPaths,
  PruneReport,
} from '../dto/system';
import { labelFilters } from './common';

export const pruneOptions = z
  .object({
    containers: z.boolean().default(true),
    /** "dangling": untagged images; "all": every image no container uses. */
    images: z.enum(['none', 'dangling', 'all']).default('dangling'),
    networks: z.boolean().default(true),
    volumes: z.boolean().default(false),
    /** Also named volumes, not only anonymous ones. */
    allVolumes: z.boolean().default(false),
    buildCache: z.boolean().default(true),
    /** Only objects carrying all these `key=value` labels. */
    labels: labelFilters,
  })
  .strict();

export type PruneOptions = z.output<typeof pruneOptions>;

export const systemMethods = {
  'engine.status': method<EngineStatus>()(z.object({}).strict()),
  'system.info': method<EngineInfo>()(z.object({}).strict()),
  'system.version': method<EngineVersion>()(z.object({}).strict()),
  /** What the engine (and the CLIs where it is) can do, each with why not. */
  'system.capabilities': method<EngineCapabilities>()(z.object({}).strict()),
  'system.diskUsage': method<DiskUsage>()(z.object({}).strict()),
  /** What `system.prune` with the same options would remove, without removing anything. */
  'system.prunePreview': method<PruneReport>()(pruneOptions),
  'system.prune': method<PruneReport>()(pruneOptions),
  /** Home, Downloads and temp folders of the host running Berth, where copies to the host land. */
  'system.paths': method<HostPaths>()(z.object({}).strict()),
  /** Files chosen in the desktop app's own file dialog (none when cancelled); unsupported in a browser, where paths are typed. */
  'host.pickFiles': method<{ paths: string[] }>()(
    z
      .object({
        title: z.string().min(1).max(200),
        multiple: z.boolean().default(false),
        /** Extensions without the dot, e.g. ["yaml", "yml"]; empty for any file. */
        extensions: z
          .array(z.string().regex(/^[A-Za-z0-9]{1,16}$/))
          .max(16)
          .default([]),
      })
      .strict(),
  ),
} as const;
