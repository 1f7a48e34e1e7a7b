// How host folders (the home folder first) reach the guest: virtiofs through virtiofsd where it can run, QEMU's own 9p otherwise.
import { spawn, type ChildProcess } from 'node:child_process';
import { access, constants, open, rm, stat } from 'node:fs/promises';

/** QEMU's side of one shared folder; the guest mounts its tag (`share<i>`) at the host folder's own path. */
export type SharedFolderDevice =
  | { kind: 'virtiofs'; socketPath: string }
  /** Files a container writes belong to the user QEMU runs as (`security_model=none`). */
  | { kind: '9p'; folder: string };

export interface ShareTransportFacts {
  platform: NodeJS.Platform;
  /** Effective uid of the process that will run QEMU. */
  euid: number | undefined;
  /** A virtiofsd found on this host. */
  virtiofsdPath: string | undefined;
}

export type ShareTransportChoice =
  | { kind: 'virtiofs'; virtiofsdPath: string; reason: string }
  | { kind: '9p'; reason: string }
  | { kind: 'none'; reason: string };

/** Where Linux distributions install virtiofsd: the Rust daemon first, then QEMU's own (Debian 12). */
export const VIRTIOFSD_CANDIDATES = ['/usr/libexec/virtiofsd', '/usr/lib/qemu/virtiofsd'];

/**
 * Picks how a host shares folders (all of them the same way). Pure. virtiofs is the fast one but needs vhost-user and, for the
 * virtiofsd that Debian 12 ships, root (it switches to each guest user's credentials); 9p is
 * built into QEMU and runs as the user, so files containers write belong to them. QEMU has no 9p
 * on Windows hosts.
 */
export function chooseShareTransport(facts: ShareTransportFacts): ShareTransportChoice {
  if (facts.platform === 'win32') {
    return { kind: 'none', reason: 'QEMU cannot share folders into the VM on Windows (no 9p or virtiofs there)' };
  }
  if (facts.platform === 'linux' && facts.virtiofsdPath && facts.euid === 0) {
    return { kind: 'virtiofs', virtiofsdPath: facts.virtiofsdPath, reason: `virtiofs (${facts.virtiofsdPath})` };
  }
  if (facts.platform === 'linux' && facts.virtiofsdPath) {
    return { kind: '9p', reason: `9p: ${facts.virtiofsdPath} needs root, and Berth runs as a user` };
  }
  return { kind: '9p', reason: facts.platform === 'linux' ? '9p: no virtiofsd on this computer' : '9p' };
}

/** The first installed virtiofsd that this process may run, if any. */
export async function findVirtiofsd(candidates = VIRTIOFSD_CANDIDATES): Promise<string | undefined> {
  for (const path of candidates) {
    if (
      await access(path, constants.X_OK).then(
        () => true,
        () => false,
      )
    )
      return path;
  }
  return undefined;
}

export interface Virtiofsd {
  process: ChildProcess;
  /** Resolves when it has exited (it does when QEMU disconnects). */
  exited: Promise<void>;
}

/**
 * Starts virtiofsd sharing `folder` on `socketPath` (its log appended to `logPath`) and resolves
 * once the socket exists, so QEMU can connect. Rejects with the daemon's last words if it exits
 * first or the socket does not appear within `timeoutMs`.
 */
export async function startVirtiofsd(options: {
  binary: string;
  folder: string;
  socketPath: string;
  logPath: string;
  timeoutMs?: number;
}): Promise<Virtiofsd> {
  await rm(options.socketPath, { force: true });
  const log = await open(options.logPath, 'a', 0o600);
  const child = spawn(
    options.binary,
    [`--socket-path=${options.socketPath}`, '-o', `source=${options.folder}`, '-o', 'cache=auto'],
    { stdio: ['ignore', log.fd, log.fd] },
  );
  await log.close();
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.once('error', () => resolve());
  });
  let failure: string | undefined;
  child.once('error', (error) => (failure = error.message));
  child.once('exit', (code, signal) => (failure ??= `exited (${signal ?? code}) before listening`));
  const deadline = Date.now() + (options.timeoutMs ?? 10_000);
  while (
    !(await stat(options.socketPath).then(
      () => true,
      () => false,
    ))
  ) {
    if (failure !== undefined || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`virtiofsd (${options.binary}) ${failure ?? 'did not listen in time'}; see ${options.logPath}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return { process: child, exited };
}

export interface ServedFolders {
  /** What QEMU's command line needs, one per folder in order; empty when this host cannot share (see `reason`). */
  devices: SharedFolderDevice[];
  /** The daemons serving virtiofs shares, one per folder. */
  virtiofsds: Virtiofsd[];
  reason: string;
}

/**
 * Serves `folders` the way this host can: chooses virtiofs or 9p, and for virtiofs starts one
 * virtiofsd per folder, on `socketPath(i)` (all logging to `logPath`). When one cannot start, the
 * ones already started are stopped and the error is thrown.
 */
export async function serveSharedFolders(
  folders: string[],
  files: { socketPath: (index: number) => string; logPath: string },
): Promise<ServedFolders> {
  const choice = chooseShareTransport({
    platform: process.platform,
    euid: process.geteuid?.(),
    virtiofsdPath: folders.length ? await findVirtiofsd() : undefined,
  });
  if (choice.kind === 'none' || folders.length === 0) return { devices: [], virtiofsds: [], reason: choice.reason };
  if (choice.kind === '9p') {
    return { devices: folders.map((folder) => ({ kind: '9p', folder })), virtiofsds: [], reason: choice.reason };
  }
  const virtiofsds: Virtiofsd[] = [];
  try {
    for (const [index, folder] of folders.entries()) {
      virtiofsds.push(
        await startVirtiofsd({
          binary: choice.virtiofsdPath,
          folder,
          socketPath: files.socketPath(index),
          logPath: files.logPath,
        }),
      );
    }
  } catch (error) {
    await stopVirtiofsds(virtiofsds);
    throw error;
  }
  return {
    devices: folders.map((_folder, index) => ({ kind: 'virtiofs', socketPath: files.socketPath(index) })),
    virtiofsds,
    reason: choice.reason,
  };
}

/** Kills virtiofsd daemons (they leave by themselves when QEMU disconnects) and waits for them to go. */
export async function stopVirtiofsds(virtiofsds: Virtiofsd[]): Promise<void> {
  for (const virtiofsd of virtiofsds) virtiofsd.process.kill('SIGKILL');
  await Promise.all(virtiofsds.map((virtiofsd) => virtiofsd.exited));
}
