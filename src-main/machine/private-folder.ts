// Berth's own folders are the user's alone: made mode 0700, and group or other permissions found on them removed.
import { chmod, mkdir, stat } from 'node:fs/promises';

/** Removes permission bits beyond `mode` (group and others) from `path`, where the OS has them. */
export async function tighten(path: string, mode: number): Promise<void> {
  if (process.platform === 'win32') return;
  const current = (await stat(path)).mode & 0o777;
  if ((current & ~mode) !== 0) await chmod(path, current & mode);
}

/** Makes `path` (and missing parents, mode 0700) if needed, then leaves it readable by its owner only. */
export async function ensurePrivateFolder(path: string): Promise<void> {
  await mkdir(path, { recursive: true, mode: 0o700 });
  await tighten(path, 0o700);
}
