// Looks into tar archives without unpacking them: is a host file a tar (or tar.gz), does an archive hold anything.
import { open } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { constants, gunzipSync } from 'node:zlib';
import { extract } from 'tar-stream';
import { isTarHeaderBlock } from '../core/tar-header';
import { InvalidArgumentError } from './errors';

/** Bytes read from the start of a file to recognise it; plenty to inflate a gzip's first tar block. */
const SNIFF_BYTES = 64 * 1024;

/**
 * Checks that the host file `path` is a tar or gzip-compressed tar, by its first header block.
 * @throws InvalidArgumentError naming `field` when it is missing, a folder or another kind of file.
 */
export async function assertTarFile(path: string, field: string): Promise<'tar' | 'tar.gz'> {
  const handle = await open(path, 'r').catch(() => undefined);
  if (!handle) throw new InvalidArgumentError(field, `"${path}" does not exist or cannot be read`);
  let head: Buffer;
  try {
    if ((await handle.stat()).isDirectory()) throw new InvalidArgumentError(field, `"${path}" is a folder`);
    const buffer = Buffer.alloc(SNIFF_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, SNIFF_BYTES, 0);
    head = buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
  const gzipped = head[0] === 0x1f && head[1] === 0x8b;
  const block = gzipped ? inflateStart(head) : head;
  if (!block || !isTarHeaderBlock(block)) {
    throw new InvalidArgumentError(field, `"${path}" is not a tar or tar.gz archive`);
  }
  return gzipped ? 'tar.gz' : 'tar';
}

/** What the start of a gzip stream inflates to, or undefined when it is not valid gzip. */
function inflateStart(head: Buffer): Buffer | undefined {
  try {
    return gunzipSync(head, { finishFlush: constants.Z_SYNC_FLUSH });
  } catch {
    return undefined;
  }
}

/**
 * Whether the tar stream `archive` (of a folder, entries named "./…") holds any entry besides the
 * folder itself. Stops reading (and destroys `archive`) at the first such entry.
 */
export function archiveHasEntries(archive: Readable): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const tar = extract();
    const fail = (error: Error) => {
      archive.destroy();
      reject(error);
    };
    tar.on('entry', (header, stream, next) => {
      if (header.name !== './' && header.name !== '.') {
        resolve(true);
        archive.unpipe(tar);
        archive.destroy();
        tar.destroy();
        return;
      }
      stream.on('end', () => next());
      stream.resume();
    });
    tar.on('finish', () => resolve(false));
    tar.on('error', fail);
    archive.on('error', fail);
    archive.pipe(tar);
  });
}
