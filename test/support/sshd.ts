// A private OpenSSH server (Debian's sshd) on 127.0.0.1 with its own host key and root's authorized key, for tunnel tests.
import { execFileSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { SshSession } from '../../src-main/tunnel/ssh-session';
import { pidAlive, removeTreeSync, signalPids, terminatePidsSync, waitPidsGoneSync } from './host-cleanup';
import { ensureDebianPackages } from './packages';
import { freePort } from './ports';
import { hasExited, onExitCleanup, spawnTracked, stopProcess, tailFile } from './processes';
import { makeOwnedTempDir, sweepStaleTempDirs } from './temp-dirs';
import { waitFor, withTimeout } from './wait';

export interface TestSshd {
  host: string;
  port: number;
  /** Always 'root', as in Berth's guest. */
  username: string;
  /** The client's ed25519 private key (OpenSSH format), authorized for root. */
  privateKey: string;
  /** File holding `privateKey` (mode 0600), for the OpenSSH client. */
  privateKeyFile: string;
  /** The server's host public key, an OpenSSH line `ssh-ed25519 AAAA…`. */
  hostPublicKey: string;
  /** A `known_hosts` file pinning the host key, for the OpenSSH client. */
  knownHostsFile: string;
  /** Temp folder with the keys, config, pid file and log. */
  dir: string;
  logFile: string;
  /** Pid of the listening sshd. */
  readonly pid: number;
  /** SIGKILLs the listener and every per-connection sshd it forked, so open connections drop at once. */
  kill(): Promise<void>;
  /** Kills sshd as `kill` does and starts it again on the same port with the same keys. */
  restart(): Promise<void>;
  /** Stops sshd (and its connection processes) and removes the temp folder. Idempotent. */
  stop(): Promise<void>;
}

const DIR_PREFIX = 'berth-sshd-';
const READY_TIMEOUT_MS = 20_000;
/** Attempts with a fresh port, in case another process takes the free port before sshd binds it. */
const PORT_ATTEMPTS = 3;
/** sshd's privilege separation folder; it refuses to start without it. */
const PRIVSEP_DIR = '/run/sshd';

/**
 * Starts `sshd -D -e` on a free 127.0.0.1 port and resolves once it sends its SSH banner. `sessionEnv` is set in
 * every session (sshd's SetEnv), e.g. a PATH and DOCKER_HOST standing in for a guest's.
 */
export interface SshdOptions {
  /** Allow OpenSSH streamlocal forwarding (default true); false plays a server that forbids it. */
  streamLocal?: boolean;
}

export async function startSshd(sessionEnv: Record<string, string> = {}, options: SshdOptions = {}): Promise<TestSshd> {
  const bins = await ensureDebianPackages({
    '/usr/sbin/sshd': 'openssh-server',
    'ssh-keygen': 'openssh-client',
  });
  sweepStaleSshdDirs();
  mkdirSync(PRIVSEP_DIR, { recursive: true, mode: 0o755 });
  const dir = makeOwnedTempDir(DIR_PREFIX);
  const unregister = onExitCleanup(() => destroySshdDir(dir));
  const cleanup = () => {
    destroySshdDir(dir);
    unregister();
  };
  try {
    const keygen = bins['ssh-keygen'] as string;
    const hostKeyFile = join(dir, 'ssh_host_ed25519_key');
    const privateKeyFile = join(dir, 'id_ed25519');
    execFileSync(keygen, ['-q', '-t', 'ed25519', '-N', '', '-C', 'berth-test-host', '-f', hostKeyFile]);
    execFileSync(keygen, ['-q', '-t', 'ed25519', '-N', '', '-C', 'berth-test-client', '-f', privateKeyFile]);
    const hostPublicKey = readFileSync(`${hostKeyFile}.pub`, 'utf8').trim();
    writeFileSync(join(dir, 'authorized_keys'), readFileSync(`${privateKeyFile}.pub`), { mode: 0o600 });
    for (let attempt = 1; ; attempt++) {
      const port = await freePort();
      const knownHostsFile = join(dir, 'known_hosts');
      writeFileSync(knownHostsFile, `[127.0.0.1]:${port} ${hostPublicKey}\n`);
      const start = () => launch(bins['/usr/sbin/sshd'] as string, dir, hostKeyFile, port, sessionEnv, options);
      const launched = await start().catch((error: Error) => {
        if (attempt >= PORT_ATTEMPTS) throw error;
        return undefined; // most likely the port was taken meanwhile: try another
      });
      if (!launched) continue;
      const { logFile } = launched;
      let { child } = launched;
      let stopped = false;
      const kill = async () => {
        const pids = [child.pid ?? -1, ...descendantsOf(child.pid ?? -1)].filter((pid) => pid > 0);
        signalPids(pids, 'SIGKILL');
        await stopProcess(child, { timeoutMs: 5_000 });
        waitPidsGoneSync(pids, 5_000);
      };
      return {
        host: '127.0.0.1',
        port,
        username: 'root',
        privateKey: readFileSync(privateKeyFile, 'utf8'),
        privateKeyFile,
        hostPublicKey,
        knownHostsFile,
        dir,
        logFile,
        get pid() {
          return child.pid ?? -1;
        },
        kill,
        restart: async () => {
          await kill();
          ({ child } = await start());
        },
        stop: async () => {
          if (stopped) return;
          stopped = true;
          try {
            const connections = descendantsOf(child.pid ?? -1);
            await stopProcess(child, { signal: 'SIGTERM', timeoutMs: 10_000 });
            terminatePidsSync(connections.filter(pidAlive), 2_000);
          } finally {
            cleanup();
          }
        },
      };
    }
  } catch (error) {
    cleanup();
    throw error;
  }
}

async function launch(
  sshd: string,
  dir: string,
  hostKeyFile: string,
  port: number,
  sessionEnv: Record<string, string>,
  options: SshdOptions,
): Promise<{ child: ChildProcess; logFile: string }> {
  const configFile = join(dir, 'sshd_config');
  const logFile = join(dir, 'sshd.log');
  writeFileSync(
    configFile,
    [
      `ListenAddress 127.0.0.1:${port}`,
      `HostKey ${hostKeyFile}`,
      `AuthorizedKeysFile ${join(dir, 'authorized_keys')}`,
      `PidFile ${join(dir, 'sshd.pid')}`,
      'PermitRootLogin prohibit-password',
      'PubkeyAuthentication yes',
      'PasswordAuthentication no',
      'KbdInteractiveAuthentication no',
      'UsePAM no',
      `AllowStreamLocalForwarding ${options.streamLocal === false ? 'no' : 'yes'}`,
      'AllowTcpForwarding yes',
      // The temp folder sits under the world-writable /tmp, which StrictModes would refuse.
      'StrictModes no',
      'PrintMotd no',
      'LogLevel VERBOSE',
      // sshd takes only the first SetEnv line: every variable goes on it.
      ...(Object.keys(sessionEnv).length
        ? [
            `SetEnv ${Object.entries(sessionEnv)
              .map(([key, value]) => `${key}=${value}`)
              .join(' ')}`,
          ]
        : []),
      '',
    ].join('\n'),
  );
  const child = spawnTracked(sshd, ['-D', '-e', '-f', configFile], { logFile, cwd: dir });
  const outcome = await waitFor(
    async () => {
      if (hasExited(child)) return 'exited' as const;
      return (await readBanner(port)).startsWith('SSH-2.0-') ? ('ready' as const) : undefined;
    },
    { timeoutMs: READY_TIMEOUT_MS, intervalMs: 50, message: `sshd on 127.0.0.1:${port} sent no SSH banner` },
  ).catch(async (error: Error) => {
    await stopProcess(child, { timeoutMs: 5_000 });
    throw new Error(`${error.message}\n--- ${logFile} ---\n${tailFile(logFile)}`);
  });
  if (outcome === 'exited') {
    throw new Error(`sshd exited during start-up (code ${child.exitCode})\n--- ${logFile} ---\n${tailFile(logFile)}`);
  }
  return { child, logFile };
}

/** The first line a TCP server at 127.0.0.1:`port` sends ('' if it closes without one). */
function readBanner(port: number): Promise<string> {
  const attempt = new Promise<string>((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port });
    let text = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      text += chunk;
      if (text.includes('\n')) {
        socket.destroy();
        resolve(text.split('\n')[0] ?? '');
      }
    });
    socket.on('error', reject);
    socket.on('close', () => resolve(text));
  });
  return withTimeout(attempt, 2_000);
}

