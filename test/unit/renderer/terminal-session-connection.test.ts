// TerminalConnection against a fake client: output from the first byte, ordered input, exit, and closing in every phase.
import { describe, expect, it, vi } from 'vitest';
import type { BerthClient } from '../../../src-main/contract/client';
import {
  INPUT_CHUNK_CHARS,
  TerminalConnection,
} from '../../../src-renderer/src/components/terminal/session-connection';

type Listener = (payload: unknown) => void;

/** A client whose calls resolve when the test says so, and whose events the test emits. */
function fakeClient() {
  const listeners = new Map<string, Set<Listener>>();
  const calls: Array<{
    method: string;
    args: Record<string, unknown>;
    resolve(v: unknown): void;
    reject(e: unknown): void;
  }> = [];
  const client = {
    call: vi.fn((method: string, args: Record<string, unknown>) => {
      return new Promise((resolve, reject) => calls.push({ method, args, resolve, reject }));
    }),
    on: vi.fn((event: string, listener: Listener) => {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      set.add(listener);
      return () => set.delete(listener);
    }),
  };
  return {
    client: client as unknown as Pick<BerthClient, 'call' | 'on'>,
    calls,
    emit: (event: string, payload: unknown) => {
      for (const l of listeners.get(event) ?? []) l(payload);
    },
    listenerCount: () => [...listeners.values()].reduce((n, s) => n + s.size, 0),
    pending: (method: string) => calls.filter((c) => c.method === method),
  };
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

function setup() {
  const fake = fakeClient();
  const data: string[] = [];
  const exits: Array<[number | null, string | undefined]> = [];
  const conn = new TerminalConnection(fake.client, 'exec', {
    data: (t) => data.push(t),
    exit: (code, error) => exits.push([code, error]),
  });
  return { fake, conn, data, exits };
}

describe('TerminalConnection', () => {
  it('keeps output that arrives before exec.open returns, and drops other sessions', async () => {
    const { fake, conn, data } = setup();
    const opening = conn.open({ id: 'c1', cmd: ['/bin/sh'], cols: 80, rows: 24 });
    fake.emit('exec.data', { session: 'exec-a', data: '/ # ' });
    fake.emit('exec.data', { session: 'exec-other', data: 'not mine' });
    expect(data).toEqual([]);
    fake.calls[0]!.resolve({ session: 'exec-a' });
    await opening;
    fake.emit('exec.data', { session: 'exec-a', data: 'ls\r\n' });
    fake.emit('exec.data', { session: 'exec-other', data: 'still not mine' });
    expect(data).toEqual(['/ # ', 'ls\r\n']);
    expect(fake.calls[0]!.args).toEqual({ id: 'c1', cmd: ['/bin/sh'], cols: 80, rows: 24 });
    expect(conn.running).toBe(true);
  });

  it('sends input one call at a time, in order, merging what is typed meanwhile', async () => {
    const { fake, conn } = setup();
    const opening = conn.open({ id: 'c1', cmd: ['sh'] });
    conn.input('e'); // typed before the session exists: sent once it does
    fake.calls[0]!.resolve({ session: 's1' });
    await opening;
    conn.input('c');
    conn.input('h');
    let inputs = fake.pending('exec.input');
    expect(inputs.map((c) => c.args.data)).toEqual(['e']);
    inputs[0]!.resolve(undefined);
    await flush();
    inputs = fake.pending('exec.input');
    expect(inputs.map((c) => c.args.data)).toEqual(['e', 'ch']);
    expect(inputs[1]!.args.session).toBe('s1');
  });

  it('splits a large paste into chunks the contract accepts', async () => {
    const { fake, conn } = setup();
    const opening = conn.open({ id: 'c1', cmd: ['sh'] });
    fake.calls[0]!.resolve({ session: 's1' });
    await opening;
    conn.input('x'.repeat(INPUT_CHUNK_CHARS + 10));
    for (let i = 0; i < 2; i++) {
      const last = fake.pending('exec.input').at(-1)!;
      last.resolve(undefined);
      await flush();
    }
    expect(fake.pending('exec.input').map((c) => (c.args.data as string).length)).toEqual([INPUT_CHUNK_CHARS, 10]);
  });

  it('reports the exit once, then ignores input and resizes', async () => {
    const { fake, conn, exits } = setup();
    const opening = conn.open({ id: 'c1', cmd: ['sh'] });
    fake.calls[0]!.resolve({ session: 's1' });
    await opening;
    fake.emit('exec.exit', { session: 's1', exitCode: 3 });
    fake.emit('exec.exit', { session: 's1', exitCode: 3 });
    expect(exits).toEqual([[3, undefined]]);
    expect(conn.running).toBe(false);
    conn.input('ls\r');
    conn.resize(100, 30);
    expect(fake.calls.map((c) => c.method)).toEqual(['exec.open']);
    conn.close();
    expect(fake.calls.map((c) => c.method)).toEqual(['exec.open', 'exec.close']);
  });

  it('resizes a running session', async () => {
    const { fake, conn } = setup();
    const opening = conn.open({ id: 'c1', cmd: ['sh'], cols: 80, rows: 24 });
    fake.calls[0]!.resolve({ session: 's1' });
    await opening;
    conn.resize(120, 40);
    expect(fake.pending('exec.resize').map((c) => c.args)).toEqual([{ session: 's1', cols: 120, rows: 40 }]);
  });

  it('sends a size that changed while the session was opening once it is open', async () => {
    const { fake, conn } = setup();
    const opening = conn.open({ id: 'c1', cmd: ['sh'], cols: 80, rows: 24 });
    conn.resize(100, 30);
    conn.resize(90, 28);
    expect(fake.pending('exec.resize')).toEqual([]);
    fake.calls[0]!.resolve({ session: 's1' });
    await opening;
    expect(fake.pending('exec.resize').map((c) => c.args)).toEqual([{ session: 's1', cols: 90, rows: 28 }]);
  });

  it('sends nothing more when the size while opening is the one it opened with', async () => {
    const { fake, conn } = setup();
    const opening = conn.open({ id: 'c1', cmd: ['sh'], cols: 80, rows: 24 });
    conn.resize(80, 24);
    fake.calls[0]!.resolve({ session: 's1' });
    await opening;
    expect(fake.pending('exec.resize')).toEqual([]);
  });

  it('closes a session that was closed while it was opening, and stops listening', async () => {
    const { fake, conn, data } = setup();
    const opening = conn.open({ id: 'c1', cmd: ['sh'] });
    conn.close();
    expect(fake.listenerCount()).toBe(0);
    fake.calls[0]!.resolve({ session: 's1' });
    await opening;
    expect(fake.pending('exec.close').map((c) => c.args)).toEqual([{ session: 's1' }]);
    expect(data).toEqual([]);
  });

  it('stops listening and rethrows when the engine refuses to open', async () => {
    const { fake, conn } = setup();
    const opening = conn.open({ id: 'c1', cmd: ['sh'] });
    fake.calls[0]!.reject(new Error('container is not running'));
    await expect(opening).rejects.toThrow('container is not running');
    expect(fake.listenerCount()).toBe(0);
    expect(conn.running).toBe(false);
  });

  it('drives a host terminal with the terminal.* calls and events', async () => {
    const fake = fakeClient();
    const data: string[] = [];
    const exits: Array<number | null> = [];
    const conn = new TerminalConnection(fake.client, 'terminal', {
      data: (t) => data.push(t),
      exit: (code) => exits.push(code),
    });
    const opening = conn.open({ cols: 80, rows: 24 });
    fake.emit('terminal.data', { session: 't1', data: '$ ' });
    fake.emit('exec.data', { session: 't1', data: 'an exec, not mine' });
    fake.calls[0]!.resolve({ session: 't1' });
    await opening;
    conn.input('ls\r');
    conn.resize(100, 30);
    fake.emit('terminal.exit', { session: 't1', exitCode: 0 });
    conn.close();
    expect(data).toEqual(['$ ']);
    expect(exits).toEqual([0]);
    expect(fake.calls.map((c) => c.method)).toEqual([
      'terminal.open',
      'terminal.input',
      'terminal.resize',
      'terminal.close',
    ]);
  });
});
