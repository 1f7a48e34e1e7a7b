// Reads a Dockerfile from this computer for the advice: bounded in size, every failure a message naming the file.
import { constants } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { MAX_DOCKERFILE_BYTES } from '../contract/limits';
import { InvalidArgumentError, NotFoundError } from '../engine/errors';

const codeOf = (error: unknown) => (error as NodeJS.ErrnoException).code ?? String(error);

/**
 * The text of the file at `path`, at most MAX_DOCKERFILE_BYTES. Opened without blocking, so a FIFO or a device
 * is refused rather than waited on.
 * @throws NotFoundError when there is no such file; InvalidArgumentError naming `path` when it is a folder or no
 *   regular file, cannot be read, or is too large.
 */
export async function readDockerfile(path: string): Promise<string> {
  let file: FileHandle;
  try {
    file = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    if (codeOf(error) === 'ENOENT') throw new NotFoundError(`There is no Dockerfile at ${path}`);
    throw new InvalidArgumentError('path', `cannot read ${path} (${codeOf(error)})`);
  }
  try {
    const stat = await file.stat();
    if (stat.isDirectory()) throw new InvalidArgumentError('path', `${path} is a folder, not a Dockerfile`);
    if (!stat.isFile()) throw new InvalidArgumentError('path', `${path} is not a regular file`);
    const tooLarge = (bytes: number) =>
      new InvalidArgumentError(
        'path',
        `${path} is ${bytes} bytes, more than the ${MAX_DOCKERFILE_BYTES / 1024} KiB a Dockerfile may be`,
      );
    if (stat.size > MAX_DOCKERFILE_BYTES) throw tooLarge(stat.size);
    // Read one byte past the limit: a file that grew since the stat is refused too, never read whole.
    const buffer = Buffer.alloc(MAX_DOCKERFILE_BYTES + 1);
    const { bytesRead } = await file.read(buffer, 0, buffer.length, 0);
    if (bytesRead > MAX_DOCKERFILE_BYTES) throw tooLarge(bytesRead);
    return buffer.toString('utf8', 0, bytesRead);
  } catch (error) {
    if (error instanceof InvalidArgumentError) throw error;
    throw new InvalidArgumentError('path', `cannot read ${path} (${codeOf(error)})`);
  } finally {
    await file.close();
  }
}
