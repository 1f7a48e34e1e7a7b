// The volume forms' validation and the volumes table's rows: names, host paths, archive names, filter, sort, labels.
import { describe, expect, it } from 'vitest';
import type { Volume } from '../../../src-main/contract/dto/volumes';
import {
  exportPathError,
  folderOf,
  hostPathError,
  importPathError,
  joinHostPath,
  volumeNameError,
} from '../../../src-renderer/src/components/volumes/volume-form';
import { planVolumeDelete } from '../../../src-renderer/src/components/volumes/volume-delete';
import { volumeLabel, volumeRows } from '../../../src-renderer/src/components/volumes/volume-rows';

const ANON = 'a'.repeat(64);

function volume(name: string, extra: Partial<Volume> = {}): Volume {
  return {
    name,
    driver: 'local',
    mountpoint: `/var/lib/docker/volumes/${name}/_data`,
    labels: {},
    options: {},
    scope: 'local',
    size: null,
    usedBy: [],
    anonymous: false,
    ...extra,
  };
}

describe('volumeNameError', () => {
  it('allows an empty name unless one is required', () => {
    expect(volumeNameError('', new Set(), { required: false })).toBeUndefined();
    expect(volumeNameError('  ', new Set(), { required: true })).toBe('Give the volume a name');
  });

  it('follows the engine rules and refuses taken names', () => {
    expect(volumeNameError('data_1.v-2', new Set(), { required: true })).toBeUndefined();
    expect(volumeNameError('x', new Set(), { required: true })).toMatch(/2\+ characters/);
    expect(volumeNameError('a/b', new Set(), { required: true })).toMatch(/letters, digits/);
    expect(volumeNameError('data', new Set(['data']), { required: true })).toBe('A volume named "data" already exists');
  });
});

describe('host paths', () => {
  it('needs an absolute path', () => {
    expect(hostPathError('', 'folder')).toBe('Enter the folder');
    expect(hostPathError('downloads', 'folder')).toBe('The folder must be an absolute path');
    expect(hostPathError('/home/me')).toBeUndefined();
    expect(hostPathError('C:\\Users\\me')).toBeUndefined();
  });

  it('needs export files named .tar.gz and import files named .tar, .tgz or .tar.gz', () => {
    expect(exportPathError('/tmp/data.tar.gz')).toBeUndefined();
    expect(exportPathError('/tmp/data.tgz')).toBeUndefined();
    expect(exportPathError('/tmp/data.tar')).toMatch(/\.tar\.gz/);
    expect(exportPathError('/tmp/')).toBe('Name the file, not only its folder');
    expect(exportPathError('data.tar.gz')).toMatch(/absolute/);
    expect(importPathError('/tmp/data.tar')).toBeUndefined();
    expect(importPathError('/tmp/data.zip')).toMatch(/\.tar\.gz/);
  });

  it('joins a folder and a file name with one separator', () => {
    expect(joinHostPath('/home/me/', 'a.tar.gz')).toBe('/home/me/a.tar.gz');
    expect(joinHostPath('/tmp', 'a.tar.gz')).toBe('/tmp/a.tar.gz');
    expect(joinHostPath('C:\\Users\\me', 'a.tar.gz')).toBe('C:\\Users\\me\\a.tar.gz');
    expect(joinHostPath('', 'a.tar.gz')).toBe('');
  });

  it('takes the folder of a file path', () => {
    expect(folderOf('/tmp/x/a.tar.gz')).toBe('/tmp/x');
    expect(folderOf('/a.tar.gz')).toBe('/');
    expect(folderOf('C:\\data\\a.tgz')).toBe('C:\\data');
    expect(folderOf('a.tgz')).toBe('');
  });
});

describe('volumeRows', () => {
  const items = [
    volume('web-data', { usedBy: [{ id: 'c1', name: 'web' }], size: 2000, createdAt: '2024-01-02T00:00:00Z' }),
    volume(ANON, { anonymous: true, size: 10, createdAt: '2024-01-03T00:00:00Z' }),
    volume('cache', { size: 500, createdAt: '2024-01-01T00:00:00Z' }),
  ];
  const names = (filter: 'all' | 'in-use' | 'unused', search = '', sort = { key: 'name', order: 'ascend' as const }) =>
    volumeRows(items, { filter, search, sort }).map((r) => r.key);

  it('sorts named volumes before anonymous ones by name, and by size or creation', () => {
    expect(names('all')).toEqual(['cache', 'web-data', ANON]);
    expect(names('all', '', { key: 'size', order: 'ascend' })).toEqual([ANON, 'cache', 'web-data']);
    expect(volumeRows(items, { filter: 'all', search: '', sort: { key: 'created', order: 'descend' } })[0]?.key).toBe(
      ANON,
    );
  });

  it('filters by use and searches names, drivers and the containers using them', () => {
    expect(names('in-use')).toEqual(['web-data']);
    expect(names('unused')).toEqual(['cache', ANON]);
    expect(names('all', 'WEB')).toEqual(['web-data']);
    expect(names('unused', 'web')).toEqual([]);
  });

  it('names anonymous volumes by a short id', () => {
    expect(volumeLabel(items[1]!)).toBe('aaaaaaaaaaaa');
    expect(volumeLabel(items[0]!)).toBe('web-data');
  });
});

describe('planVolumeDelete', () => {
  const used = volume('data', { usedBy: [{ id: 'c1', name: 'web' }] });
  const shared = volume('shared', {
    usedBy: [
      { id: 'c1', name: 'web' },
      { id: 'c2', name: 'worker' },
    ],
  });
  const free = volume('cache');

  it('deletes unused volumes without a refusal', () => {
    expect(planVolumeDelete([free])).toEqual({ deletable: [free], refused: [] });
  });

  it('refuses volumes in use and names their containers', () => {
    expect(planVolumeDelete([used]).refusal).toBe(
      'data is in use by web. Delete that container first, then the volume.',
    );
    expect(planVolumeDelete([shared]).refusal).toBe(
      'shared is in use by web, worker. Delete those containers first, then the volume.',
    );
    const plan = planVolumeDelete([used, free, shared]);
    expect(plan.deletable).toEqual([free]);
    expect(plan.refusal).toBe(
      'These volumes are in use, so they stay: data (web); shared (web, worker). Delete their containers first.',
    );
  });
});
