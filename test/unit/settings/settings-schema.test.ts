// Settings version 4: the defaults, and each section's validation with the messages a user sees.
import { describe, expect, it } from 'vitest';
import { SettingsError } from '../../../src-main/settings/settings-error';
import {
  defaultSettings,
  parseSettings,
  settingsPatchSchema,
  type Settings,
} from '../../../src-main/settings/settings-schema';

const DEFAULTS: Settings = {
  version: 4,
  machine: {
    backend: 'auto',
    cpus: 2,
    memoryMiB: 2048,
    diskGiB: 64,
    idlePauseSeconds: 300,
    exposePortsOnAllInterfaces: false,
  },
  general: { startAtLogin: false, closeToTray: true, stopMachineOnQuit: true, theme: 'system', notifications: true },
  window: { maximized: false },
  fileSharing: { folders: [] },
  engine: { daemonJson: '{}\n' },
  engines: { active: 'local', remotes: [] },
  dockerCli: { writeContext: true, useContext: false },
  recentImages: [],
  updates: { enabled: false },
  buildCache: {},
  registries: { trust: [] },
};

/** The message parseSettings refuses `raw` with. */
function refusal(raw: unknown): string {
  try {
    parseSettings(raw);
  } catch (error) {
    expect(error).toBeInstanceOf(SettingsError);
    return (error as Error).message;
  }
  throw new Error('the settings were accepted');
}

describe('settings defaults', () => {
  it('gives every field its default', () => {
    expect(defaultSettings()).toEqual(DEFAULTS);
    expect(parseSettings({})).toEqual(DEFAULTS);
  });

  it('fills in the fields a section leaves out, keeping the ones it has', () => {
    expect(parseSettings({ general: { theme: 'dark' }, machine: { cpus: 4 } })).toEqual({
      ...DEFAULTS,
      general: { ...DEFAULTS.general, theme: 'dark' },
      machine: { ...DEFAULTS.machine, cpus: 4 },
    });
  });

  it('hands out lists no one else holds', () => {
    defaultSettings().fileSharing.folders.push('/srv');
    defaultSettings().recentImages.push('busybox');
    expect(defaultSettings()).toEqual(DEFAULTS);
  });
});

