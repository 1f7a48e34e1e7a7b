// The QMP client against a real QEMU (no guest: `-M none` starts at once): commands, errors, events, closing, one client at a time.
import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { QmpClient, QmpError, type QmpEvent } from '../../src-main/machine/qmp-client';
import { hasExited, waitForExit } from '../support/processes';
import { ensureQemu, makeTempFolder, spawnQemu, stopQemu, type TempFolder } from '../support/qemu';

let qemuBinary: string;
const started: Array<{ child: ChildProcess; folder: TempFolder; clients: QmpClient[] }> = [];

beforeAll(async () => {
  qemuBinary = (await ensureQemu())['qemu-system-x86_64'];
});

afterEach(async () => {
  for (const { child, folder, clients } of started.splice(0)) {
    await Promise.all(clients.map((client) => client.close()));
    await stopQemu(child);
    folder.remove();
  }
});

/** Starts `qemu-system-x86_64 -M none` with a QMP socket; returns its socket path without waiting for it. */
function startQemu(): { child: ChildProcess; qmpPath: string; track(client: QmpClient): QmpClient } {
  const folder = makeTempFolder('berth-qmp-');
  const qmpPath = join(folder.path, 'qmp.sock');
  const child = spawnQemu(qemuBinary, [
    ...['-M', 'none', '-nodefaults', '-nographic', '-no-user-config'],
    ...['-qmp', `unix:${qmpPath},server=on,wait=off`],
  ]);
  const entry = { child, folder, clients: [] as QmpClient[] };
  started.push(entry);
  return {
    child,
    qmpPath,
    track: (client) => {
      entry.clients.push(client);
      return client;
    },
  };
}

/** Resolves with the first event named `name` the client emits. */
function nextEvent(client: QmpClient, name: string): Promise<QmpEvent> {
  return new Promise((resolve) => {
    const listener = (event: QmpEvent) => {
      if (event.event !== name) return;
      client.off('event', listener);
      resolve(event);
    };
    client.on('event', listener);
  });
}

