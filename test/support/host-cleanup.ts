// Synchronous host clean-up (processes, cgroups, mounts, folders) usable even from an exit hook.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, rmdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { sleepSync } from './wait';

/** True while `pid` exists and is not a zombie (a zombie has exited, it is only not reaped). */
export function pidAlive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    return state !== 'Z' && state !== 'X';
  } catch {
    return false;
  }
}

/** Sends `signal` to each pid, ignoring pids that are already gone. */
export function signalPids(pids: Iterable<number>, signal: NodeJS.Signals): void {
  for (const pid of pids) {
    try {
      process.kill(pid, signal);
    } catch {
      // already gone
    }
  }
}

/** Polls until none of `pids` is alive or `timeoutMs` passes; returns the survivors. */
export function waitPidsGoneSync(pids: number[], timeoutMs: number): number[] {
  const deadline = Date.now() + timeoutMs;
  let alive = pids.filter(pidAlive);
  while (alive.length > 0 && Date.now() < deadline) {
    sleepSync(25);
    alive = alive.filter(pidAlive);
  }
  return alive;
}

/** SIGTERM, wait up to `graceMs`, then SIGKILL whatever is left and wait for it too. */
export function terminatePidsSync(pids: number[], graceMs = 5_000): void {
  signalPids(pids, 'SIGTERM');
  const survivors = waitPidsGoneSync(pids, graceMs);
  signalPids(survivors, 'SIGKILL');
  waitPidsGoneSync(survivors, 5_000);
}

/** Pids (other than this process) whose command line contains `text`, e.g. a private temp dir. */
export function processesReferencing(text: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid) || pid === process.pid) continue;
    try {
      if (readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(text)) pids.push(pid);
    } catch {
      // exited while we looked
    }
  }
  return pids.filter(pidAlive);
}

/** Folders named `relative` under each cgroup hierarchy (v1 controllers and v2 alike). */
function cgroupRoots(relative: string): string[] {
  const base = '/sys/fs/cgroup';
  const candidates = [join(base, relative)];
  try {
    for (const hierarchy of readdirSync(base)) candidates.push(join(base, hierarchy, relative));
  } catch {
    return [];
  }
  return candidates.filter((dir) => {
    try {
      return statSync(dir).isDirectory() && readdirSync(dir).includes('cgroup.procs');
    } catch {
      return false;
    }
  });
}

/** All cgroup folders at and below `dir`, deepest first. */
function cgroupTree(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) out.push(...cgroupTree(join(dir, entry.name)));
  }
  out.push(dir);
  return out;
}

/** SIGKILLs every process in the cgroup `relative` and below it, in every hierarchy; returns their pids. */
export function killCgroupSync(relative: string): number[] {
  const pids = new Set<number>();
  for (const dir of cgroupRoots(relative).flatMap(cgroupTree)) {
    try {
      for (const line of readFileSync(join(dir, 'cgroup.procs'), 'utf8').split('\n')) {
        if (line.trim()) pids.add(Number(line));
      }
    } catch {
      // removed meanwhile
    }
  }
  signalPids(pids, 'SIGKILL');
  return [...pids];
}

/**
 * Kills every process in the cgroup `relative` (e.g. a daemon's `--cgroup-parent`) and below it,
 * in every hierarchy, then removes the emptied cgroup folders.
 */
export function destroyCgroupSync(relative: string, timeoutMs = 10_000): void {
  const trees = cgroupRoots(relative).map(cgroupTree);
  waitPidsGoneSync(killCgroupSync(relative), timeoutMs);
  const deadline = Date.now() + timeoutMs;
  for (const dir of trees.flat()) {
    for (;;) {
      try {
        rmdirSync(dir);
        break;
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'ENOENT' || Date.now() > deadline) break;
        sleepSync(25); // EBUSY until the killed tasks have left the cgroup
      }
    }
  }
}

/** Mount points at or below `dir`, deepest first. */
export function mountsUnder(dir: string): string[] {
  const unescape = (s: string) => s.replace(/\\([0-7]{3})/g, (_, oct: string) => String.fromCharCode(parseInt(oct, 8)));
  const points = readFileSync('/proc/self/mountinfo', 'utf8')
    .split('\n')
    .map((line) => line.split(' ')[4])
    .filter((p): p is string => p !== undefined)
    .map(unescape)
    .filter((p) => p === dir || p.startsWith(`${dir}/`));
  return [...new Set(points)].sort((a, b) => b.length - a.length);
}

/** Unmounts everything mounted at or below `dir` (lazily if a plain unmount fails). */
export function unmountUnderSync(dir: string): void {
  for (let round = 0; round < 3; round++) {
    const points = mountsUnder(dir);
    if (points.length === 0) return;
    for (const point of points) {
      const plain = spawnSync('umount', [point], { stdio: 'ignore' });
      if (plain.status !== 0) spawnSync('umount', ['-l', point], { stdio: 'ignore' });
    }
  }
  const left = mountsUnder(dir);
  if (left.length > 0) throw new Error(`could not unmount under ${dir}: ${left.join(', ')}`);
}

/** `rm -rf dir`, unmounting anything below it first. */
export function removeTreeSync(dir: string): void {
  unmountUnderSync(dir);
  rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
}
