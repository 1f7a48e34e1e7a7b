// useLogSession: data matched to its session (even when it beats the open's answer), superseded opens closed,
// restarts resumed without lines from before the start, close on dispose, a merged session's sources growing.
import { toLogBatch } from '../../../src-main/contract/log-batch';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LogLine } from '../../../src-main/contract/dto/streams';

const listeners = new Map<string, Array<(payload: unknown) => void>>();
const calls: Array<{ method: string; args: Record<string, unknown> }> = [];
let answer: (method: string, args: Record<string, unknown>) => Promise<unknown> = async () => undefined;

vi.mock('../../../src-renderer/src/api', () => ({
  berth: {
    on: (event: string, listener: (payload: unknown) => void) => {
      listeners.set(event, [...(listeners.get(event) ?? []), listener]);
      return () =>
        listeners.set(
          event,
          (listeners.get(event) ?? []).filter((l) => l !== listener),
        );
    },
    call: (method: string, args: Record<string, unknown>) => {
      calls.push({ method, args });
      return answer(method, args);
    },
  },
}));

const { useLogSession } = await import('../../../src-renderer/src/components/logs/useLogSession');
const { useLogSources } = await import('../../../src-renderer/src/components/logs/useLogSources');

function emit(event: string, payload: unknown): void {
  for (const listener of listeners.get(event) ?? []) listener(payload);
}
const out = (text: string, timestamp?: string): LogLine =>
  timestamp ? { stream: 'stdout', text, timestamp } : { stream: 'stdout', text };
const texts = (session: ReturnType<typeof useLogSession>) =>
  Array.from({ length: session.store.length }, (_, i) => session.store.text(i));

