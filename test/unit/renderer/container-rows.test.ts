// The containers table's row building: search, running filter, sorting, compose groups in place.
import { describe, expect, it } from 'vitest';
import type { ContainerSummary } from '../../../src-main/contract/dto/containers';
import { containerRows, isGroup, type RowOptions } from '../../../src-renderer/src/views/container-rows';

function container(name: string, extra: Partial<ContainerSummary> = {}): ContainerSummary {
  return {
    id: `${name}-id`,
    name,
    image: 'busybox:latest',
    imageId: 'sha256:1',
    command: 'sh',
    created: 100,
    state: 'running',
    status: 'Up 1 minute',
    health: 'none',
    ports: [],
    labels: {},
    berthOwned: false,
    mounts: [],
    networks: [],
    ...extra,
  };
}

const base: RowOptions = {
  search: '',
  runningOnly: false,
  sort: { key: 'name', order: 'ascend' },
  collapsed: new Set(),
};
const keys = (options: Partial<RowOptions>, items: ContainerSummary[]) =>
  containerRows(items, { ...base, ...options }).map((r) => r.key);

describe('containerRows', () => {
  const items = [
    container('zeta', { state: 'exited', created: 50 }),
    container('web', { composeProject: 'shop', created: 300 }),
    container('alpha', { image: 'nginx:1', created: 200 }),
    container('db', { composeProject: 'shop', state: 'exited', created: 10 }),
  ];

  it('places a compose project where its first member sorts, members under it', () => {
    expect(keys({}, items)).toEqual(['alpha-id', 'project:shop', 'db-id', 'web-id', 'zeta-id']);
    const rows = containerRows(items, base);
    const group = rows[1]!;
    expect(isGroup(group.data) && group.data).toMatchObject({ project: 'shop', running: 1 });
    expect(rows[2]!.depth).toBe(1);
  });

  it('sorts descending and by other columns', () => {
    expect(keys({ sort: { key: 'name', order: 'descend' } }, items)).toEqual([
      'zeta-id',
      'project:shop',
      'web-id',
      'db-id',
      'alpha-id',
    ]);
    expect(keys({ sort: { key: 'created', order: 'ascend' } }, items)).toEqual([
      'project:shop',
      'db-id',
      'web-id',
      'zeta-id',
      'alpha-id',
    ]);
  });

  it('hides members of a collapsed project', () => {
    expect(keys({ collapsed: new Set(['shop']) }, items)).toEqual(['alpha-id', 'project:shop', 'zeta-id']);
  });

  it('filters running containers and searches name, image, id and project', () => {
    expect(keys({ runningOnly: true }, items)).toEqual(['alpha-id', 'project:shop', 'web-id']);
    expect(keys({ search: 'NGINX' }, items)).toEqual(['alpha-id']);
    expect(keys({ search: 'shop' }, items)).toEqual(['project:shop', 'db-id', 'web-id']);
    expect(keys({ search: 'zeta-id' }, items)).toEqual(['zeta-id']);
    expect(keys({ search: 'nothing' }, items)).toEqual([]);
  });
});
