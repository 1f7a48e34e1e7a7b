// Which containers a project's merged logs read and their names: a lone container by its service's name, a scaled
// service's by name and number, one-offs left out.
import { describe, expect, it } from 'vitest';
import type { Stack, StackContainer } from '../../../src-main/contract/dto/stacks';
import { logSourcesOf } from '../../../src-main/compose/stack-log-sources';

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

describe('logSourcesOf', () => {
  it('names a lone container by its service and a scaled one by service and number, leaving out one-offs', () => {
    const stack = {
      name: 'app',
      services: [
        { name: 'db', image: 'x', running: 1, containers: [container('db1', 1), container('run1', 0, true)] },
        { name: 'web', image: 'x', running: 2, containers: [container('w1', 1), container('w2', 2)] },
      ],
    } as unknown as Stack;
    expect(logSourcesOf(stack)).toEqual([
      { id: 'db1', name: 'db' },
      { id: 'w1', name: 'web-1' },
      { id: 'w2', name: 'web-2' },
    ]);
  });
});
