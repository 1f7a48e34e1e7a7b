// A stack's page data: the list's entry at once, then stacks.inspect's stack with its services that have no
// container; Build offered only when some service has `build:`; re-read when the list shows the stack changed;
// gone when the engine no longer knows the project.
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { effectScope, nextTick } from 'vue';
import type { Stack, StackService } from '../../../src-main/contract/dto/stacks';
import { BerthError } from '../../../src-main/contract/result';

const listeners = new Map<string, Array<(payload: unknown) => void>>();
const calls: string[] = [];
let list: Stack[] = [];
let inspect: (name: string) => Promise<Stack> = async () => {
  throw new Error('not answered');
};

vi.mock('../../../src-renderer/src/api', () => ({
  berth: {
    on: (event: string, listener: (payload: unknown) => void) => {
      listeners.set(event, [...(listeners.get(event) ?? []), listener]);
      return () => undefined;
    },
    call: (method: string, args: { name?: string }) => {
      calls.push(method);
      if (method === 'stacks.list') return Promise.resolve(list);
      if (method === 'stacks.inspect') return inspect(args.name!);
      return Promise.resolve({ available: true, where: 'host' });
    },
  },
}));

const { useStackDetail } = await import('../../../src-renderer/src/components/stacks/useStackDetail');
const { stackPageActions } = await import('../../../src-renderer/src/components/stacks/stack-actions');

const service = (name: string, containers: number, build?: boolean): StackService => ({
  name,
  image: `${name}:1`,
  running: containers,
  containers: Array.from({ length: containers }, (_, i) => ({
    id: `${name}${i + 1}`,
    name: `app-${name}-${i + 1}`,
    number: i + 1,
    state: 'running',
    status: 'Up',
    health: 'none',
    ports: [],
    oneoff: false,
  })),
  ...(build === undefined ? {} : { build }),
});
const stackOf = (services: StackService[]): Stack => ({
  name: 'app',
  status: 'running',
  configFiles: ['/p/compose.yaml'],
  envFiles: [],
  services,
  networks: [],
  volumes: [],
  running: services.reduce((n, s) => n + s.running, 0),
  total: services.reduce((n, s) => n + s.containers.length, 0),
});

/** Opens the page's data for "app" in a scope of its own, after the first answers. */
async function opened() {
  const scope = effectScope();
  const detail = scope.run(() => useStackDetail(() => 'app'))!;
  await vi.advanceTimersByTimeAsync(50);
  return { scope, detail };
}

function emit(event: string, payload: unknown): void {
  for (const listener of listeners.get(event) ?? []) listener(payload);
}

describe('useStackDetail', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    listeners.clear();
    calls.length = 0;
    setActivePinia(createPinia());
  });
  afterEach(() => vi.useRealTimers());

  it('shows the list’s entry at once, then the inspected stack with a service scaled to 0', async () => {
    list = [stackOf([service('web', 1)])];
    let answer!: (stack: Stack) => void;
    inspect = () => new Promise((resolve) => (answer = resolve));
    const { scope, detail } = await opened();
    expect(detail.stack.value?.services.map((s) => s.name)).toEqual(['web']);
    answer(stackOf([service('web', 1, false), service('worker', 0, false)]));
    await vi.advanceTimersByTimeAsync(0);
    expect(detail.stack.value?.services.map((s) => [s.name, s.containers.length])).toEqual([
      ['web', 1],
      ['worker', 0],
    ]);
    expect(detail.builds.value).toBe(false);
    scope.stop();
  });

  it('offers Build only when a service builds', async () => {
    list = [stackOf([service('api', 1)])];
    inspect = async () => stackOf([service('api', 1, true), service('db', 1, false)]);
    const { scope, detail } = await opened();
    expect(detail.builds.value).toBe(true);
    expect(stackPageActions(detail.builds.value)).toContain('build');
    expect(stackPageActions(false)).toEqual(['start', 'stop', 'restart', 'pull']);
    scope.stop();
  });

  it('inspects again when the list shows the stack changed, and is gone once the engine knows it no more', async () => {
    list = [stackOf([service('web', 1)])];
    inspect = async () => stackOf([service('web', 1, false), service('worker', 0, false)]);
    const { scope, detail } = await opened();
    const inspects = () => calls.filter((c) => c === 'stacks.inspect').length;
    expect(inspects()).toBe(1);

    list = [stackOf([service('web', 2)])];
    inspect = async () => stackOf([service('web', 2, false), service('worker', 0, false)]);
    emit('containers.changed', { ids: [] });
    await vi.advanceTimersByTimeAsync(100);
    await nextTick();
    expect(inspects()).toBe(2);
    expect(detail.stack.value?.services.find((s) => s.name === 'web')?.containers).toHaveLength(2);

    list = [];
    inspect = async () => {
      throw new BerthError({ code: 'not-found', message: 'no compose project "app"' });
    };
    emit('containers.changed', { ids: [] });
    await vi.advanceTimersByTimeAsync(100);
    expect(detail.stack.value).toBeUndefined();
    scope.stop();
  });
});