describe('useLogSession', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    listeners.clear();
    calls.length = 0;
  });
  afterEach(() => vi.useRealTimers());

  it('loads, takes only its own session data, and redraws once per frame', async () => {
    answer = async () => ({ session: 'logs-a' });
    const session = useLogSession(() => 'web');
    await session.load({ tail: 10 });
    expect(calls[0]).toEqual({ method: 'logs.open', args: { id: 'web', follow: true, tail: 10 } });
    expect(session.status.value).toBe('live');
    const before = session.version.value;
    emit('logs.data', { session: 'logs-a', ...toLogBatch([out('one'), out('two')]) });
    emit('logs.data', { session: 'logs-other', ...toLogBatch([out('not mine')]) });
    emit('logs.data', { session: 'logs-a', ...toLogBatch([out('three')]) });
    expect(texts(session)).toEqual(['one', 'two', 'three']);
    await vi.advanceTimersByTimeAsync(20);
    expect(session.version.value).toBe(before + 1);
    emit('logs.end', { session: 'logs-a' });
    expect(session.status.value).toBe('ended');
  });

  it('takes a merged session’s source names as a batch changes them, with lines or without', async () => {
    answer = async () => ({ session: 'logs-m', sources: ['web', 'db'] });
    const session = useLogSession(() => 'app', { open: (request) => answer('stacks.logs', request) as never });
    const sources = useLogSources(session);
    await session.load({});
    expect(sources.names.value).toEqual(['web', 'db']);
    emit('logs.data', { session: 'logs-m', lines: [], stderr: [], sourceNames: ['web-1', 'db', 'web-2'] });
    expect(sources.names.value).toEqual(['web-1', 'db', 'web-2']);
    emit('logs.data', { session: 'logs-m', ...toLogBatch([{ ...out('joined'), source: 2 }]) });
    expect(session.store.source(0)).toBe(2);
    expect(sources.prefix(2)).toBe('web-2 |');
    expect(sources.tone(2)).toBe(2);
    expect(session.sources.value).toHaveLength(3);
  });

  it('keeps data and the end that arrive before logs.open answers', async () => {
    answer = async () => {
      emit('logs.data', { session: 'logs-b', ...toLogBatch([out('early')]) });
      emit('logs.end', { session: 'logs-b' });
      return { session: 'logs-b' };
    };
    const session = useLogSession(() => 'web');
    await session.load({});
    expect(texts(session)).toEqual(['early']);
    expect(session.status.value).toBe('ended');
  });

  it('closes a session whose open was overtaken by a newer one', async () => {
    let n = 0;
    answer = async (method) => (method === 'logs.open' ? { session: `logs-${++n}` } : undefined);
    const session = useLogSession(() => 'web');
    const first = session.load({ tail: 1 });
    const second = session.load({ tail: 2 });
    await Promise.all([first, second]);
    expect(calls.filter((c) => c.method === 'logs.close').map((c) => c.args.session)).toEqual(['logs-1']);
    emit('logs.data', { session: 'logs-1', ...toLogBatch([out('stale')]) });
    emit('logs.data', { session: 'logs-2', ...toLogBatch([out('fresh')]) });
    expect(texts(session)).toEqual(['fresh']);
  });

  it('resumes after a restart without the lines of the previous run', async () => {
    answer = async () => ({ session: 'logs-r' });
    const session = useLogSession(() => 'web');
    await session.resume('2024-05-01T10:00:05.5Z');
    expect(calls[0]!.args).toEqual({ id: 'web', follow: true, since: 1714557605, timestamps: true });
    emit('logs.data', {
      session: 'logs-r',
      ...toLogBatch([out('old run', '2024-05-01T10:00:05.2Z'), out('new run', '2024-05-01T10:00:05.7Z')]),
    });
    expect(texts(session)).toEqual(['new run']);
    expect(session.store.timestamp(0)).toBe('2024-05-01T10:00:05.7Z');
  });

  it('resumes a container that never ran before from its first line', async () => {
    answer = async () => ({ session: 'logs-n' });
    const session = useLogSession(() => 'web');
    await session.resume(undefined);
    expect(calls[0]!.args).toEqual({ id: 'web', follow: true, timestamps: true });
    emit('logs.data', { session: 'logs-n', ...toLogBatch([out('first', '2024-05-01T10:00:05.2Z')]) });
    expect(session.store.timestamp(0)).toBe('2024-05-01T10:00:05.2Z');
  });

  it('reports a failed open and closes the session on dispose', async () => {
    answer = async (method) => {
      if (method === 'logs.open') throw new Error('no such container');
    };
    const session = useLogSession(() => 'gone');
    await session.load({});
    expect(session.status.value).toBe('error');
    expect(session.error.value).toBe('no such container');

    answer = async () => ({ session: 'logs-d' });
    await session.load({});
    session.dispose();
    expect(calls.at(-1)).toEqual({ method: 'logs.close', args: { session: 'logs-d' } });
    expect(listeners.get('logs.data')).toEqual([]);
  });

  it('tells listeners about cleared and dropped lines', async () => {
    answer = async () => ({ session: 'logs-c' });
    const session = useLogSession(() => 'web');
    const changes: unknown[] = [];
    session.onChange((change) => changes.push(change));
    await session.load({});
    emit('logs.data', { session: 'logs-c', ...toLogBatch([out('a')]) });
    session.clear();
    expect(changes).toEqual([{ cleared: true }, { cleared: false, dropped: 0 }, { cleared: true }]);
    expect(session.store.length).toBe(0);
  });

  it('says when every line the log held at opening has arrived, and starts over with each load', async () => {
    answer = async () => ({ session: 'logs-u' });
    const session = useLogSession(() => 'web');
    await session.load({});
    expect(session.caughtUp.value).toBe(false);
    emit('logs.data', { session: 'logs-u', ...toLogBatch([out('a')]) });
    expect(session.caughtUp.value).toBe(false);
    emit('logs.data', { session: 'logs-u', lines: [], stderr: [], caughtUp: true });
    expect(session.caughtUp.value).toBe(true);
    expect(texts(session)).toEqual(['a']);
    session.clear();
    emit('logs.data', { session: 'logs-u', ...toLogBatch([out('b')]) });
    expect([session.store.cleared, session.store.length]).toEqual([1, 1]);

    answer = async () => ({ session: 'logs-v' });
    await session.load({});
    expect([session.caughtUp.value, session.store.cleared, session.store.length]).toEqual([false, 0, 0]);
    emit('logs.end', { session: 'logs-v' });
    expect(session.caughtUp.value).toBe(true);
  });
});
