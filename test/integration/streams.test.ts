// Logs, stats and exec sessions against real containers: ordering, stdout/stderr, follow, tail,
// timestamps, TTY, long lines and line ends, catching up, memory figures, exit codes, stdin, resize,
// replay and explicit close.
import { describe, expect, it } from 'vitest';
import type { LogLine } from '../../src-main/contract/dto/streams';
import { fromLogBatch } from '../../src-main/contract/log-batch';
import { rejectionOf } from '../support/errors';
import { useTestApi } from '../support/api';
import { testEngine, testLabels, waitFor } from '../support/engine';

const api = useTestApi();
const { docker, image } = testEngine();
const labels = testLabels();

const start = (script: string, extra: Record<string, unknown> = {}) =>
  api.client.call('containers.run', { spec: { image, command: ['sh', '-c', script], labels, ...extra } as never });

function linesOf(session: string): LogLine[] {
  return api.events
    .all('logs.data')
    .filter((e) => e.session === session)
    .flatMap((e) => fromLogBatch(e));
}

describe('logs sessions', () => {
  it('delivers every line in order with stdout and stderr told apart', async () => {
    const { id } = await start('for i in $(seq 1 500); do echo "out $i"; echo "err $i" >&2; done');
    await docker.getContainer(id).wait();
    const { session } = await api.client.call('logs.open', { id, follow: false });
    await api.events.next('logs.end', (e) => e.session === session);
    const lines = linesOf(session);
    const out = lines.filter((l) => l.stream === 'stdout').map((l) => l.text);
    const err = lines.filter((l) => l.stream === 'stderr').map((l) => l.text);
    expect(out).toEqual(Array.from({ length: 500 }, (_, i) => `out ${i + 1}`));
    expect(err).toEqual(Array.from({ length: 500 }, (_, i) => `err ${i + 1}`));
    expect(api.events.all('logs.data').filter((e) => e.session === session).length).toBeLessThan(100);
    expect(fromLogBatch(await api.client.call('logs.replay', { session }))).toEqual(lines);
    expect(api.events.all('logs.data').find((e) => e.session === session)?.stderr.length).toBeGreaterThan(0);
    await api.client.call('logs.close', { session });
  });

  it('follows new output, honours tail and timestamps, and stops on close', async () => {
    const { id } = await start('echo first; echo second; while read line; do echo "got $line"; done', {
      interactive: true,
    });
    await waitFor(async () =>
      (await docker.getContainer(id).logs({ stdout: true, follow: false })).toString().includes('second'),
    );
    const { session } = await api.client.call('logs.open', { id, follow: true, tail: 1, timestamps: true });
    const firstBatch = await api.events.next('logs.data', (e) => e.session === session);
    expect(firstBatch.lines).toEqual(['second']);
    expect(firstBatch.timestamps?.[0]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+Z$/);

    const stream = (await docker
      .getContainer(id)
      .attach({ stream: true, stdin: true, hijack: true })) as NodeJS.WritableStream;
    stream.write('hello\n');
    await api.events.next('logs.data', (e) => e.session === session && e.lines.includes('got hello'));

    await api.client.call('logs.close', { session });
    const count = linesOf(session).length;
    stream.write('after close\n');
    await waitFor(async () =>
      (await docker.getContainer(id).logs({ stdout: true, follow: false })).toString().includes('got after close'),
    );
    expect(linesOf(session).length).toBe(count);
    expect((await rejectionOf(api.client.call('logs.replay', { session }))).code).toBe('not-found');
    stream.end();
  });

  it('reads a TTY container as one stream', async () => {
    const { id } = await start('echo tty-line; echo tty-err >&2', { tty: true });
    await docker.getContainer(id).wait();
    const { session } = await api.client.call('logs.open', { id, follow: false });
    await api.events.next('logs.end', (e) => e.session === session);
    expect(linesOf(session)).toEqual([
      { stream: 'stdout', text: 'tty-line', end: 'crlf' },
      { stream: 'stdout', text: 'tty-err', end: 'crlf' },
    ]);
  });

  it.each([false, true])('keeps a 100,000-character line whole, and each line end (tty %s)', async (tty) => {
    const script = `echo a; head -c 100000 /dev/zero | tr '\\0' x; echo; printf 'cr\\r\\n'; printf 'no end'`;
    const { id } = await start(script, { tty });
    await docker.getContainer(id).wait();
    const { session } = await api.client.call('logs.open', { id, follow: false, timestamps: true });
    await api.events.next('logs.end', (e) => e.session === session);
    const lines = linesOf(session);
    const eol = tty ? { end: 'crlf' } : {};
    expect(lines.map(({ timestamp, ...line }) => ({ ...line, stamped: /^\d{4}-.*Z$/.test(timestamp ?? '') }))).toEqual([
      { stream: 'stdout', text: 'a', stamped: true, ...eol },
      // The engine stored the long line as partial messages of 16 KiB, each with the line's timestamp.
      {
        stream: 'stdout',
        text: 'x'.repeat(100000),
        stamped: true,
        partials: [1, 2, 3, 4, 5, 6].map((k) => k * 16384),
        ...eol,
      },
      { stream: 'stdout', text: tty ? 'cr\r' : 'cr', stamped: true, end: 'crlf' },
      { stream: 'stdout', text: 'no end', stamped: true, end: 'none' },
    ]);
  });

  it('says when it has delivered every line the log held at opening', async () => {
    const { id } = await start('seq 1 5000; sleep 300');
    await waitFor(async () =>
      (await docker.getContainer(id).logs({ stdout: true, tail: 1 })).toString().includes('5000'),
    );
    const { session } = await api.client.call('logs.open', { id, follow: true });
    const caughtUp = await api.events.next('logs.data', (e) => e.session === session && e.caughtUp === true);
    const upTo = api.events.all('logs.data').filter((e) => e.session === session);
    expect(upTo.at(-1)).toBe(caughtUp);
    expect(upTo.flatMap((e) => e.lines)).toEqual(Array.from({ length: 5000 }, (_, i) => String(i + 1)));
    await api.client.call('logs.close', { session });

    const quiet = await start('sleep 300');
    const empty = await api.client.call('logs.open', { id: quiet.id, follow: true });
    const first = await api.events.next('logs.data', (e) => e.session === empty.session);
    expect(first).toMatchObject({ lines: [], caughtUp: true });
    await api.client.call('logs.close', { session: empty.session });

    // Asking only for lines after the last one: nothing to wait for.
    const later = await api.client.call('logs.open', { id, follow: true, since: Math.floor(Date.now() / 1000) + 60 });
    const none = await api.events.next('logs.data', (e) => e.session === later.session);
    expect(none).toMatchObject({ lines: [], caughtUp: true });
    await api.client.call('logs.close', { session: later.session });
  });

  it('honours since as a duration or a time', async () => {
    const { id } = await start('echo old');
    await docker.getContainer(id).wait();
    const { session } = await api.client.call('logs.open', { id, follow: false, since: '1h' });
    await api.events.next('logs.end', (e) => e.session === session);
    expect(linesOf(session).map((l) => l.text)).toEqual(['old']);
    const inAnHour = Math.floor(Date.now() / 1000) + 3600;
    const future = await api.client.call('logs.open', { id, follow: false, since: inAnHour });
    await api.events.next('logs.end', (e) => e.session === future.session);
    expect(linesOf(future.session)).toEqual([]);
  });

  it('refuses a container that does not exist', async () => {
    expect((await rejectionOf(api.client.call('logs.open', { id: 'no-such-container' }))).code).toBe('not-found');
  });
});

