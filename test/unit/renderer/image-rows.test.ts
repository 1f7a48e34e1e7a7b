// The images table's rows: one per tag, <none> for dangling images, search, usage filter, sort, targets.
import { describe, expect, it } from 'vitest';
import type { ImageSummary } from '../../../src-main/contract/dto/images';
import {
  imageRows,
  rowLabel,
  rowsOfImage,
  rowTarget,
  splitReference,
  type ImageRowOptions,
} from '../../../src-renderer/src/components/images/image-rows';

function image(id: string, extra: Partial<ImageSummary> = {}): ImageSummary {
  const repoTags = extra.repoTags ?? [];
  return {
    id: `sha256:${id.padEnd(64, '0')}`,
    repoTags,
    repoDigests: [],
    created: 100,
    size: 1000,
    containers: 0,
    dangling: repoTags.length === 0,
    labels: {},
    berthOwned: false,
    ...extra,
  };
}

const web = image('aa', { repoTags: ['web:1', 'registry.local:5000/team/web:latest'], created: 300, containers: 2 });
const db = image('bb', { repoTags: ['db:15'], created: 200, size: 5000 });
const dangling = image('cc', { created: 50 });
const digestOnly = image('dd', { repoDigests: ['ghcr.io/o/app@sha256:' + 'e'.repeat(64)], created: 10 });
const items = [db, web, dangling, digestOnly];
const base: ImageRowOptions = { search: '', filter: 'all', sort: undefined };
const refs = (options: Partial<ImageRowOptions>) =>
  imageRows(items, { ...base, ...options }).map((r) => `${r.data.repository}:${r.data.tag}`);

describe('splitReference', () => {
  it('splits at the tag colon, not the registry port', () => {
    expect(splitReference('localhost:5000/app:dev')).toEqual({ repository: 'localhost:5000/app', tag: 'dev' });
    expect(splitReference('localhost:5000/app')).toEqual({ repository: 'localhost:5000/app', tag: '<none>' });
  });
});

describe('rowsOfImage', () => {
  it('gives one row per tag, one <none> row for an untagged image, the digest repository when there is one', () => {
    expect(rowsOfImage(web).map((r) => [r.repository, r.tag, r.reference])).toEqual([
      ['web', '1', 'web:1'],
      ['registry.local:5000/team/web', 'latest', 'registry.local:5000/team/web:latest'],
    ]);
    expect(rowsOfImage(dangling).map((r) => [r.repository, r.tag, r.reference])).toEqual([
      ['<none>', '<none>', undefined],
    ]);
    expect(rowsOfImage(digestOnly)[0]).toMatchObject({ repository: 'ghcr.io/o/app', tag: '<none>' });
  });

  it('acts on the tag of a tagged row and on the id of an untagged one', () => {
    const [first, second] = rowsOfImage(web);
    expect(rowTarget(first!)).toBe('web:1');
    expect(rowTarget(second!)).toBe('registry.local:5000/team/web:latest');
    expect(rowTarget(rowsOfImage(dangling)[0]!)).toBe(dangling.id);
    expect(rowLabel(rowsOfImage(dangling)[0]!)).toBe(`<none> (cc0000000000)`);
  });
});

describe('imageRows', () => {
  it('lists newest first by default, with keys unique per tag', () => {
    const rows = imageRows(items, base);
    expect(rows.map((r) => `${r.data.repository}:${r.data.tag}`)).toEqual([
      'registry.local:5000/team/web:latest',
      'web:1',
      'db:15',
      '<none>:<none>',
      'ghcr.io/o/app:<none>',
    ]);
    expect(new Set(rows.map((r) => r.key)).size).toBe(rows.length);
  });

  it('filters by usage and dangling', () => {
    expect(refs({ filter: 'in-use' })).toEqual(['registry.local:5000/team/web:latest', 'web:1']);
    expect(refs({ filter: 'unused' })).toEqual(['db:15', '<none>:<none>', 'ghcr.io/o/app:<none>']);
    expect(refs({ filter: 'dangling' })).toEqual(['<none>:<none>', 'ghcr.io/o/app:<none>']);
  });

  it('searches repository, tag and id prefix', () => {
    expect(refs({ search: 'WEB' })).toEqual(['registry.local:5000/team/web:latest', 'web:1']);
    expect(refs({ search: '15' })).toEqual(['db:15']);
    expect(refs({ search: 'cc00' })).toEqual(['<none>:<none>']);
    expect(refs({ search: 'latest', filter: 'unused' })).toEqual([]);
  });

  it('sorts by the chosen column in either direction', () => {
    expect(refs({ sort: { key: 'repository', order: 'ascend' } })).toEqual([
      '<none>:<none>',
      'db:15',
      'ghcr.io/o/app:<none>',
      'registry.local:5000/team/web:latest',
      'web:1',
    ]);
    expect(refs({ sort: { key: 'size', order: 'descend' } })[0]).toBe('db:15');
    expect(refs({ sort: { key: 'containers', order: 'descend' } }).slice(0, 3)).toEqual([
      'registry.local:5000/team/web:latest',
      'web:1',
      '<none>:<none>',
    ]);
  });
});
