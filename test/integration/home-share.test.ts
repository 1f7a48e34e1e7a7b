// virtiofsd as Berth starts it: listening before QEMU connects, and a clear error when it cannot start.
import { mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findVirtiofsd, startVirtiofsd, type Virtiofsd } from '../../src-main/machine/home-share';
import { makeTempFolder } from '../support/qemu';

const started: Virtiofsd[] = [];
const cleanups: Array<() => void> = [];

afterEach(async () => {
  for (const daemon of started.splice(0)) {
    daemon.process.kill('SIGKILL');
    await daemon.exited;
  }
  for (const cleanup of cleanups.splice(0)) cleanup();
});

describe('virtiofsd', () => {
  it('is found where Debian installs it', async () => {
    expect(await findVirtiofsd()).toBe('/usr/lib/qemu/virtiofsd');
    expect(await findVirtiofsd(['/nonexistent/virtiofsd'])).toBeUndefined();
  });

  it('listens on its socket (mode 0700 or tighter) for a folder with spaces and non-ASCII letters', async () => {
    const folder = makeTempFolder('berth-vfs-');
    cleanups.push(() => folder.remove());
    const shared = join(folder.path, 'Zoë Martín home');
    mkdirSync(shared);
    const socketPath = join(folder.path, 'vfs.sock');
    const daemon = await startVirtiofsd({
      binary: '/usr/lib/qemu/virtiofsd',
      folder: shared,
      socketPath,
      logPath: join(folder.path, 'virtiofsd.log'),
    });
    started.push(daemon);
    expect(statSync(socketPath).isSocket()).toBe(true);
    expect(statSync(socketPath).mode & 0o077).toBe(0);
    expect(daemon.process.exitCode).toBeNull();
  });

  it('rejects with the daemon log path when the folder does not exist', async () => {
    const folder = makeTempFolder('berth-vfs-');
    cleanups.push(() => folder.remove());
    const logPath = join(folder.path, 'virtiofsd.log');
    await expect(
      startVirtiofsd({
        binary: '/usr/lib/qemu/virtiofsd',
        folder: join(folder.path, 'missing'),
        socketPath: join(folder.path, 'vfs.sock'),
        logPath,
      }),
    ).rejects.toThrow(`virtiofsd (/usr/lib/qemu/virtiofsd) exited`);
  });
});