/** Pids of every live descendant of `pid` (sshd forks a process, and a privilege-separated child, per connection). */
function descendantsOf(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    const child = Number(entry);
    if (!Number.isInteger(child)) continue;
    try {
      const stat = readFileSync(`/proc/${child}/stat`, 'utf8');
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(parent, [...(children.get(parent) ?? []), child]);
    } catch {
      // gone meanwhile
    }
  }
  const out: number[] = [];
  const queue = [...(children.get(pid) ?? [])];
  while (queue.length > 0) {
    const next = queue.shift() as number;
    out.push(next);
    queue.push(...(children.get(next) ?? []));
  }
  return out;
}

/** Stops whatever sshd still runs from `dir` (its pid file) with its connection processes, then removes the folder. */
function destroySshdDir(dir: string): void {
  try {
    const pid = Number(readFileSync(join(dir, 'sshd.pid'), 'utf8').trim());
    // The listener's title keeps its arguments, so a reused pid is never mistaken for it.
    const ours = pidAlive(pid) && readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(`${dir}/`);
    if (ours) terminatePidsSync([pid, ...descendantsOf(pid)], 2_000);
  } catch {
    // no pid file: sshd never started or already removed it
  }
  removeTreeSync(dir);
}

/** Removes what sshd harnesses of processes that died without cleaning up left behind. */
export function sweepStaleSshdDirs(): void {
  sweepStaleTempDirs(DIR_PREFIX, (dir) => destroySshdDir(dir));
}

/** Berth's SSH session to `server`, pinning `hostKey` (by default the server's own). */
export function connectSession(server: TestSshd, hostKey = server.hostPublicKey): Promise<SshSession> {
  return SshSession.connect({
    host: server.host,
    port: server.port,
    username: server.username,
    privateKey: server.privateKey,
    hostKey,
    readyTimeoutMs: 20_000,
  });
}
