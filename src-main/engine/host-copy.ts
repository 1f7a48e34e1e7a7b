// Extracts what the Engine's archive API returns for a path into a host folder (the download half of `docker cp`).
import { stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { extract } from 'tar-fs';
import { InvalidArgumentError } from './errors';

/**
 * Checks that `hostDir` is a folder, then extracts the archive `getArchive` returns (a tar of the
 * file or folder `path`) into it. Returns where the copy landed: `hostDir/<basename of path>`.
 */
export async function copyArchiveToHost(
  path: string,
  hostDir: string,
  getArchive: () => Promise<NodeJS.ReadableStream>,
): Promise<{ hostPath: string }> {
  const info = await stat(hostDir).catch(() => undefined);
  if (!info?.isDirectory()) throw new InvalidArgumentError('hostDir', `"${hostDir}" is not a folder`);
  const archive = (await getArchive()) as Readable;
  await pipeline(archive, extract(hostDir));
  return { hostPath: join(hostDir, basename(path)) };
}
