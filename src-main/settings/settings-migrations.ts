// Settings written by an earlier Berth, brought up to the current version one step at a time; version 1 was machine.json.
import { machineSettingsSchema, type Settings } from './settings-schema';

/** The settings version this build reads and writes. */
export const CURRENT_SETTINGS_VERSION: Settings['version'] = 4;

export interface SettingsMigration {
  /** The version this step reads; it returns version `from + 1`. */
  from: number;
  /** Never throws: a value it cannot carry over is left out (so it takes its default), and `warn` is told why. */
  migrate(raw: unknown, warn: (message: string) => void): unknown;
}

/** Version 1 is machine.json: the machine's fields at the top level, unknown ones ignored. */
function fromMachineJson(raw: unknown, warn: (message: string) => void): unknown {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    warn('not a JSON object; using the default machine settings');
    return { version: 2, machine: {} };
  }
  const legacy = raw as Record<string, unknown>;
  const machine: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(machineSettingsSchema.shape)) {
    if (legacy[key] === undefined) continue;
    const parsed = field.safeParse(legacy[key]);
    if (parsed.success) machine[key] = parsed.data;
    else {
      const why = parsed.error.issues.map((issue) => issue.message).join('; ');
      warn(`${key}: ${why}, not ${JSON.stringify(legacy[key])}; using the default (${field.parse(undefined)})`);
    }
  }
  return { version: 2, machine };
}

/** Version 3 added the build cache section (no budget until the user sets one); everything else carries over. */
function toVersion3(raw: unknown, warn: (message: string) => void): unknown {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    warn('not a JSON object; using the default settings');
    return { version: 3 };
  }
  return { ...raw, version: 3 };
}

/** Version 4 added the registries section (no registry trusted beyond the system's CAs); everything else carries over. */
function toVersion4(raw: unknown, warn: (message: string) => void): unknown {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    warn('not a JSON object; using the default settings');
    return { version: 4 };
  }
  return { ...raw, version: 4 };
}

/** Every step, oldest first; step i reads version i + 1. */
export const SETTINGS_MIGRATIONS: readonly SettingsMigration[] = [
  { from: 1, migrate: fromMachineJson },
  { from: 2, migrate: toVersion3 },
  { from: 3, migrate: toVersion4 },
];

export interface MigratedSettings {
  /** The current version's object, still to be validated by the schema. */
  raw: unknown;
  /** One line per value that was not carried over, naming the field. */
  warnings: string[];
}

/**
 * Settings written as version `fromVersion` (1: a machine.json object), migrated to
 * CURRENT_SETTINGS_VERSION; the current version comes back unchanged.
 * @throws RangeError for a version with no migration path (below 1, above the current one, not whole).
 */
export function migrateSettings(raw: unknown, fromVersion: number): MigratedSettings {
  const oldest = SETTINGS_MIGRATIONS[0]?.from ?? CURRENT_SETTINGS_VERSION;
  if (!Number.isInteger(fromVersion) || fromVersion < oldest || fromVersion > CURRENT_SETTINGS_VERSION) {
    throw new RangeError(`There is no migration from settings version ${fromVersion}`);
  }
  const warnings: string[] = [];
  let value = raw;
  for (const step of SETTINGS_MIGRATIONS) {
    if (step.from >= fromVersion) value = step.migrate(value, (message) => warnings.push(message));
  }
  return { raw: value, warnings };
}
