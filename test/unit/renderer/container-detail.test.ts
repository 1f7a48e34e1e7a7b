// useContainerDetail: read at start, re-read (debounced) when this container changes, "gone" once the engine forgets it.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BerthError } from '../../../src-main/contract/result';

const listeners = new Map<string, Array<(payload: unknown) => void>>();
let inspect: () => Promise<unknown>;
let reads = 0;

vi.mock('../../../src-renderer/src/api', () => ({
  berth: {
    on: (event: string, listener: (payload: unknown) => void) => {
      listeners.set(event, [...(listeners.get(event) ?? []), listener]);
      return () => undefined;
    },
    call: () => {
      reads++;
      return inspect();
    },
  },
}));

const { useContainerDetail, DETAIL_DEBOUNCE_MS } =
  await import('../../../src-renderer/src/components/container/useContainerDetail');

function emit(event: string, payload: unknown): void {
  for (const listener of listeners.get(event) ?? []) listener(payload);
}

describe('useContainerDetail', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    listeners.clear();
    reads = 0;
  });
  afterEach(() => vi.useRealTimers());

  it('re-reads after changes to this container only, once per burst', async () => {
    let state = 'running';
    inspect = async () => ({ id: 'abc', name: 'web', state });
    const c = useContainerDetail('web');
    await vi.runAllTimersAsync();
    expect(c.detail.value?.state).toBe('running');
    expect(reads).toBe(1);

    emit('containers.changed', { ids: ['other'] });
    await vi.advanceTimersByTimeAsync(DETAIL_DEBOUNCE_MS * 2);
    expect(reads).toBe(1);

    state = 'exited';
    for (let i = 0; i < 5; i++) emit('containers.changed', { ids: ['abc'] });
    await vi.advanceTimersByTimeAsync(DETAIL_DEBOUNCE_MS);
    expect(reads).toBe(2);
    expect(c.detail.value?.state).toBe('exited');

    emit('containers.changed', { ids: [] });
    await vi.advanceTimersByTimeAsync(DETAIL_DEBOUNCE_MS);
    expect(reads).toBe(3);
  });

  it('says the container is gone when the engine answers not-found', async () => {
    inspect = async () => ({ id: 'abc', name: 'web', state: 'running' });
    const c = useContainerDetail('web');
    await vi.runAllTimersAsync();
    inspect = async () => {
      throw new BerthError({ code: 'not-found', message: 'No such container: abc' });
    };
    emit('containers.changed', { ids: ['abc'] });
    await vi.advanceTimersByTimeAsync(DETAIL_DEBOUNCE_MS);
    expect(c.gone.value).toBe(true);
    expect(c.error.value).toBeUndefined();
  });

  it('keeps other errors apart from "gone"', async () => {
    inspect = async () => {
      throw new BerthError({ code: 'engine-unavailable', message: 'engine down' });
    };
    const c = useContainerDetail('web');
    await vi.runAllTimersAsync();
    expect(c.gone.value).toBe(false);
    expect(c.error.value).toBe('engine down');
    expect(c.loading.value).toBe(false);
  });
});
