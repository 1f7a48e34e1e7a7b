// The stacks table: status in words, compose files shortened, search and sort; a stack page's service rows.
import { describe, expect, it } from 'vitest';
import type { Stack } from '../../../src-main/contract/dto/stacks';
import { serviceRows } from '../../../src-renderer/src/components/stacks/service-rows';
import { composeFileLabel, stackRows, stackStatusText } from '../../../src-renderer/src/components/stacks/stack-rows';

function stack(name: string, extra: Partial<Stack> = {}): Stack {
  return {
    name,
    status: 'running',
    configFiles: [`/home/me/${name}/compose.yaml`],
    workingDir: `/home/me/${name}`,
    envFiles: [],
    services: [],
    networks: [],
    volumes: [],
    running: 1,
    total: 1,
    ...extra,
  };
}

describe('stackStatusText', () => {
  it('says how many run', () => {
    expect(stackStatusText({ status: 'running', running: 1, total: 1 })).toBe('Running');
    expect(stackStatusText({ status: 'running', running: 3, total: 3 })).toBe('All 3 running');
    expect(stackStatusText({ status: 'partial', running: 2, total: 3 })).toBe('2 of 3 running');
    expect(stackStatusText({ status: 'stopped', running: 0, total: 3 })).toBe('Stopped');
    expect(stackStatusText({ status: 'stopped', running: 0, total: 0 })).toBe('No containers');
  });
});

describe('composeFileLabel', () => {
  it('is relative to the working folder inside it, else the last two parts', () => {
    expect(composeFileLabel('/home/me/app/compose.yaml', '/home/me/app')).toBe('compose.yaml');
    expect(composeFileLabel('/home/me/app/ops/compose.prod.yaml', '/home/me/app/')).toBe('ops/compose.prod.yaml');
    expect(composeFileLabel('/srv/shared/base/compose.yaml', '/home/me/app')).toBe('…/base/compose.yaml');
    expect(composeFileLabel('/compose.yaml')).toBe('/compose.yaml');
    expect(composeFileLabel('C:\\work\\app\\compose.yaml', 'C:\\work\\app')).toBe('compose.yaml');
  });
});

describe('stackRows', () => {
  const items = [
    stack('web', { status: 'partial', running: 1, total: 2 }),
    stack('api', {
      services: [{ name: 'db', image: 'postgres:16', containers: [], running: 0 }],
      status: 'stopped',
      running: 0,
    }),
    stack('shop'),
  ];

  it('sorts by name, and by status with the most running last ascending', () => {
    expect(stackRows(items, { search: '', sort: undefined }).map((r) => r.key)).toEqual(['api', 'shop', 'web']);
    expect(stackRows(items, { search: '', sort: { key: 'status', order: 'descend' } }).map((r) => r.key)).toEqual([
      'shop',
      'web',
      'api',
    ]);
  });

  it('searches names, services, images and files', () => {
    expect(stackRows(items, { search: 'postgres', sort: undefined }).map((r) => r.key)).toEqual(['api']);
    expect(stackRows(items, { search: 'shop/compose', sort: undefined }).map((r) => r.key)).toEqual(['shop']);
  });
});

describe('serviceRows', () => {
  it('lists each service as a group with its containers under it, one-offs last', () => {
    const c = (id: string, number: number, oneoff = false) => ({
      id,
      name: id,
      number,
      state: 'running' as const,
      status: 'Up',
      health: 'none' as const,
      ports: [],
      oneoff,
    });
    const rows = serviceRows({
      services: [
        { name: 'web', image: 'nginx', running: 2, containers: [c('run', 1, true), c('web-2', 2), c('web-1', 1)] },
        { name: 'db', image: 'postgres', running: 1, containers: [c('db-1', 1)] },
      ],
    });
    expect(rows.map((r) => r.key)).toEqual(['service:db', 'db-1', 'service:web', 'web-1', 'web-2', 'run']);
    const web = rows[2]!.data;
    expect(web.kind === 'service' && web.total).toBe(2);
  });
});
