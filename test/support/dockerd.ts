// A private Docker Engine (dockerd + its own managed containerd) in a temp folder, for integration tests.
import { randomInt } from 'node:crypto';
import type { ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import {
  destroyCgroupSync,
  killCgroupSync,
  pidAlive,
  processesReferencing,
  removeTreeSync,
  terminatePidsSync,
} from './host-cleanup';
import { createBridge, newBridgeName, removeBridgeSync } from './bridge';
import { ensureEngineRoot, PIVOT_ROOT } from './engine-root';
import { dockerodeFor } from './docker-client';
import { httpGet } from './http';
import { ensureDebianPackages } from './packages';
import { hasExited, onExitCleanup, spawnTracked, stopProcess, tailFile, waitForExit } from './processes';
import { makeOwnedTempDir, sweepStaleTempDirs } from './temp-dirs';
import { waitFor, withTimeout } from './wait';

export interface PrivateDockerdOptions {
  /**
   * 'default': bridge networking, iptables and masquerading, as a normal engine, but on a host
   * bridge of its own (`berth-xxxxxx`, a free 172.30.N.0/24) rather than docker0, so concurrent
   * daemons never hand out the same container IPs on one bridge.
   * 'none': no bridge and no iptables, and its own network namespace, so it can run beside another
   * daemon without fighting over them. (A `--bridge=none` dockerd deletes the host's docker0 at
   * start-up, breaking the other daemon, hence the namespace.) Its containers get no network, and
   * the daemon cannot reach the host's 127.0.0.1 (e.g. the test registry).
   */
  networking?: 'default' | 'none';
  /** Short label used in the temp folder and containerd namespace names. */
  name?: string;
  /**
   * 'host': the host's dockerd (Debian bookworm's docker.io 20.10, API 1.41). 'current': docker.io 26 (API 1.45)
   * from the trixie engine root (engine-root.ts), run after pivot_root into it in a mount namespace of its own.
   */
  engine?: 'host' | 'current';
  /** More dockerd flags, after Berth's own: e.g. a `--host=tcp://127.0.0.1:PORT` listener with `--tlsverify`. */
  extraArgs?: string[];
}

export interface PrivateDockerd {
  /** `unix:///…/docker.sock` */
  dockerHost: string;
  socketPath: string;
  /** Temp folder holding the socket, data root, exec root, pidfile and log. */
  dir: string;
  /** Pid of the current dockerd process (changes on restart). */
  readonly pid: number;
  /** Graceful stop (SIGTERM), then removes the temp folder. Idempotent. */
  stop(): Promise<void>;
  /** Sends `signal` (e.g. SIGKILL) and waits for dockerd to exit. Leaves the folder for restart(). */
  kill(signal: NodeJS.Signals): Promise<void>;
  /** Starts dockerd again with the same folders and socket (stopping it first if it still runs). */
  restart(): Promise<void>;
}

const DIR_PREFIX = 'berth-dockerd-';
const READY_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 30_000;
/** Seconds dockerd waits for its containers as a whole when it shuts down. */
const CONTAINER_SHUTDOWN_S = 5;
const STOP_CONTAINERS_TIMEOUT_MS = 10_000;
/**
 * Launches tried when dockerd fails on iptables: daemons starting at the same moment race creating
 * the shared DOCKER-ISOLATION chains ("unable to add return rule ... No chain/target/match").
 */
const IPTABLES_ATTEMPTS = 3;
/** A log line saying an iptables command failed. */
const IPTABLES_FAILURE = /\bip6?tables\b.*(fail|error|unable|no chain)|(fail|error|unable).*\bip6?tables\b/i;

/** Starts a private dockerd and resolves once `GET /_ping` on its socket answers OK. */
export async function startPrivateDockerd(options: PrivateDockerdOptions = {}): Promise<PrivateDockerd> {
  const bins = await ensureDebianPackages({
    dockerd: 'docker.io',
    '/usr/bin/busybox': 'busybox-static',
    unshare: 'util-linux',
    ip: 'iproute2',
  });
  sweepStaleDockerdDirs();
  const engineRoot = options.engine === 'current' ? await ensureEngineRoot() : undefined;
  const label =
    (options.name ?? 'engine')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .slice(0, 20) || 'engine';
  const networking = options.networking ?? 'default';
  const bridge = networking === 'default' ? newBridgeName() : undefined;
  const dir = makeOwnedTempDir(`${DIR_PREFIX}${label}-`, { bridge });
  // unshare and sh exec dockerd in place, so the pid stays dockerd's.
  const netns = networking === 'none' ? ['--net'] : [];
  const command = engineRoot
    ? [
        bins.unshare as string,
        ...netns,
        '-m',
        '--propagation',
        'private',
        '--',
        'sh',
        '-c',
        PIVOT_ROOT,
        'sh',
        engineRoot,
        '/usr/sbin/dockerd',
      ]
    : netns.length
      ? [bins.unshare as string, ...netns, '--', bins.dockerd as string]
      : [bins.dockerd as string];
  const daemon = new Daemon(command, dir, bridge, options.extraArgs);
  if (bridge) {
    try {
      createBridge(bins.ip as string, bridge);
    } catch (error) {
      await daemon.stop();
      throw error;
    }
  }
  try {
    await daemon.launch();
  } catch (error) {
    await daemon.stop();
    throw error;
  }
  return daemon;
}

class Daemon implements PrivateDockerd {
  readonly socketPath: string;
  readonly dockerHost: string;
  private child: ChildProcess | undefined;
  private stopped = false;
  private readonly args: string[];
  private readonly logFile: string;
  private readonly unregisterExitCleanup: () => void;

  constructor(
    private readonly command: string[],
    readonly dir: string,
    /** Host bridge of its own for 'default' networking; none for 'none'. */
    private readonly bridge: string | undefined,
    extraArgs: string[] = [],
  ) {
    this.socketPath = join(dir, 'docker.sock');
    this.dockerHost = `unix://${this.socketPath}`;
    this.logFile = join(dir, 'dockerd.log');
    const id = basename(dir);
    mkdirSync(join(dir, 'data'));
    mkdirSync(join(dir, 'exec'));
    writeFileSync(join(dir, 'daemon.json'), '{}\n'); // ignore the host's /etc/docker/daemon.json
    this.args = [
      `--config-file=${join(dir, 'daemon.json')}`,
      `--host=${this.dockerHost}`,
      `--data-root=${join(dir, 'data')}`,
      `--exec-root=${join(dir, 'exec')}`, // managed containerd lives here, so daemons never share one
      `--pidfile=${join(dir, 'dockerd.pid')}`,
      `--containerd-namespace=${id}`, // distinct even if a system containerd were used
      `--containerd-plugins-namespace=${id}-plugins`,
      `--cgroup-parent=${cgroupParentOf(dir)}`, // lets clean-up find every container process
      `--shutdown-timeout=${CONTAINER_SHUTDOWN_S}`,
      ...(bridge ? [`--bridge=${bridge}`] : ['--bridge=none', '--iptables=false', '--ip-masq=false']),
      // User-defined networks come from a pool of this daemon's own, so concurrent daemons rarely overlap.
      `--default-address-pool=base=10.${randomInt(1, 100)}.0.0/16,size=24`,
      ...extraArgs,
    ];
    this.unregisterExitCleanup = onExitCleanup(() => destroyDockerdDir(dir, bridge));
  }

  get pid(): number {
    return this.child?.pid ?? -1;
  }

  /** Starts dockerd, trying again (after a random 0.2–1.2 s pause) when it failed on iptables. */
  async launch(): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      const logStart = fileSize(this.logFile);
      try {
        return await this.launchOnce();
      } catch (error) {
        if (attempt >= IPTABLES_ATTEMPTS || !IPTABLES_FAILURE.test(readFrom(this.logFile, logStart))) throw error;
        if (this.child) await stopProcess(this.child, { signal: 'SIGTERM', timeoutMs: STOP_TIMEOUT_MS });
        await new Promise((resolve) => setTimeout(resolve, 200 + randomInt(1000)));
      }
    }
  }

  private async launchOnce(): Promise<void> {
    this.forgetDeadContainerd();
    const env = { ...process.env, PATH: `${process.env.PATH ?? ''}:/usr/local/sbin:/usr/sbin:/sbin` };
    const [file, ...prefix] = this.command as [string, ...string[]];
    const child = spawnTracked(file, [...prefix, ...this.args], {
      logFile: this.logFile,
      env,
      exitAssist: () => killCgroupSync(cgroupParentOf(this.dir)),
    });
    this.child = child;
    const outcome = await waitFor(
      async () => {
        if (hasExited(child)) return 'exited' as const;
        const res = await httpGet({ socketPath: this.socketPath, path: '/_ping', timeoutMs: 2_000 });
        return res.status === 200 && res.body === 'OK' ? ('ready' as const) : undefined;
      },
      { timeoutMs: READY_TIMEOUT_MS, intervalMs: 50, message: `dockerd in ${this.dir} did not answer /_ping` },
    ).catch((error: Error) => {
      throw new Error(`${error.message}\n--- ${this.logFile} ---\n${tailFile(this.logFile, 40)}`);
    });
    if (outcome === 'exited') {
      throw new Error(
        `dockerd exited during start-up (code ${child.exitCode}, signal ${child.signalCode})\n` +
          `--- ${this.logFile} ---\n${tailFile(this.logFile, 40)}`,
      );
    }
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    try {
      if (this.child && !hasExited(this.child)) {
        await this.stopContainersNow();
        await stopProcess(this.child, { signal: 'SIGTERM', timeoutMs: STOP_TIMEOUT_MS });
      }
    } finally {
      destroyDockerdDir(this.dir, this.bridge);
      this.unregisterExitCleanup();
    }
  }

  async kill(signal: NodeJS.Signals): Promise<void> {
    const child = this.child;
    if (!child || hasExited(child)) throw new Error(`dockerd in ${this.dir} is not running`);
    const containerd = this.containerdPid();
    child.kill(signal);
    if (!(await waitForExit(child, STOP_TIMEOUT_MS))) {
      throw new Error(`dockerd ${child.pid} did not exit within ${STOP_TIMEOUT_MS} ms of ${signal}`);
    }
    // dockerd starts its containerd with a parent-death signal: let that death finish, so a
    // restart does not mistake a dying containerd for a live one and wait for its socket.
    if (containerd !== undefined) {
      await waitFor(async () => !pidAlive(containerd), { timeoutMs: 10_000, intervalMs: 20 }).catch(() => undefined);
    }
  }

  /**
   * Stops running containers with no grace period (marked as stopped by hand, so restart policies
   * leave them alone); dockerd's own shutdown would give each 10 s. Best effort.
   */
  private async stopContainersNow(): Promise<void> {
    const docker = dockerodeFor(this.dockerHost);
    await withTimeout(
      docker
        .listContainers({ filters: JSON.stringify({ status: ['running', 'restarting', 'paused'] }) })
        .then((list) => Promise.allSettled(list.map((c) => docker.getContainer(c.Id).stop({ t: 0 })))),
      STOP_CONTAINERS_TIMEOUT_MS,
    ).catch(() => undefined);
  }

  private containerdPidFile(): string {
    return join(this.dir, 'exec', 'containerd', 'containerd.pid');
  }

  private containerdPid(): number | undefined {
    try {
      const pid = Number(readFileSync(this.containerdPidFile(), 'utf8').trim());
      return Number.isInteger(pid) && pid > 0 ? pid : undefined;
    } catch {
      return undefined;
    }
  }

  /** dockerd reuses the containerd named in its pidfile while kill(pid, 0) works, which a zombie passes too. */
  private forgetDeadContainerd(): void {
    const pid = this.containerdPid();
    if (pid !== undefined && !pidAlive(pid)) rmSync(this.containerdPidFile(), { force: true });
  }

  async restart(): Promise<void> {
    if (this.stopped) throw new Error(`dockerd in ${this.dir} was stopped and its folder removed`);
    if (this.child) await stopProcess(this.child, { signal: 'SIGTERM', timeoutMs: STOP_TIMEOUT_MS });
    await this.launch();
  }
}

function fileSize(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}

/** What `file` holds from byte `offset` on ('' when unreadable). */
function readFrom(file: string, offset: number): string {
  try {
    return readFileSync(file).subarray(offset).toString('utf8');
  } catch {
    return '';
  }
}

function cgroupParentOf(dir: string): string {
  return `/${basename(dir)}`;
}

/**
 * Everything a daemon folder can leave behind: containerd and shims (they name the folder in their
 * command line), container processes (in the daemon's cgroup parent), its bridge and iptables
 * rules, mounts, then the folder.
 */
function destroyDockerdDir(dir: string, bridge: string | undefined): void {
  terminatePidsSync(processesReferencing(`${dir}/`));
  destroyCgroupSync(cgroupParentOf(dir));
  if (bridge) removeBridgeSync(bridge);
  removeTreeSync(dir);
}

/** Removes what daemons of processes that died without cleaning up left behind. */
export function sweepStaleDockerdDirs(): void {
  sweepStaleTempDirs(DIR_PREFIX, (dir, owner) =>
    destroyDockerdDir(dir, typeof owner?.bridge === 'string' ? owner.bridge : undefined),
  );
}
