// Settings from every earlier version become valid version 4 settings; values that cannot be kept are named in a warning.
import { describe, expect, it } from 'vitest';
import {
  CURRENT_SETTINGS_VERSION,
  migrateSettings,
  SETTINGS_MIGRATIONS,
} from '../../../src-main/settings/settings-migrations';
import { defaultSettings, parseSettings } from '../../../src-main/settings/settings-schema';

/** machine.json (version 1) as the schema reads it after migration, with the warnings. */
function fromVersion1(machineJson: unknown) {
  const { raw, warnings } = migrateSettings(machineJson, 1);
  return { settings: parseSettings(raw), warnings };
}

describe('settings migrations', () => {
  it('run one version at a time up to the current one', () => {
    expect(CURRENT_SETTINGS_VERSION).toBe(4);
    expect(SETTINGS_MIGRATIONS.map((step) => step.from)).toEqual([1, 2, 3]);
    expect(SETTINGS_MIGRATIONS.at(-1)?.from).toBe(CURRENT_SETTINGS_VERSION - 1);
  });

  it('v1, full: every machine.json field lands in the machine section', () => {
    const machine = {
      backend: 'qemu',
      cpus: 4,
      memoryMiB: 8192,
      diskGiB: 128,
      idlePauseSeconds: 0,
      exposePortsOnAllInterfaces: true,
    } as const;
    expect(migrateSettings(machine, 1)).toEqual({ raw: { version: 4, machine }, warnings: [] });
    expect(fromVersion1(machine)).toEqual({ settings: { ...defaultSettings(), machine }, warnings: [] });
  });

  it('v1, partial: the fields it has, the defaults for the rest', () => {
    expect(fromVersion1({ memoryMiB: 4096, idlePauseSeconds: 60 })).toEqual({
      settings: {
        ...defaultSettings(),
        machine: { ...defaultSettings().machine, memoryMiB: 4096, idlePauseSeconds: 60 },
      },
      warnings: [],
    });
  });

  it('v1, empty: the defaults', () => {
    expect(fromVersion1({})).toEqual({ settings: defaultSettings(), warnings: [] });
  });

  it('v1 with invalid values: each takes its default, with a warning naming it', () => {
    const { settings, warnings } = fromVersion1({ cpus: 0, backend: 'kvm', memoryMiB: 3072, diskGiB: '100G' });
    expect(settings.machine).toEqual({ ...defaultSettings().machine, memoryMiB: 3072 });
    expect(warnings).toEqual([
      'backend: must be auto, qemu or native, not "kvm"; using the default (auto)',
      'cpus: must be a whole number of CPUs, at least 1, not 0; using the default (2)',
      'diskGiB: must be a whole number of GiB, at least 8, not "100G"; using the default (64)',
    ]);
  });

  it('v1 with unknown fields: they are dropped quietly', () => {
    expect(fromVersion1({ cpus: 3, gpus: 1, version: 7, general: { theme: 'dark' } })).toEqual({
      settings: { ...defaultSettings(), machine: { ...defaultSettings().machine, cpus: 3 } },
      warnings: [],
    });
  });

  it('v1 that is not an object: the defaults, with a warning', () => {
    for (const machineJson of [null, [], 'cpus=4', 4]) {
      expect(fromVersion1(machineJson)).toEqual({
        settings: defaultSettings(),
        warnings: ['not a JSON object; using the default machine settings'],
      });
    }
  });

  it('v2: every section carries over, and the build cache has no budget', () => {
    const raw = { version: 2, general: { theme: 'dark' }, recentImages: ['busybox'] };
    const { raw: migrated, warnings } = migrateSettings(raw, 2);
    expect(migrated).toEqual({ ...raw, version: 4 });
    expect(warnings).toEqual([]);
    const settings = parseSettings(migrated);
    expect(settings.general.theme).toBe('dark');
    expect(settings.recentImages).toEqual(['busybox']);
    expect(settings.buildCache).toEqual({});
  });

  it('v2 that is not an object: the defaults, with a warning', () => {
    expect(migrateSettings([], 2)).toEqual({
      raw: { version: 4 },
      warnings: ['not a JSON object; using the default settings'],
    });
  });

  it('v3: every section carries over, and no registry is trusted beyond the system CAs', () => {
    const raw = {
      version: 3,
      general: { theme: 'dark' },
      buildCache: { budgetGB: 20 },
      engines: { active: 'local', remotes: [] },
    };
    const { raw: migrated, warnings } = migrateSettings(raw, 3);
    expect(migrated).toEqual({ ...raw, version: 4 });
    expect(warnings).toEqual([]);
    const settings = parseSettings(migrated);
    expect(settings.general.theme).toBe('dark');
    expect(settings.buildCache).toEqual({ budgetGB: 20 });
    expect(settings.registries).toEqual({ trust: [] });
  });

  it('v3 that is not an object: the defaults, with a warning', () => {
    expect(migrateSettings('nope', 3)).toEqual({
      raw: { version: 4 },
      warnings: ['not a JSON object; using the default settings'],
    });
  });

  it('leaves the current version as it is', () => {
    const raw = { version: 4, general: { theme: 'dark' } };
    expect(migrateSettings(raw, 4)).toEqual({ raw, warnings: [] });
  });

  it('has no way from a newer version, or from one that never was', () => {
    expect(() => migrateSettings({ version: 5 }, 5)).toThrow('There is no migration from settings version 5');
    expect(() => migrateSettings({}, 0)).toThrow('There is no migration from settings version 0');
    expect(() => migrateSettings({}, 1.5)).toThrow('There is no migration from settings version 1.5');
  });

  it('a newer version is not valid settings for this Berth', () => {
    expect(() => parseSettings({ version: 5 })).toThrow('version: must be 4');
  });
});
