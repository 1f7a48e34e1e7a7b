// Oversized and non-JSON arguments are refused by the dispatcher with a message naming the field, before any handler.
import { describe, expect, it } from 'vitest';
import { createDispatcher, type Handlers } from '../../../src-main/api/dispatcher';
import { MAX_ARGS_LENGTH } from '../../../src-main/contract/limits';

let reached = 0;
const dispatch = createDispatcher(
  new Proxy({} as Handlers, { get: () => () => void reached++ }),
  () => 'unix:///test.sock',
);

async function refusal(method: string, args: unknown): Promise<string> {
  reached = 0;
  const result = await dispatch(method, args, { client: 'c' });
  expect(reached).toBe(0);
  if (result.ok) throw new Error(`${method} accepted ${JSON.stringify(args).slice(0, 80)}`);
  expect(result.error.code).toBe('invalid-argument');
  return result.error.message;
}

const spec = (extra: object) => ({ spec: { image: 'busybox', ...extra } });

describe('oversized arguments', () => {
  it('refuses a 1 MB env value in a run spec and in an exec, and takes one of 100 KB', async () => {
    const big = `BIG=${'x'.repeat(1024 * 1024)}`;
    expect(await refusal('containers.run', spec({ env: [big] }))).toBe(
      'containers.run: spec.env[0]: is longer than 128 KiB, the most the kernel passes for one variable',
    );
    expect(await refusal('exec.open', { id: 'c', cmd: ['sh'], env: ['A=1', big] })).toMatch(/^exec\.open: env\[1\]: /);
    // Counted in UTF-8 bytes: 50,000 three-byte characters are 150,000 bytes.
    expect(await refusal('containers.run', spec({ env: [`E=${'€'.repeat(50_000)}`] }))).toMatch(/spec\.env\[0\]/);
    expect(await dispatch('containers.run', spec({ env: [`OK=${'x'.repeat(100_000)}`] }), { client: 'c' })).toEqual({
      ok: true,
      value: null,
    });
  });

  it('refuses 10,000 ports, volumes or command words', async () => {
    const many = Array.from({ length: 10_000 }, (_, i) => String(1000 + i));
    expect(await refusal('containers.run', spec({ ports: many }))).toBe(
      'containers.run: spec.ports: must have at most 1000 entries',
    );
    expect(await refusal('containers.run', spec({ volumes: many.map((p) => `/v${p}`) }))).toMatch(/spec\.volumes: /);
    expect(await refusal('exec.open', { id: 'c', cmd: many })).toMatch(/^exec\.open: cmd: must have at most/);
  });

  it('refuses a 100,000-character name for a container, a volume and a network, and a 65-character hostname', async () => {
    const name = 'n'.repeat(100_000);
    expect(await refusal('containers.run', spec({ name }))).toBe(
      'containers.run: spec.name: must be at most 255 characters',
    );
    expect(await refusal('containers.rename', { id: 'c', name })).toMatch(/^containers\.rename: name: /);
    expect(await refusal('volumes.create', { name })).toMatch(/^volumes\.create: name: /);
    expect(await refusal('networks.create', { name })).toMatch(/^networks\.create: name: /);
    expect(await refusal('containers.inspect', { id: name })).toMatch(/^containers\.inspect: id: is too long/);
    expect(await refusal('containers.run', spec({ hostname: 'h'.repeat(65) }))).toMatch(/spec\.hostname: /);
  });

  it('refuses arguments larger than the call limit whatever their method', async () => {
    const data = 'x'.repeat(MAX_ARGS_LENGTH);
    expect(await refusal('exec.input', { session: 's', data })).toBe(
      'exec.input: arguments: are too large (8.1 MiB of JSON, at most 8 MiB)',
    );
    expect(await refusal('settings.update', { patch: { recentImages: [data] } })).toMatch(/arguments: are too large/);
  });

  it('refuses arguments that are not JSON data (what structured clone lets through IPC)', async () => {
    const cyclic: Record<string, unknown> = { id: 'c' };
    cyclic.self = cyclic;
    expect(await refusal('containers.start', cyclic)).toBe(
      'containers.start: arguments: must be JSON data (no cycles, functions or big integers)',
    );
    expect(await refusal('containers.stop', { id: 'c', timeout: 10n })).toMatch(/arguments: must be JSON data/);
  });
});