describe('QmpClient against QEMU', () => {
  it('connects while QEMU is still creating its socket, and reads the version', async () => {
    const qemu = startQemu();
    // Connect right after spawning: the socket does not exist yet, so the client must retry.
    const client = qemu.track(await QmpClient.connect(qemu.qmpPath, { timeoutMs: 20_000 }));
    expect(client.version.qemu.major).toBeGreaterThanOrEqual(7);
    expect(client.version.package).toMatch(/\S/);
    const status = await client.execute<{ status: string; running: boolean }>('query-status');
    expect(status).toMatchObject({ status: 'running', running: true });
  });

  it('pauses and resumes the VM with stop and cont, reporting STOP and RESUME events', async () => {
    const qemu = startQemu();
    const client = qemu.track(await QmpClient.connect(qemu.qmpPath, { timeoutMs: 20_000 }));
    const seen: string[] = [];
    client.on('event', (event) => seen.push(event.event));
    const typedStop = new Promise<Record<string, never>>((resolve) => client.once('STOP', resolve));

    const stopEvent = nextEvent(client, 'STOP');
    expect(await client.execute('stop')).toEqual({});
    expect((await stopEvent).timestamp.seconds).toBeGreaterThan(0);
    expect(await typedStop).toEqual({});
    expect(await client.execute('query-status')).toMatchObject({ status: 'paused', running: false });

    const resumeEvent = nextEvent(client, 'RESUME');
    await client.execute('cont');
    await resumeEvent;
    expect(await client.execute('query-status')).toMatchObject({ status: 'running', running: true });
    expect(seen).toEqual(['STOP', 'RESUME']);
  });

  it("rejects a command QEMU does not know with QEMU's class and message", async () => {
    const qemu = startQemu();
    const client = qemu.track(await QmpClient.connect(qemu.qmpPath, { timeoutMs: 20_000 }));
    const failure = await client.execute('no-such-command').catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(QmpError);
    expect(failure).toMatchObject({
      errorClass: 'CommandNotFound',
      desc: 'The command no-such-command has not been found',
      command: 'no-such-command',
      message: 'QEMU refused "no-such-command": The command no-such-command has not been found',
    });
    await expect(client.execute('query-status', { bogus: 1 })).rejects.toThrow("Parameter 'bogus' is unexpected");
    // The session goes on after errors.
    expect(await client.execute('query-status')).toMatchObject({ status: 'running' });
  });

  it('answers concurrent commands each with its own reply', async () => {
    const qemu = startQemu();
    const client = qemu.track(await QmpClient.connect(qemu.qmpPath, { timeoutMs: 20_000 }));
    const [version, status, missing, name] = await Promise.allSettled([
      client.execute<{ qemu: { major: number } }>('query-version'),
      client.execute<{ status: string }>('query-status'),
      client.execute('nope'),
      client.execute<Record<string, unknown>>('query-name'),
    ]);
    expect(version).toMatchObject({ status: 'fulfilled', value: { qemu: { major: client.version.qemu.major } } });
    expect(status).toMatchObject({ status: 'fulfilled', value: { status: 'running' } });
    expect(missing).toMatchObject({ status: 'rejected', reason: { errorClass: 'CommandNotFound' } });
    expect(name).toEqual({ status: 'fulfilled', value: {} });
  });

  it('reports the power button as a POWERDOWN event', async () => {
    const qemu = startQemu();
    const client = qemu.track(await QmpClient.connect(qemu.qmpPath, { timeoutMs: 20_000 }));
    const powerdown = nextEvent(client, 'POWERDOWN');
    await client.execute('system_powerdown');
    expect((await powerdown).data).toEqual({});
  });

  it('quit: resolves, emits SHUTDOWN and close, then refuses commands; QEMU exits', async () => {
    const qemu = startQemu();
    const client = qemu.track(await QmpClient.connect(qemu.qmpPath, { timeoutMs: 20_000 }));
    const shutdown = new Promise<{ guest: boolean; reason: string }>((resolve) => client.once('SHUTDOWN', resolve));
    const closed = new Promise<Error | undefined>((resolve) => client.once('close', resolve));
    await client.execute('quit');
    expect(await shutdown).toEqual({ guest: false, reason: 'host-qmp-quit' });
    expect(await closed).toBeUndefined();
    expect(client.closed).toBe(true);
    await expect(client.execute('query-status')).rejects.toThrow(
      'The QMP connection is closed; cannot run "query-status"',
    );
    expect(await waitForExit(qemu.child, 10_000)).toBe(true);
    expect(qemu.child.exitCode).toBe(0);
  });

  it('emits close when QEMU is killed', async () => {
    const qemu = startQemu();
    const client = qemu.track(await QmpClient.connect(qemu.qmpPath, { timeoutMs: 20_000 }));
    const closed = new Promise<void>((resolve) => client.once('close', () => resolve()));
    qemu.child.kill('SIGKILL');
    await closed;
    expect(client.closed).toBe(true);
    await expect(client.execute('query-status')).rejects.toThrow(/closed/);
  });

  it('rejects commands in flight when the client closes', async () => {
    const qemu = startQemu();
    const client = qemu.track(await QmpClient.connect(qemu.qmpPath, { timeoutMs: 20_000 }));
    const inFlight = client.execute('query-status');
    await client.close();
    await expect(inFlight).rejects.toThrow('The QMP connection closed before QEMU answered "query-status"');
    expect(hasExited(qemu.child)).toBe(false);
  });

  it('serves one client at a time: a second one is greeted once the first leaves', async () => {
    const qemu = startQemu();
    const first = await QmpClient.connect(qemu.qmpPath, { timeoutMs: 20_000 });
    qemu.track(first);
    await expect(QmpClient.connect(qemu.qmpPath, { timeoutMs: 1_000 })).rejects.toThrow(
      /sent no QMP greeting in time; is another client connected\?/,
    );

    const second = QmpClient.connect(qemu.qmpPath, { timeoutMs: 20_000 });
    await first.execute('stop');
    await first.close();
    const client = qemu.track(await second);
    // The VM state set by the first client is still there.
    expect(await client.execute('query-status')).toMatchObject({ status: 'paused' });
  });

  it('gives up on a socket that never appears, or when aborted', async () => {
    const folder = makeTempFolder('berth-qmp-');
    try {
      const missing = join(folder.path, 'missing.sock');
      const started = Date.now();
      await expect(QmpClient.connect(missing, { timeoutMs: 300 })).rejects.toThrow(
        `QEMU's QMP socket ${missing} did not accept a connection in time (last error: ENOENT)`,
      );
      expect(Date.now() - started).toBeLessThan(2_000);

      const controller = new AbortController();
      const attempt = QmpClient.connect(missing, { timeoutMs: 60_000, signal: controller.signal });
      controller.abort(new Error('QEMU exited'));
      await expect(attempt).rejects.toThrow('QEMU exited');
    } finally {
      folder.remove();
    }
  });
});
