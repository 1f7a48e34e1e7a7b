// Which containers a project's merged logs read and their names: a lone container by its service's name, a scaled
// service's by name and number, one-offs left out; containers that join, and which engine events say one started.
import { describe, expect, it } from 'vitest';
import type { Stack, StackContainer } from '../../../src-main/contract/dto/stacks';
import type { EngineEvent } from '../../../src-main/contract/dto/system';
import { StackLogSources } from '../../../src-main/compose/stack-log-sources';
import { startedMember } from '../../../src-main/compose/stack-logs-follower';

const container = (id: string, number: number, oneoff = false): StackContainer => ({
  id,
  name: `app-${id}`,
  number,
  state: 'running',
  status: 'Up',
  health: 'none',
  ports: [],
  oneoff,
});

const stack = {
  name: 'app',
  services: [
    { name: 'db', image: 'x', running: 1, containers: [container('db1', 1), container('run1', 0, true)] },
    { name: 'web', image: 'x', running: 2, containers: [container('w2', 2), container('w1', 1)] },
  ],
} as unknown as Stack;

describe('StackLogSources', () => {
  it('names a lone container by its service and a scaled one by service and number, leaving out one-offs', () => {
    expect(new StackLogSources(stack).sources).toEqual([
      { id: 'db1', name: 'db' },
      { id: 'w1', name: 'web-1' },
      { id: 'w2', name: 'web-2' },
    ]);
  });

  it('appends a container that joins, numbering its service from then on, and takes each only once', () => {
    const sources = new StackLogSources(stack);
    expect(sources.add({ id: 'db2', service: 'db', number: 2 })).toBe(true);
    expect(sources.add({ id: 'db2', service: 'db', number: 2 })).toBe(false);
    expect(sources.add({ id: 'w1', service: 'web', number: 1 })).toBe(false);
    expect(sources.sources).toEqual([
      { id: 'db1', name: 'db-1' },
      { id: 'w1', name: 'web-1' },
      { id: 'w2', name: 'web-2' },
      { id: 'db2', name: 'db-2' },
    ]);
  });
  it('gives a container that replaced another (same number, a recreate) the same name', () => {
    const sources = new StackLogSources(stack);
    expect(sources.add({ id: 'db1-new', service: 'db', number: 1 })).toBe(true);
    expect(sources.sources.filter((s) => s.id.startsWith('db'))).toEqual([
      { id: 'db1', name: 'db' },
      { id: 'db1-new', name: 'db' },
    ]);
  });
});

describe('startedMember', () => {
  const event = (action: string, labels: Record<string, string>, type = 'container'): EngineEvent =>
    ({ type, action, id: 'c9', attributes: labels, time: 0 }) as EngineEvent;
  const labels = {
    'com.docker.compose.project': 'app',
    'com.docker.compose.service': 'web',
    'com.docker.compose.container-number': '3',
    'com.docker.compose.oneoff': 'False',
  };

  it('is the service container of the project that started', () => {
    expect(startedMember(event('start', labels), 'app')).toEqual({ id: 'c9', service: 'web', number: 3 });
  });

  it('is nothing for another action, project, object type or a one-off', () => {
    expect(startedMember(event('die', labels), 'app')).toBeUndefined();
    expect(startedMember(event('start', labels), 'other')).toBeUndefined();
    expect(startedMember(event('start', labels, 'network'), 'app')).toBeUndefined();
    expect(startedMember(event('start', { ...labels, 'com.docker.compose.oneoff': 'True' }), 'app')).toBeUndefined();
  });
});
