// settings.json in Berth's data folder: loaded with migration and recovery, updated one atomic write at a time.
import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { SettingsError } from './settings-error';
import { CURRENT_SETTINGS_VERSION, migrateSettings } from './settings-migrations';
import { applySettingsPatch } from './settings-patch';
import { defaultSettings, parseSettings, type Settings, type SettingsPatch } from './settings-schema';

/** The settings file's name in the data folder. */
const SETTINGS_FILE = 'settings.json';
/** Settings version 1: the machine's settings alone, read once to make settings.json and then left in place. */
const LEGACY_MACHINE_FILE = 'machine.json';

export interface LoadedSettings {
  settings: Settings;
  /** Sentences for the user about what could not be used as it was (a file set aside, a value dropped, a newer file). */
  warnings: string[];
}

/** Called after each update is written, with the new settings and the ones before. */
export type SettingsListener = (settings: Settings, previous: Settings) => void;

/**
 * Berth's settings in `<dataDir>/settings.json`. Call `load()` first. Loads and updates run one at a
 * time in the order they were called, so concurrent updates all land. The settings objects handed
 * out are replaced, never changed, by an update: treat them as read-only.
 */
export class SettingsStore {
  /** The path of settings.json. */
  readonly file: string;
  private readonly legacyFile: string;
  private current: Settings | undefined;
  /** Set when the file was written by a newer Berth: why this one must not write it. */
  private refusal: string | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly listeners = new Set<SettingsListener>();

  /** `dataDir`: Berth's data folder, which other stores (the audit's OSV database) keep their files in too. */
  constructor(readonly dataDir: string) {
    this.file = join(dataDir, SETTINGS_FILE);
    this.legacyFile = join(dataDir, LEGACY_MACHINE_FILE);
  }

  /** The settings as last loaded or updated. @throws Error before `load()` finished. */
  get settings(): Settings {
    if (!this.current) throw new Error('SettingsStore: load() the settings first');
    return this.current;
  }

  /**
   * Reads settings.json. When it is missing: machine.json (settings version 1) is migrated into a
   * new settings.json when there is one, else the defaults are used and nothing is written. When
   * it is not JSON or not valid: it is renamed to `settings.json.invalid-<ISO time without
   * colons>`, and the defaults are used and written. When a newer Berth wrote it: the defaults are
   * used and the file is never written. Each case comes with a warning.
   */
  load(): Promise<LoadedSettings> {
    return this.serialized(async () => {
      this.refusal = undefined;
      const loaded = await this.read();
      this.current = loaded.settings;
      return loaded;
    });
  }

  /**
   * Validates `patch`, merges it into the settings (see `applySettingsPatch`), validates the result
   * and writes it atomically (mode 0600), then tells the listeners.
   * @throws SettingsError naming the field, or when a newer Berth's file must be left alone; nothing is written then.
   */
  update(patch: SettingsPatch): Promise<Settings> {
    return this.serialized(async () => {
      const previous = this.settings;
      if (this.refusal) throw new SettingsError(`${this.refusal}; this Berth does not change it`);
      const next = applySettingsPatch(previous, patch);
      await this.write(next);
      this.current = next;
      for (const listener of this.listeners) {
        try {
          listener(next, previous);
        } catch {
          // A broken subscriber must not stop the others, nor fail an update that was written.
        }
      }
      return next;
    });
  }

  /** Calls `listener` after every later update; returns an unsubscribe function. */
  onChange(listener: SettingsListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private serialized<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async read(): Promise<LoadedSettings> {
    const text = await readIfExists(this.file);
    if (text === undefined) return this.migrateMachineJson();
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch (error) {
      return this.setAside(`not valid JSON: ${printable((error as Error).message)}`);
    }
    const version = versionOf(raw);
    if (version > CURRENT_SETTINGS_VERSION) {
      this.refusal = `${this.file} was written by a newer Berth (settings version ${version}; this one knows up to ${CURRENT_SETTINGS_VERSION})`;
      return {
        settings: defaultSettings(),
        warnings: [`${this.refusal}: using the defaults and leaving the file as it is`],
      };
    }
    try {
      const migrated = migrateSettings(raw, version);
      const settings = parseSettings(migrated.raw);
      if (version < CURRENT_SETTINGS_VERSION) await this.write(settings);
      return { settings, warnings: migrated.warnings.map((warning) => `${this.file}: ${warning}`) };
    } catch (error) {
      if (error instanceof SettingsError) return this.setAside(error.message);
      throw error;
    }
  }

  /** Settings version 1 → settings.json, or the defaults (nothing written) when there is no machine.json either. */
  private async migrateMachineJson(): Promise<LoadedSettings> {
    const text = await readIfExists(this.legacyFile);
    if (text === undefined) return { settings: defaultSettings(), warnings: [] };
    const warnings: string[] = [];
    let legacy: unknown = {};
    try {
      legacy = JSON.parse(text);
    } catch (error) {
      warnings.push(`not valid JSON (${printable((error as Error).message)}); using the default machine settings`);
    }
    const migrated = migrateSettings(legacy, 1);
    warnings.push(...migrated.warnings);
    const settings = parseSettings(migrated.raw);
    await this.write(settings);
    return { settings, warnings: warnings.map((warning) => `${this.legacyFile}: ${warning}`) };
  }

  /** Keeps an unusable settings.json as a backup beside it and starts again from the defaults. */
  private async setAside(reason: string): Promise<LoadedSettings> {
    const backup = `${this.file}.invalid-${new Date().toISOString().replace(/:/g, '')}`;
    await rename(this.file, backup);
    const settings = defaultSettings();
    await this.write(settings);
    return {
      settings,
      warnings: [`${this.file} could not be used (${reason}); it was moved to ${backup} and the defaults are used`],
    };
  }

  /** Writes a temporary file beside settings.json (mode 0600), syncs it to disk and renames it over settings.json. */
  private async write(settings: Settings): Promise<void> {
    await mkdir(this.dataDir, { recursive: true, mode: 0o700 });
    const temp = join(this.dataDir, `.${SETTINGS_FILE}.${randomBytes(6).toString('hex')}.tmp`);
    const handle = await open(temp, 'wx', 0o600);
    try {
      try {
        await handle.writeFile(`${JSON.stringify(settings, null, 2)}\n`);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temp, this.file);
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
  }
}

/** The file's text without a byte-order mark (some editors add one), or undefined when there is no file. */
async function readIfExists(path: string): Promise<string | undefined> {
  try {
    return (await readFile(path, 'utf8')).replace(/^\uFEFF/, '');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** `text` on one line without control characters: a parse error quotes the file, which may be any bytes. */
function printable(text: string): string {
  return text.replace(/\p{Cc}+/gu, ' ');
}

/** The version a settings.json says it is; when it says none usable, the current one (and the schema judges). */
function versionOf(raw: unknown): number {
  const version = (raw as { version?: unknown } | null)?.version;
  return typeof version === 'number' && Number.isInteger(version) && version >= 1 ? version : CURRENT_SETTINGS_VERSION;
}
