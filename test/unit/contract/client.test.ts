// The contract client: results unwrap to values, errors come back as BerthErrors with their code.
import { describe, expect, it } from 'vitest';
import { createClient } from '../../../src-main/contract/client';
import { BerthError } from '../../../src-main/contract/result';

describe('createClient', () => {
  it('returns the value of an ok result', async () => {
    const client = createClient({ invoke: async () => ({ ok: true, value: [1] }), subscribe: () => () => undefined });
    expect(await client.call('containers.list', {})).toEqual([1]);
  });

  it('throws a BerthError carrying code and status', async () => {
    const client = createClient({
      invoke: async () => ({ ok: false, error: { code: 'not-found', message: 'No such container: x', status: 404 } }),
      subscribe: () => () => undefined,
    });
    const error = await client.call('containers.start', { id: 'x' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BerthError);
    expect(error).toMatchObject({ code: 'not-found', status: 404, message: 'No such container: x' });
  });

  it('subscribes listeners by event name', () => {
    const seen: unknown[] = [];
    let registered: ((p: unknown) => void) | undefined;
    const client = createClient({
      invoke: async () => ({ ok: true, value: null }),
      subscribe: (event, listener) => {
        expect(event).toBe('containers.changed');
        registered = listener;
        return () => (registered = undefined);
      },
    });
    const off = client.on('containers.changed', (p) => seen.push(p.ids));
    registered?.({ ids: ['a'] });
    off();
    expect(seen).toEqual([['a']]);
    expect(registered).toBeUndefined();
  });
});
