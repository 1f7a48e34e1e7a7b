// Partial updates: merged section by section, validated before and after, never changing what they were given.
import { describe, expect, it } from 'vitest';
import { applySettingsPatch } from '../../../src-main/settings/settings-patch';
import { defaultSettings, type SettingsPatch } from '../../../src-main/settings/settings-schema';

describe('applySettingsPatch', () => {
  it('changes the given fields and keeps every other one', () => {
    const before = defaultSettings();
    const after = applySettingsPatch(before, { general: { theme: 'dark' }, machine: { cpus: 6 } });
    expect(after).toEqual({
      ...before,
      general: { ...before.general, theme: 'dark' },
      machine: { ...before.machine, cpus: 6 },
    });
    expect(before).toEqual(defaultSettings());
  });

  it('keeps a field given as undefined, and clears an optional field given as null', () => {
    const bounds = { x: 10, y: 20, width: 1280, height: 800 };
    const withBounds = applySettingsPatch(defaultSettings(), { window: { bounds, maximized: true } });
    expect(withBounds.window).toEqual({ bounds, maximized: true });
    expect(applySettingsPatch(withBounds, { window: { bounds: undefined } }).window).toEqual({
      bounds,
      maximized: true,
    });
    expect(applySettingsPatch(withBounds, { window: { bounds: null } }).window).toEqual({ maximized: true });
    const withFeed = applySettingsPatch(defaultSettings(), { updates: { feedUrl: 'https://example.com/feed' } });
    expect(applySettingsPatch(withFeed, { updates: { feedUrl: null } }).updates).toEqual({ enabled: false });
  });

  it('replaces lists and bounds as a whole', () => {
    const before = applySettingsPatch(defaultSettings(), {
      fileSharing: { folders: ['/srv', '/opt'] },
      recentImages: ['nginx:1', 'busybox'],
      window: { bounds: { x: 0, y: 0, width: 900, height: 700 } },
    });
    const after = applySettingsPatch(before, {
      fileSharing: { folders: ['/data'] },
      recentImages: ['redis'],
      window: { bounds: { x: 5, y: 5, width: 500, height: 400 } },
    });
    expect(after.fileSharing.folders).toEqual(['/data']);
    expect(after.recentImages).toEqual(['redis']);
    expect(after.window.bounds).toEqual({ x: 5, y: 5, width: 500, height: 400 });
  });

  it('refuses an invalid patch, naming the field', () => {
    expect(() =>
      applySettingsPatch(defaultSettings(), { general: { theme: 'blue' } } as unknown as SettingsPatch),
    ).toThrow('general.theme: must be system, light or dark');
    expect(() =>
      applySettingsPatch(defaultSettings(), { general: { them: 'dark' } } as unknown as SettingsPatch),
    ).toThrow('general.them: unknown setting');
    expect(() =>
      applySettingsPatch(defaultSettings(), { machine: { cpus: null } } as unknown as SettingsPatch),
    ).toThrow('machine.cpus: must be a whole number of CPUs, at least 1');
  });

  it('refuses a patch whose result breaks a rule between fields', () => {
    const remote = { id: 'lab', name: 'Lab', address: 'ssh://me@lab.example.com' };
    const withRemote = applySettingsPatch(defaultSettings(), { engines: { remotes: [remote], active: 'lab' } });
    expect(withRemote.engines).toEqual({ active: 'lab', remotes: [remote] });
    expect(() => applySettingsPatch(withRemote, { engines: { remotes: [] } })).toThrow(
      'engines.active: must be "local" or the id of one of engines.remotes, not "lab"',
    );
    expect(applySettingsPatch(withRemote, { engines: { remotes: [], active: 'local' } }).engines).toEqual({
      active: 'local',
      remotes: [],
    });
  });
});