describe('settings validation', () => {
  it('refuses what is not an object, a section that is not one, and unknown keys by name', () => {
    expect(refusal([])).toBe('settings: must be an object');
    expect(refusal({ general: 'dark' })).toBe('general: must be an object');
    expect(refusal({ theme: 'dark', general: { themes: 'dark' } })).toBe(
      'general.themes: unknown setting; theme: unknown setting',
    );
  });

  it('version: only 4', () => {
    expect(refusal({ version: 3 })).toBe('version: must be 4');
    expect(parseSettings({ version: 4 }).version).toBe(4);
  });

  it('buildCache: a budget of more than 0 GB, or none', () => {
    expect(parseSettings({ buildCache: { budgetGB: 2.5 } }).buildCache).toEqual({ budgetGB: 2.5 });
    expect(refusal({ buildCache: { budgetGB: -1 } })).toBe('buildCache.budgetGB: must be more than 0 GB');
    expect(refusal({ buildCache: { budgetGB: '2G' } })).toBe('buildCache.budgetGB: must be a number of GB');
    expect(settingsPatchSchema.safeParse({ buildCache: { budgetGB: null } }).success).toBe(true);
  });

  it("machine: machine.json's fields with its limits", () => {
    expect(refusal({ machine: { backend: 'kvm', cpus: 0, memoryMiB: 511, diskGiB: 7.5, idlePauseSeconds: -1 } })).toBe(
      'machine.backend: must be auto, qemu or native; ' +
        'machine.cpus: must be a whole number of CPUs, at least 1; ' +
        'machine.memoryMiB: must be a whole number of MiB, at least 512; ' +
        'machine.diskGiB: must be a whole number of GiB, at least 8; ' +
        'machine.idlePauseSeconds: must be a whole number of seconds, at least 0',
    );
    expect(refusal({ machine: { cpus: '2', exposePortsOnAllInterfaces: 'yes' } })).toBe(
      'machine.cpus: must be a whole number of CPUs, at least 1; machine.exposePortsOnAllInterfaces: must be true or false',
    );
    const machine = { backend: 'qemu', cpus: 1, memoryMiB: 512, diskGiB: 8, idlePauseSeconds: 0 } as const;
    expect(parseSettings({ machine }).machine).toEqual({ ...machine, exposePortsOnAllInterfaces: false });
  });

  it('general: flags and a theme', () => {
    expect(
      refusal({
        general: { startAtLogin: 1, closeToTray: 'no', stopMachineOnQuit: null, theme: 'blue', notifications: 0 },
      }),
    ).toBe(
      'general.startAtLogin: must be true or false; general.closeToTray: must be true or false; ' +
        'general.stopMachineOnQuit: must be true or false; general.theme: must be system, light or dark; ' +
        'general.notifications: must be true or false',
    );
    expect(parseSettings({ general: { theme: 'light', closeToTray: false } }).general).toMatchObject({
      theme: 'light',
      closeToTray: false,
    });
  });

  it('window: whole-pixel bounds no smaller than 400×300, and a maximized flag', () => {
    const bounds = { x: -1920, y: 0, width: 400, height: 300 };
    expect(parseSettings({ window: { bounds, maximized: true } }).window).toEqual({ bounds, maximized: true });
    expect(refusal({ window: { bounds: { x: 0.5, y: 0, width: 399, height: 299 } } })).toBe(
      'window.bounds.x: must be a whole number of pixels; ' +
        'window.bounds.width: must be a whole number of pixels, at least 400; ' +
        'window.bounds.height: must be a whole number of pixels, at least 300',
    );
    expect(refusal({ window: { bounds: [0, 0, 800, 600] } })).toBe(
      'window.bounds: must be an object with x, y, width and height',
    );
    expect(refusal({ window: { bounds: { x: 0, y: 0, width: 800 } } })).toBe(
      'window.bounds.height: must be a whole number of pixels, at least 300',
    );
    expect(refusal({ window: { maximized: 'yes' } })).toBe('window.maximized: must be true or false');
  });

  it('fileSharing: absolute paths, each folder once', () => {
    expect(parseSettings({ fileSharing: { folders: ['/srv/data', '/opt'] } }).fileSharing.folders).toEqual([
      '/srv/data',
      '/opt',
    ]);
    expect(refusal({ fileSharing: { folders: ['/srv/data', 'projects', '/srv/data/', '/opt', '/srv/../opt'] } })).toBe(
      'fileSharing.folders[1]: must be an absolute path, not "projects"; ' +
        'fileSharing.folders[2]: "/srv/data/" is already listed at fileSharing.folders[0]; ' +
        'fileSharing.folders[4]: "/srv/../opt" is already listed at fileSharing.folders[3]',
    );
    expect(refusal({ fileSharing: { folders: '/srv' } })).toBe('fileSharing.folders: must be a list of absolute paths');
    expect(refusal({ fileSharing: { folders: [42] } })).toBe('fileSharing.folders[0]: must be an absolute path');
  });

  it("engine: daemon.json's text, which must be a JSON object", () => {
    const daemonJson = '{\n  "features": { "containerd-snapshotter": true }\n}\n';
    expect(parseSettings({ engine: { daemonJson } }).engine.daemonJson).toBe(daemonJson);
    expect(refusal({ engine: { daemonJson: '{"debug": true,}' } })).toMatch(
      /^engine\.daemonJson: not valid JSON: .*(Unexpected token|Expected double-quoted property name)/,
    );
    expect(refusal({ engine: { daemonJson: '["debug"]' } })).toBe(
      'engine.daemonJson: must be a JSON object, not an array',
    );
    expect(refusal({ engine: { daemonJson: 'null' } })).toBe('engine.daemonJson: must be a JSON object, not null');
    expect(refusal({ engine: { daemonJson: '3' } })).toBe('engine.daemonJson: must be a JSON object, not a number');
    expect(refusal({ engine: { daemonJson: { debug: true } } })).toBe(
      'engine.daemonJson: must be the text of daemon.json',
    );
  });

  it('engines: remotes at ssh:// or tcp:// addresses with unique ids, and an active one that exists', () => {
    const remotes = [
      { id: 'build', name: 'Build box', address: 'ssh://ci@build.example.com' },
      { id: 'lab', name: 'Lab', address: 'ssh://me@[fd00::1]:2222' },
      { id: 'old', name: 'Old', address: 'tcp://10.0.0.5:2375' },
    ];
    expect(parseSettings({ engines: { active: 'lab', remotes } }).engines).toEqual({ active: 'lab', remotes });
    expect(
      refusal({
        engines: {
          remotes: [
            { id: 'a', name: 'A', address: 'ssh://build.example.com' },
            { id: 'local', name: '', address: 'tcp://host' },
            { id: 'a', name: 'B', address: 'http://host:2375' },
            { id: '', name: 'C', address: 'ssh://me@host/path' },
          ],
        },
      }),
    ).toBe(
      'engines.remotes[0].address: must be ssh://user@host[:port] or tcp://host:port, not "ssh://build.example.com"; ' +
        `engines.remotes[1].id: "local" is the local engine's id; ` +
        'engines.remotes[1].name: must not be empty; ' +
        'engines.remotes[1].address: must be ssh://user@host[:port] or tcp://host:port, not "tcp://host"; ' +
        'engines.remotes[2].address: must be ssh://user@host[:port] or tcp://host:port, not "http://host:2375"; ' +
        'engines.remotes[3].id: must not be empty; ' +
        'engines.remotes[3].address: must be ssh://user@host[:port] or tcp://host:port, not "ssh://me@host/path"; ' +
        'engines.remotes[2].id: "a" is already the id of engines.remotes[0]',
    );
    expect(refusal({ engines: { active: 'lab' } })).toBe(
      'engines.active: must be "local" or the id of one of engines.remotes, not "lab"',
    );
    expect(refusal({ engines: { remotes: [{ id: 'a', name: 'A', address: 'tcp://h:1', port: 1 }] } })).toBe(
      'engines.remotes[0].port: unknown setting',
    );
    expect(refusal({ engines: { remotes: ['ssh://me@host'] } })).toBe(
      'engines.remotes[0]: must be an object with id, name and address',
    );
  });

  it('dockerCli: two flags', () => {
    expect(parseSettings({ dockerCli: { writeContext: false, useContext: true } }).dockerCli).toEqual({
      writeContext: false,
      useContext: true,
    });
    expect(refusal({ dockerCli: { useContext: 'berth' } })).toBe('dockerCli.useContext: must be true or false');
  });

  it('recentImages: up to 10 image references', () => {
    const ten = Array.from({ length: 10 }, (_, i) => `registry.example.com/app:v${i}`);
    expect(parseSettings({ recentImages: ten }).recentImages).toEqual(ten);
    expect(refusal({ recentImages: [...ten, 'busybox'] })).toBe('recentImages: must list at most 10 images');
    expect(refusal({ recentImages: ['busybox', 'Busybox', 7] })).toBe(
      'recentImages[1]: invalid image reference "Busybox": repository name must be lowercase; ' +
        'recentImages[2]: must be an image reference',
    );
  });

  it('updates: a flag and an optional https feed', () => {
    expect(parseSettings({ updates: { enabled: true, feedUrl: 'https://updates.example.com/berth' } }).updates).toEqual(
      { enabled: true, feedUrl: 'https://updates.example.com/berth' },
    );
    expect(refusal({ updates: { feedUrl: 'http://updates.example.com' } })).toBe(
      'updates.feedUrl: must be an https:// URL',
    );
    expect(refusal({ updates: { feedUrl: 'updates' } })).toBe('updates.feedUrl: must be an https:// URL');
  });
});

describe('settings patch schema', () => {
  it('takes any section with any of its fields, and null for an optional field', () => {
    const patch = { general: { theme: 'dark' }, window: { bounds: null }, recentImages: ['busybox'] };
    expect(settingsPatchSchema.parse(patch)).toEqual(patch);
    expect(settingsPatchSchema.parse({})).toEqual({});
  });

  it('fills in no defaults', () => {
    expect(settingsPatchSchema.parse({ machine: { cpus: 4 }, engines: {} })).toEqual({
      machine: { cpus: 4 },
      engines: {},
    });
  });

  it('validates each field as the settings do, and refuses the version and unknown keys', () => {
    const result = settingsPatchSchema.safeParse({
      version: 2,
      machine: { memoryMiB: 100, gpus: 1 },
      general: { theme: null },
      fileSharing: { folders: ['/a', '/a'] },
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([
      ['machine.memoryMiB', 'must be a whole number of MiB, at least 512'],
      ['machine', 'Unrecognized key: "gpus"'],
      ['general.theme', 'must be system, light or dark'],
      ['fileSharing.folders.1', '"/a" is already listed at fileSharing.folders[0]'],
      ['', 'Unrecognized key: "version"'],
    ]);
  });
});
