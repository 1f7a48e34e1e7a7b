// Child processes that are always stopped: tracked spawns, bounded stop, and exit/signal hooks.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { isMainThread } from 'node:worker_threads';
import { pidAlive, signalPids, waitPidsGoneSync } from './host-cleanup';

export interface SpawnTrackedOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Where stdout and stderr go (appended). Default: a new file under `<tmpdir>/berth-test-logs/`. */
  logFile?: string;
  /**
   * Signal the kernel sends the child if this process dies without cleaning up (even by SIGKILL),
   * via `setpriv --pdeathsig`. Default SIGTERM; `false` to disable.
   */
  parentDeathSignal?: NodeJS.Signals | false;
  /**
   * Synchronous step the exit hook runs right after sending this child SIGTERM, to help it stop
   * quickly (a dockerd waits 10 s for containers that ignore SIGTERM; this can kill them).
   */
  exitAssist?: () => void;
  /** Open a Node IPC channel to the child (fd 3): `child.send` here, `process.send` there. */
  ipc?: boolean;
}

export interface StopOptions {
  signal?: NodeJS.Signals;
  /** Wait this long after `signal` before SIGKILL (default 15 000 ms). */
  timeoutMs?: number;
}

interface Registry {
  children: Set<ChildProcess>;
  /** Synchronous clean-ups (folders, mounts) run at exit after the children are gone. */
  cleanups: Set<() => void>;
  hooked: boolean;
}

// One registry per process, shared by every copy of this module (vitest may load it more than once).
const REGISTRY_KEY: unique symbol = Symbol.for('berth.test.processes');
const holder = globalThis as typeof globalThis & { [REGISTRY_KEY]?: Registry };
const registry: Registry = (holder[REGISTRY_KEY] ??= { children: new Set(), cleanups: new Set(), hooked: false });

const exits = new WeakMap<ChildProcess, Promise<void>>();
const logFiles = new WeakMap<ChildProcess, string>();
const exitAssists = new WeakMap<ChildProcess, () => void>();

const SETPRIV = '/usr/bin/setpriv';
/** Grace before SIGKILL when clean-up runs because this process was signalled. */
const SIGNAL_GRACE_MS = 250;

/** Spawns `cmd` with output captured to a log file, and tracks it until it exits. */
export function spawnTracked(cmd: string, args: readonly string[], opts: SpawnTrackedOptions = {}): ChildProcess {
  installHooks();
  const logFile = opts.logFile ?? defaultLogFile(cmd);
  const fd = openSync(logFile, 'a');
  writeSync(fd, `# ${new Date().toISOString()} ${cmd} ${args.join(' ')}\n`);
  const deathSignal = opts.parentDeathSignal ?? 'SIGTERM';
  // The kernel tracks the parent *thread*; only use it where that thread lives as long as the process.
  const useSetpriv = deathSignal !== false && isMainThread && existsSync(SETPRIV);
  const [file, argv] = useSetpriv
    ? [SETPRIV, ['--pdeathsig', deathSignal.replace(/^SIG/, ''), '--', cmd, ...args]]
    : [cmd, [...args]];
  let child: ChildProcess;
  try {
    child = spawn(file, argv, {
      cwd: opts.cwd,
      env: opts.env ?? process.env,
      stdio: opts.ipc ? ['ignore', fd, fd, 'ipc'] : ['ignore', fd, fd],
    });
  } finally {
    closeSync(fd);
  }
  registry.children.add(child);
  logFiles.set(child, logFile);
  if (opts.exitAssist) exitAssists.set(child, opts.exitAssist);
  exits.set(
    child,
    new Promise<void>((resolve) => {
      const done = () => {
        registry.children.delete(child);
        resolve();
      };
      child.once('exit', done);
      child.once('error', done); // e.g. ENOENT: never started
    }),
  );
  return child;
}

/** True once the child has exited (or failed to start). */
export function hasExited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null || !registry.children.has(child);
}

/** Resolves when the child has exited; false if `timeoutMs` passed first. */
export async function waitForExit(child: ChildProcess, timeoutMs: number): Promise<boolean> {
  if (hasExited(child)) return true;
  const exited = exits.get(child) ?? new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  const result = await Promise.race([exited.then(() => true as const), timedOut]);
  clearTimeout(timer);
  return result;
}

/** Sends `signal`, waits up to `timeoutMs` for exit, then SIGKILLs and waits again. */
export async function stopProcess(
  child: ChildProcess,
  { signal = 'SIGTERM', timeoutMs = 15_000 }: StopOptions = {},
): Promise<void> {
  if (hasExited(child)) return;
  child.kill(signal);
  if (await waitForExit(child, timeoutMs)) return;
  child.kill('SIGKILL');
  if (!(await waitForExit(child, 10_000))) {
    throw new Error(`process ${child.pid} (${child.spawnfile}) did not exit even after SIGKILL`);
  }
}

/** The log file receiving the child's stdout and stderr. */
export function logFileOf(child: ChildProcess): string | undefined {
  return logFiles.get(child);
}

/** Last `lines` lines of a log file, for error messages. */
export function tailFile(file: string | undefined, lines = 30): string {
  if (!file) return '(no log)';
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch (error) {
    return `(log unreadable: ${(error as Error).message})`;
  }
}

/** Registers a synchronous clean-up to run at exit after tracked children are gone; returns an unregister function. */
export function onExitCleanup(cleanup: () => void): () => void {
  installHooks();
  registry.cleanups.add(cleanup);
  return () => registry.cleanups.delete(cleanup);
}

/** Stops every tracked child (SIGTERM, then SIGKILL after `graceMs`) and runs the registered clean-ups. Synchronous. */
export function killAllTrackedSync(graceMs = 10_000): void {
  const children = [...registry.children];
  const pids = children.map((c) => c.pid).filter((pid): pid is number => pid !== undefined);
  signalPids(pids.filter(pidAlive), 'SIGTERM');
  for (const child of children) runQuietly(exitAssists.get(child));
  const survivors = waitPidsGoneSync(pids, graceMs);
  signalPids(survivors, 'SIGKILL');
  waitPidsGoneSync(survivors, 5_000);
  registry.children.clear();
  for (const cleanup of [...registry.cleanups]) {
    registry.cleanups.delete(cleanup);
    runQuietly(cleanup);
  }
}

function runQuietly(step: (() => void) | undefined): void {
  try {
    step?.();
  } catch (error) {
    process.stderr.write(`[berth harness] exit clean-up step failed: ${(error as Error).message}\n`);
  }
}

function installHooks(): void {
  if (registry.hooked) return;
  registry.hooked = true;
  process.on('exit', () => killAllTrackedSync());
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    const onSignal = () => {
      // Be quick: whoever signalled may SIGKILL us soon (vitest gives a worker 500 ms).
      killAllTrackedSync(SIGNAL_GRACE_MS);
      // If nobody else handles the signal, behave as if we had not listened: die by it.
      if (process.listenerCount(signal) === 1) {
        process.removeListener(signal, onSignal);
        process.kill(process.pid, signal);
      }
    };
    process.on(signal, onSignal);
  }
}

function defaultLogFile(cmd: string): string {
  const dir = join(tmpdir(), 'berth-test-logs');
  mkdirSync(dir, { recursive: true });
  return join(dir, `${basename(cmd)}-${process.pid}-${Date.now()}.log`);
}
