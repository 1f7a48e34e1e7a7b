// Which host folders are shared into the VM: the home folder and the user's list, minus the ones that cannot or need not be.
import { stat } from 'node:fs/promises';
import { posix } from 'node:path';

/** What a host path is, as far as sharing goes. */
export type HostPathKind = 'folder' | 'missing' | 'not-a-folder';

export interface SkippedFolder {
  folder: string;
  /** Why, as a sentence ending for "<folder> is not shared: ". */
  reason: string;
}

export interface SharedFolderChoice {
  /** Folders to share, normalized, in the order asked (the home folder first); none is inside another. */
  folders: string[];
  skipped: SkippedFolder[];
}

/**
 * Guest paths the VM itself needs: a folder mounted at one of them, or at a folder above one (`/`,
 * `/var`, `/var/lib`…), would hide it from the guest.
 */
const GUEST_SYSTEM_PATHS = [
  '/bin',
  '/dev',
  '/etc',
  '/lib',
  '/lib64',
  '/mnt/data',
  '/proc',
  '/run',
  '/sbin',
  '/sys',
  '/usr',
  '/var/lib/containerd',
  '/var/lib/docker',
  '/var/log',
  '/var/run',
];
/** Guest paths nothing may be mounted inside: kernel file systems, secrets, the engine's own data. */
const GUEST_PRIVATE_PATHS = ['/dev', '/mnt/data', '/proc', '/run', '/sys', '/var/lib/containerd', '/var/lib/docker'];

/**
 * Chooses the folders to share from `requested` (the home folder first, then the user's list),
 * asking `kindOf` what each normalized path is on the host. Pure. Skipped, each with its reason:
 * a path that is not absolute, one that would hide or sit inside what the VM needs
 * (GUEST_SYSTEM_PATHS), one missing or not a folder, one listed twice, and one inside another
 * shared folder (it is seen through that one already; mounting it again would show the same files
 * through two shares). Paths are compared as written: symbolic links are not followed.
 */
export function chooseSharedFolders(
  requested: readonly string[],
  kindOf: (folder: string) => HostPathKind,
): SharedFolderChoice {
  const skipped: SkippedFolder[] = [];
  const candidates: string[] = [];
  for (const asked of requested) {
    if (!posix.isAbsolute(asked)) {
      skipped.push({ folder: asked, reason: 'it is not an absolute path' });
      continue;
    }
    const folder = normalize(asked);
    const hidden = GUEST_SYSTEM_PATHS.find((system) => folder === system || isInside(system, folder));
    if (hidden) {
      skipped.push({ folder, reason: `it would hide the VM's own ${hidden}` });
      continue;
    }
    const inside = GUEST_PRIVATE_PATHS.find((system) => isInside(folder, system));
    if (inside) {
      skipped.push({ folder, reason: `the VM's ${inside} cannot hold a shared folder` });
      continue;
    }
    if (candidates.includes(folder)) {
      skipped.push({ folder, reason: 'it is listed twice' });
      continue;
    }
    const kind = kindOf(folder);
    if (kind !== 'folder') {
      skipped.push({
        folder,
        reason: kind === 'missing' ? 'it does not exist on this computer' : 'it is not a folder',
      });
      continue;
    }
    candidates.push(folder);
  }
  const folders: string[] = [];
  for (const folder of candidates) {
    const outer = candidates.find((other) => isInside(folder, other));
    if (outer) skipped.push({ folder, reason: `it is inside ${outer}, which is shared too` });
    else folders.push(folder);
  }
  return { folders, skipped };
}

/** chooseSharedFolders with each path looked up on this computer (symbolic links followed). */
export async function findSharedFolders(requested: readonly string[]): Promise<SharedFolderChoice> {
  const kinds = new Map<string, HostPathKind>();
  for (const asked of requested) {
    if (!posix.isAbsolute(asked)) continue;
    const folder = normalize(asked);
    const info = await stat(folder).catch(() => undefined);
    kinds.set(folder, info === undefined ? 'missing' : info.isDirectory() ? 'folder' : 'not-a-folder');
  }
  return chooseSharedFolders(requested, (folder) => kinds.get(folder) ?? 'missing');
}

/** `/a//b/../c/` → `/a/c`. */
function normalize(folder: string): string {
  const normal = posix.normalize(folder);
  return normal.length > 1 && normal.endsWith('/') ? normal.slice(0, -1) : normal;
}

/** Whether `path` is strictly below `folder` (both normalized). */
function isInside(path: string, folder: string): boolean {
  return path !== folder && path.startsWith(folder === '/' ? '/' : `${folder}/`);
}
