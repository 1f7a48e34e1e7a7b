// Folders of the host running Berth (home, Downloads, temp), for the renderer to prefill host path fields.
import { statSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { HostPaths } from '../contract/dto/system';

/** The user's home, Downloads (home when the folder does not exist) and temp folders. */
export function hostPaths(): HostPaths {
  const home = homedir();
  const downloads = join(home, 'Downloads');
  const hasDownloads = statSync(downloads, { throwIfNoEntry: false })?.isDirectory() ?? false;
  return { home, downloads: hasDownloads ? downloads : home, tmp: tmpdir() };
}
