// One SSH connection into Berth's VM shared by the guest CLI's commands, kept a little while after the last one ends.
import { readFile } from 'node:fs/promises';
import type { SshTarget } from '../machine/machine';
import { SshSession } from '../tunnel/ssh-session';

/** How long an unused connection stays open for the next command (a stack action runs two or three in a row). */
export const GUEST_SSH_IDLE_MS = 15_000;

async function connect(target: SshTarget): Promise<SshSession> {
  const [privateKey, knownHosts] = await Promise.all([readFile(target.identityFile), readFile(target.knownHostsFile)]);
  // known_hosts holds one line, "[127.0.0.1]:port ssh-ed25519 AAAA…": the pinned key is what follows the host.
  const hostKey = knownHosts.toString().trim().split('\n')[0]!.split(' ').slice(1).join(' ');
  return SshSession.connect({
    host: target.host,
    port: target.port,
    username: target.user,
    privateKey,
    hostKey,
    keepaliveIntervalMs: 0,
  });
}

interface Pooled {
  /** Which login it is (a restarted VM has another port and keys). */
  key: string;
  session: Promise<SshSession>;
  users: number;
  idle?: ReturnType<typeof setTimeout>;
}

const keyOf = (t: SshTarget) => JSON.stringify([t.host, t.port, t.user, t.identityFile, t.knownHostsFile]);

/** Connections by login: `use` runs work on the live one for `target`, or on a new one when there is none. */
export class GuestSshPool {
  private pooled: Pooled | undefined;

  constructor(private readonly idleMs = GUEST_SSH_IDLE_MS) {}

  async use<T>(target: SshTarget, work: (ssh: SshSession) => Promise<T>): Promise<T> {
    const entry = await this.acquire(target);
    try {
      return await work(await entry.session);
    } finally {
      this.release(entry);
    }
  }

  private async acquire(target: SshTarget): Promise<Pooled> {
    const key = keyOf(target);
    const current = this.pooled;
    if (current && current.key === key && !(await current.session.catch(() => undefined))?.closed) {
      clearTimeout(current.idle);
      current.users += 1;
      return current;
    }
    if (current && this.pooled === current) this.drop(current);
    const entry: Pooled = { key, session: connect(target), users: 1 };
    this.pooled = entry;
    entry.session.then(
      (ssh) => ssh.once('close', () => this.pooled === entry && (this.pooled = undefined)),
      () => this.pooled === entry && (this.pooled = undefined),
    );
    await entry.session;
    return entry;
  }

  private release(entry: Pooled): void {
    entry.users -= 1;
    if (entry.users > 0) return;
    if (this.pooled !== entry) return void this.close(entry);
    entry.idle = setTimeout(() => this.drop(entry), this.idleMs);
    entry.idle.unref?.();
  }

  /** Forgets `entry`; its connection closes once no command uses it. */
  private drop(entry: Pooled): void {
    if (this.pooled === entry) this.pooled = undefined;
    if (entry.users === 0) this.close(entry);
  }

  private close(entry: Pooled): void {
    clearTimeout(entry.idle);
    void entry.session.then((ssh) => ssh.close()).catch(() => undefined);
  }
}
