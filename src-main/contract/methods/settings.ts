// Settings methods: read them, change some (validated field by field by the settings store; nothing changes on error), and the docker CLI context.
import { z } from 'zod';
import { method } from '../define';
import type { DockerCliContext, Settings, SettingsPatch } from '../dto/settings';

/** The sections a patch may name; their fields are checked by the settings store, which names any bad one. */
const patch = z
  .object({
    machine: z.record(z.string(), z.unknown()),
    general: z.record(z.string(), z.unknown()),
    window: z.record(z.string(), z.unknown()),
    fileSharing: z.record(z.string(), z.unknown()),
    engine: z.record(z.string(), z.unknown()),
    engines: z.record(z.string(), z.unknown()),
    dockerCli: z.record(z.string(), z.unknown()),
    updates: z.record(z.string(), z.unknown()),
    buildCache: z.record(z.string(), z.unknown()),
    recentImages: z.array(z.string()),
  })
  .partial()
  .strict();

export const settingsMethods = {
  'settings.get': method<Settings>()(z.object({}).strict()),
  'settings.update': method<Settings>()(z.object({ patch: patch as unknown as z.ZodType<SettingsPatch> }).strict()),
  'dockerCli.context': method<DockerCliContext>()(z.object({}).strict()),
  /** Writes (or refreshes) the "berth" context for the engine Berth uses; `use` also makes it the CLI's current one. */
  'dockerCli.writeContext': method<DockerCliContext>()(z.object({ use: z.boolean().default(false) }).strict()),
} as const;
