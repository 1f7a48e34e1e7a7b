// Browsing a running container's files: the folder listing script run with exec, in the container's own shell.
import type { Readable } from 'node:stream';
import type Dockerode from 'dockerode';
import type { FileEntry } from '../contract/dto/files';
import { fileListingCommand, normalizeBrowsePath } from '../core/file-listing';
import { readDemuxedOutput } from './demuxed-output';
import { InvalidArgumentError, parseField } from './errors';
import { execExitCode } from './exec-exit';
import { listingOutcome } from './listing-outcome';

export class ContainerFileService {
  constructor(private readonly docker: Dockerode) {}

  /** The direct children of `path` in the running container `id`, folders first, then by name. */
  async list(id: string, path: string): Promise<FileEntry[]> {
    const dir = parseField('path', () => normalizeBrowsePath(path));
    const container = this.docker.getContainer(id);
    const info = await container.inspect();
    if (!info.State.Running) throw new InvalidArgumentError('id', 'start the container to browse its files');
    if (info.State.Paused) throw new InvalidArgumentError('id', 'unpause the container to browse its files');
    const exec = await container.exec({
      Cmd: fileListingCommand(dir),
      AttachStdout: true,
      AttachStderr: true,
      Env: ['LC_ALL=C'],
    });
    const stream = (await exec.start({ hijack: true, stdin: false })) as Readable;
    const output = await readDemuxedOutput(stream);
    const name = info.Name.replace(/^\//, '');
    return listingOutcome(
      { exitCode: await execExitCode(exec), ...output },
      `"${dir}" in container "${name}"`,
      `container "${name}" has no sh, find or stat to list its files with`,
    );
  }
}
