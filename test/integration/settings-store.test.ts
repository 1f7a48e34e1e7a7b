// settings.json on disk: defaults, migration from machine.json, recovery from a bad file, atomic and ordered writes, newer files left alone.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SettingsError } from '../../src-main/settings/settings-error';
import { defaultSettings } from '../../src-main/settings/settings-schema';
import { SettingsStore } from '../../src-main/settings/settings-store';
import { makeOwnedTempDir } from '../support/temp-dirs';

const root = makeOwnedTempDir('berth-settings-');
afterAll(() => rmSync(root, { recursive: true, force: true }));

let folders = 0;
/** A fresh data folder for one test, not created yet. */
function dataDir(): string {
  return join(root, `data-${++folders}`);
}

/** A data folder holding `files` (name → content). */
function dataDirWith(files: Record<string, string | Buffer>): string {
  const dir = dataDir();
  mkdirSync(dir, { recursive: true });
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}

function readJson(path: string): unknown {
  return JSON.parse(readFileSync(path, 'utf8'));
}

/** The names in `dir` other than temporary files. */
function backupsIn(dir: string): string[] {
  return readdirSync(dir).filter((name) => name.startsWith('settings.json.invalid-'));
}

describe('settings.json', () => {
  it('gives the defaults when there is no file, and writes nothing until an update', async () => {
    const dir = dataDir();
    const store = new SettingsStore(dir);
    expect(await store.load()).toEqual({ settings: defaultSettings(), warnings: [] });
    expect(store.settings).toEqual(defaultSettings());
    expect(existsSync(dir)).toBe(false);

    const updated = await store.update({ general: { theme: 'dark' } });
    expect(updated.general.theme).toBe('dark');
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(statSync(store.file).mode & 0o777).toBe(0o600);
    expect(readJson(store.file)).toEqual(updated);
    expect(readdirSync(dir)).toEqual(['settings.json']);

    const again = new SettingsStore(dir);
    expect(await again.load()).toEqual({ settings: updated, warnings: [] });
  });

  it('migrates machine.json into settings.json and leaves machine.json as it was', async () => {
    const legacy = '{"cpus": 4, "memoryMiB": 4096, "idlePauseSeconds": 0, "colour": "blue"}';
    const dir = dataDirWith({ 'machine.json': legacy });
    const store = new SettingsStore(dir);
    const { settings, warnings } = await store.load();
    expect(warnings).toEqual([]);
    expect(settings.machine).toEqual({ ...defaultSettings().machine, cpus: 4, memoryMiB: 4096, idlePauseSeconds: 0 });
    expect(readJson(store.file)).toEqual(settings);
    expect(statSync(store.file).mode & 0o777).toBe(0o600);
    expect(readFileSync(join(dir, 'machine.json'), 'utf8')).toBe(legacy);

    // settings.json now wins: a later change to machine.json is not migrated again.
    writeFileSync(join(dir, 'machine.json'), '{"cpus": 1}');
    expect((await new SettingsStore(dir).load()).settings.machine.cpus).toBe(4);
  });

  it('migrates an invalid machine.json value to its default with a warning naming the file and field', async () => {
    const dir = dataDirWith({ 'machine.json': '{"idlePauseSeconds": -5, "diskGiB": 100}' });
    const { settings, warnings } = await new SettingsStore(dir).load();
    expect(settings.machine).toEqual({ ...defaultSettings().machine, diskGiB: 100 });
    expect(warnings).toEqual([
      `${join(dir, 'machine.json')}: idlePauseSeconds: must be a whole number of seconds, at least 0, not -5; using the default (300)`,
    ]);
    expect(readJson(join(dir, 'settings.json'))).toEqual(settings);
  });

  it('migrates a machine.json that is not JSON as the defaults, with a warning', async () => {
    const dir = dataDirWith({ 'machine.json': 'cpus=4' });
    const { settings, warnings } = await new SettingsStore(dir).load();
    expect(settings).toEqual(defaultSettings());
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/machine\.json: not valid JSON \(.+\); using the default machine settings$/);
    expect(readFileSync(join(dir, 'machine.json'), 'utf8')).toBe('cpus=4');
  });

  it('sets aside a file that is not JSON, keeping its bytes, and uses the defaults', async () => {
    const garbage = Buffer.from([0xff, 0xfe, 0x00, 0x7b, 0x22, 0x80, 0x0a]);
    const dir = dataDirWith({ 'settings.json': garbage, 'machine.json': '{"cpus": 3}' });
    const store = new SettingsStore(dir);
    const { settings, warnings } = await store.load();
    expect(settings).toEqual(defaultSettings());
    const [backup, ...more] = backupsIn(dir);
    expect(more).toEqual([]);
    expect(backup).toMatch(/^settings\.json\.invalid-\d{4}-\d\d-\d\dT\d{6}\.\d{3}Z$/);
    expect(readFileSync(join(dir, backup as string))).toEqual(garbage);
    expect(warnings).toHaveLength(1);
    const warning = warnings[0] as string;
    expect(warning.startsWith(`${store.file} could not be used (not valid JSON: `)).toBe(true);
    expect(warning.endsWith(`); it was moved to ${join(dir, backup as string)} and the defaults are used`)).toBe(true);
    expect(warning).not.toMatch(/\p{Cc}/u);
    // The defaults are written, so machine.json is not migrated over them on the next start.
    expect(readJson(store.file)).toEqual(defaultSettings());
    expect(await new SettingsStore(dir).load()).toEqual({ settings: defaultSettings(), warnings: [] });
  });

  it('sets aside valid JSON that fails the schema, saying which fields', async () => {
    const original = '{\n  "version": 2,\n  "general": { "theme": "blue" },\n  "machine": { "cpu": 4 }\n}\n';
    const dir = dataDirWith({ 'settings.json': original });
    const store = new SettingsStore(dir);
    const { settings, warnings } = await store.load();
    expect(settings).toEqual(defaultSettings());
    const backup = join(dir, backupsIn(dir)[0] as string);
    expect(readFileSync(backup, 'utf8')).toBe(original);
    expect(warnings).toEqual([
      `${store.file} could not be used (machine.cpu: unknown setting; general.theme: must be system, light or dark); it was moved to ${backup} and the defaults are used`,
    ]);
  });

  it('leaves the file byte-identical when an update fails validation', async () => {
    const dir = dataDir();
    const store = new SettingsStore(dir);
    await store.load();
    const saved = await store.update({ machine: { cpus: 3 }, fileSharing: { folders: ['/srv'] } });
    const before = readFileSync(store.file);

    await expect(store.update({ machine: { cpus: 4, memoryMiB: 100 } })).rejects.toThrow(
      new SettingsError('machine.memoryMiB: must be a whole number of MiB, at least 512'),
    );
    await expect(store.update({ fileSharing: { folders: ['/srv', 'relative'] } })).rejects.toThrow(
      'fileSharing.folders[1]: must be an absolute path, not "relative"',
    );
    await expect(store.update({ engines: { active: 'nowhere' } })).rejects.toThrow('engines.active:');
    expect(readFileSync(store.file)).toEqual(before);
    expect(store.settings).toEqual(saved);
    expect(readdirSync(dir)).toEqual(['settings.json']);
  });

  it('applies concurrent updates in order, all of them, and tells subscribers about each', async () => {
    const dir = dataDir();
    const store = new SettingsStore(dir);
    await store.load();
    const seen: Array<[number, number]> = [];
    const unsubscribe = store.onChange((settings, previous) =>
      seen.push([previous.machine.cpus, settings.machine.cpus]),
    );
    store.onChange(() => {
      throw new Error('a broken subscriber');
    });

    const results = await Promise.allSettled([
      store.update({ machine: { cpus: 3 } }),
      store.update({ general: { theme: 'light' } }),
      store.update({ general: { theme: 'nope' as 'dark' } }),
      store.update({ machine: { cpus: 5 }, recentImages: ['busybox'] }),
      store.update({ window: { maximized: true } }),
    ]);
    expect(results.map((result) => result.status)).toEqual([
      'fulfilled',
      'fulfilled',
      'rejected',
      'fulfilled',
      'fulfilled',
    ]);
    const expected = {
      ...defaultSettings(),
      machine: { ...defaultSettings().machine, cpus: 5 },
      general: { ...defaultSettings().general, theme: 'light' },
      window: { maximized: true },
      recentImages: ['busybox'],
    };
    expect(readJson(store.file)).toEqual(expected);
    expect(store.settings).toEqual(expected);
    expect(seen).toEqual([
      [2, 3],
      [3, 3],
      [3, 5],
      [5, 5],
    ]);

    unsubscribe();
    await store.update({ machine: { cpus: 6 } });
    expect(seen).toHaveLength(4);
    expect(readdirSync(dir)).toEqual(['settings.json']);
  });

  it('never writes a file from a newer Berth: the defaults are used and updates are refused', async () => {
    const newer = '{"version": 5, "machine": {"cpus": 8}, "gpu": {"enabled": true}}\n';
    const dir = dataDirWith({ 'settings.json': newer, 'machine.json': '{"cpus": 4}' });
    const store = new SettingsStore(dir);
    const { settings, warnings } = await store.load();
    expect(settings).toEqual(defaultSettings());
    expect(warnings).toEqual([
      `${store.file} was written by a newer Berth (settings version 5; this one knows up to 4): using the defaults and leaving the file as it is`,
    ]);
    expect(readFileSync(store.file, 'utf8')).toBe(newer);

    await expect(store.update({ general: { theme: 'dark' } })).rejects.toThrow(
      new SettingsError(
        `${store.file} was written by a newer Berth (settings version 5; this one knows up to 4); this Berth does not change it`,
      ),
    );
    expect(readFileSync(store.file, 'utf8')).toBe(newer);
    expect(backupsIn(dir)).toEqual([]);
    expect(store.settings).toEqual(defaultSettings());
  });

  it('refuses an update before the settings were loaded', async () => {
    const store = new SettingsStore(dataDir());
    await expect(store.update({ general: { theme: 'dark' } })).rejects.toThrow('load() the settings first');
  });
});
