// Reads a Dockerfile from this computer for the advice: bounded in size, every failure a message naming the file.
import { open } from 'node:fs/promises';
import { MAX_DOCKERFILE_BYTES } from '../contract/limits';
import { InvalidArgumentError, NotFoundError } from '../engine/errors';

/**
 * The text of the file at `path`, at most MAX_DOCKERFILE_BYTES.
 * @throws NotFoundError when there is no such file; InvalidArgumentError naming `path` when it is a folder, cannot
 *   be read, or is too large.
 */
export async function readDockerfile(path: string): Promise<string> {
  let file;
  try {
    file = await open(path, 'r');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new NotFoundError(`There is no Dockerfile at ${path}`);
    throw new InvalidArgumentError('path', `cannot read ${path} (${code ?? String(error)})`);
  }
  try {
    const stat = await file.stat();
    if (stat.isDirectory()) throw new InvalidArgumentError('path', `${path} is a folder, not a Dockerfile`);
    if (!stat.isFile()) throw new InvalidArgumentError('path', `${path} is not a regular file`);
    if (stat.size > MAX_DOCKERFILE_BYTES) {
      throw new InvalidArgumentError(
        'path',
        `${path} is ${stat.size} bytes, more than the ${MAX_DOCKERFILE_BYTES / 1024} KiB a Dockerfile may be`,
      );
    }
    return await file.readFile({ encoding: 'utf8' });
  } catch (error) {
    if (error instanceof InvalidArgumentError) throw error;
    throw new InvalidArgumentError(
      'path',
      `cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
    );
  } finally {
    await file.close();
  }
}
