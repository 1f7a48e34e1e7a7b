// The dispatcher: unknown methods, argument validation naming the field, errors mapped to wire errors.
import { describe, expect, it } from 'vitest';
import { createDispatcher, type Handlers } from '../../../src-main/api/dispatcher';
import { diskFullMessage } from '../../../src-main/core/disk-full';
import { ConflictError, InvalidArgumentError } from '../../../src-main/engine/errors';

function dispatcherWith(overrides: Partial<Handlers>) {
  const handlers = new Proxy(overrides, {
    get: (target, key) => (target as Record<string | symbol, unknown>)[key] ?? (() => 'default'),
  }) as Handlers;
  return createDispatcher(handlers, () => 'unix:///test.sock');
}

describe('dispatcher', () => {
  it('refuses an unknown method', async () => {
    const result = await dispatcherWith({})('containers.explode', {}, { client: 'c' });
    expect(result).toEqual({
      ok: false,
      error: { code: 'unknown-method', message: 'unknown method "containers.explode"' },
    });
  });

  it('names the bad field of a nested argument', async () => {
    const result = await dispatcherWith({})('containers.run', { spec: { image: 'x', ports: [80] } }, { client: 'c' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('invalid-argument');
    expect(result.error.message).toMatch(/^containers\.run: spec\.ports\[0\]: /);
  });

  it('refuses unknown keys', async () => {
    const result = await dispatcherWith({})('containers.start', { id: 'a', extra: 1 }, { client: 'c' });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
    if (!result.ok) expect(result.error.message).toContain('extra');
  });

  it('passes parsed arguments with defaults and the caller context', async () => {
    let seen: unknown;
    const dispatch = dispatcherWith({
      'containers.list': (args, context) => {
        seen = { args, context };
        return [];
      },
    });
    expect(await dispatch('containers.list', undefined, { client: 'w1' })).toEqual({ ok: true, value: [] });
    expect(seen).toEqual({ args: { all: true }, context: { client: 'w1' } });
  });

  it('turns void into null so it survives JSON', async () => {
    const dispatch = dispatcherWith({ 'containers.start': async () => undefined });
    expect(await dispatch('containers.start', { id: 'a' }, { client: 'c' })).toEqual({ ok: true, value: null });
  });

  it('maps thrown errors to codes, keeping engine status and message', async () => {
    const engineError = Object.assign(new Error('(HTTP code 404) no such container - No such container: zz '), {
      statusCode: 404,
      json: { message: 'No such container: zz' },
    });
    const dispatch = dispatcherWith({
      'containers.start': () => {
        throw engineError;
      },
      'containers.stop': () => {
        throw new InvalidArgumentError('timeout', 'too long');
      },
      'containers.restart': () => {
        throw new ConflictError('busy');
      },
      'containers.pause': () => {
        throw Object.assign(new Error('connect ENOENT /test.sock'), { code: 'ENOENT' });
      },
    });
    const c = { client: 'c' };
    expect(await dispatch('containers.start', { id: 'zz' }, c)).toEqual({
      ok: false,
      error: { code: 'not-found', message: 'No such container: zz', status: 404 },
    });
    expect(await dispatch('containers.stop', { id: 'a' }, c)).toEqual({
      ok: false,
      error: { code: 'invalid-argument', message: 'timeout: too long' },
    });
    expect(await dispatch('containers.restart', { id: 'a' }, c)).toEqual({
      ok: false,
      error: { code: 'conflict', message: 'busy' },
    });
    expect(await dispatch('containers.pause', { id: 'a' }, c)).toEqual({
      ok: false,
      error: {
        code: 'engine-unavailable',
        message: 'the Docker Engine at unix:///test.sock is not reachable (ENOENT)',
      },
    });
  });

  it("explains an engine whose disk is full, naming the VM's data disk when the engine is Berth's VM", async () => {
    const said = 'mkdir /var/lib/docker/containers/abc: no space left on device';
    const handlers = {
      'containers.start': () => {
        throw Object.assign(new Error(`(HTTP code 500) server error - ${said} `), {
          statusCode: 500,
          json: { message: said },
        });
      },
    } as Partial<Handlers> as Handlers;
    const inVm = createDispatcher(
      handlers,
      () => 'unix:///vm.sock',
      () => 'vm-data-disk',
    );
    expect(await inVm('containers.start', { id: 'a' }, { client: 'c' })).toEqual({
      ok: false,
      error: { code: 'engine-error', message: diskFullMessage('vm-data-disk', said), status: 500 },
    });
    const elsewhere = await dispatcherWith(handlers)('containers.start', { id: 'a' }, { client: 'c' });
    expect(elsewhere).toMatchObject({ ok: false, error: { message: diskFullMessage('engine-disk', said) } });
  });

  it('reads the message of an engine error that came in a stream (no JSON body)', async () => {
    const dispatch = dispatcherWith({
      'images.pull': () => {
        throw Object.assign(
          new Error('(HTTP code 500) server error - Get "https://x/v2/": dial tcp: lookup x: no such host '),
          {
            statusCode: 500,
            json: null,
          },
        );
      },
    });
    const result = await dispatch('images.pull', { reference: 'x/y' }, { client: 'c' });
    expect(result).toEqual({
      ok: false,
      error: { code: 'engine-error', message: 'Get "https://x/v2/": dial tcp: lookup x: no such host', status: 500 },
    });
  });
});