describe('stats sessions', () => {
  it('streams samples with memory, pids and network figures', async () => {
    const { id } = await start('head -c 20000000 /dev/zero | tail > /dev/null; sleep 300');
    const { session } = await api.client.call('stats.open', { id });
    const second = await waitFor(async () => {
      const samples = api.events.all('stats.data').filter((e) => e.session === session);
      return samples.length >= 2 ? samples[1]?.sample : undefined;
    });
    expect(second?.memoryUsage).toBeGreaterThan(0);
    expect(second?.memoryLimit).toBeGreaterThan(second?.memoryUsage ?? 0);
    expect(second?.pids).toBeGreaterThanOrEqual(1);
    expect(second?.onlineCpus).toBeGreaterThan(0);
    expect(second?.cpuPercent).toBeGreaterThanOrEqual(0);
    expect(Date.parse(second?.read ?? '')).toBeGreaterThan(0);
    expect((await api.client.call('stats.replay', { session })).length).toBeGreaterThanOrEqual(2);
    await api.client.call('stats.close', { session });
  });
});

describe('exec sessions', () => {
  it('runs a command and reports its output and exit code', async () => {
    const { id } = await start('sleep 300');
    const { session } = await api.client.call('exec.open', {
      id,
      cmd: ['sh', '-c', 'echo out; echo err >&2; exit 3'],
      tty: false,
    });
    const exit = await api.events.next('exec.exit', (e) => e.session === session);
    expect(exit.exitCode).toBe(3);
    const output = await api.client.call('exec.replay', { session });
    expect(output.split('\n').sort()).toEqual(['', 'err', 'out']);
    await api.client.call('exec.close', { session });
  });

  it('drives an interactive TTY shell: stdin, resize, exit', async () => {
    const { id } = await start('sleep 300');
    const { session } = await api.client.call('exec.open', { id, cmd: ['sh'], tty: true, cols: 100, rows: 30 });
    const output = () =>
      api.events
        .all('exec.data')
        .filter((e) => e.session === session)
        .map((e) => e.data)
        .join('');
    await api.client.call('exec.input', { session, data: 'stty size; echo ma""rker\n' });
    await waitFor(async () => output().includes('marker'), { message: 'echo output on the terminal' });
    expect(output()).toContain('30 100');
    await api.client.call('exec.resize', { session, cols: 132, rows: 43 });
    await api.client.call('exec.input', { session, data: 'stty size; exit 5\n' });
    const exit = await api.events.next('exec.exit', (e) => e.session === session);
    expect(exit.exitCode).toBe(5);
    expect(output()).toContain('43 132');
    expect((await rejectionOf(api.client.call('exec.input', { session, data: 'x' }))).message).toMatch(/exited/);
  });

  it('answers at once when the process cannot start (a user the image lacks), with the reason in the output', async () => {
    // Found by the random-arguments run: the initial resize waited for the engine's 10 s timeout first.
    const { id } = await start('sleep 300');
    for (const tty of [true, false]) {
      const opened = Date.now();
      const { session } = await api.client.call('exec.open', {
        id,
        cmd: ['sh'],
        tty,
        user: 'no-such-user',
        cols: 80,
        rows: 24,
      });
      expect(Date.now() - opened).toBeLessThan(3_000);
      const exit = await api.events.next('exec.exit', (e) => e.session === session);
      expect(exit.exitCode).toBe(126);
      expect(await api.client.call('exec.replay', { session })).toContain('unable to find user no-such-user');
      await api.client.call('exec.close', { session });
    }
  });

  it('closes every session of a client that goes away', async () => {
    const { id } = await start('sleep 300');
    const { session } = await api.client.call('exec.open', { id, cmd: ['sh'], tty: true });
    const logs = await api.client.call('logs.open', { id, follow: true });
    api.backend.clientGone('test-client');
    expect((await rejectionOf(api.client.call('exec.replay', { session }))).code).toBe('not-found');
    expect((await rejectionOf(api.client.call('logs.replay', { session: logs.session }))).code).toBe('not-found');
  });
});
