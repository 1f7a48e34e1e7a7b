// Browsing a volume's files and copying one out to the host, through helper containers.
import type Dockerode from 'dockerode';
import type { FileEntry } from '../contract/dto/files';
import { fileListingCommand, normalizeBrowsePath } from '../core/file-listing';
import { engineErrorDetails, InvalidArgumentError, NotFoundError, parseField } from './errors';
import { HELPER_VOLUME_PATH, runHelper, withHelperContainer } from './helper-container';
import { copyArchiveToHost } from './host-copy';
import { listingOutcome } from './listing-outcome';

export const NEEDS_BUSYBOX =
  "browsing volumes needs a static busybox on this host (Debian: busybox-static) to build Berth's helper image";

export class VolumeFileService {
  constructor(private readonly docker: Dockerode) {}

  /** The direct children of `path` (absolute, inside the volume), folders first, then by name. */
  async list(name: string, path: string): Promise<FileEntry[]> {
    const dir = parseField('path', () => normalizeBrowsePath(path));
    await this.docker.getVolume(name).inspect();
    const target = dir === '/' ? HELPER_VOLUME_PATH : `${HELPER_VOLUME_PATH}${dir}`;
    const run = await withHelperContainer(
      this.docker,
      {
        job: 'volume-files',
        mounts: [{ volume: name, target: HELPER_VOLUME_PATH, readOnly: true }],
        script: { cmd: fileListingCommand(target), needsShell: NEEDS_BUSYBOX },
      },
      (helper) => runHelper(helper),
    );
    return listingOutcome(run, `"${dir}" in volume "${name}"`, NEEDS_BUSYBOX);
  }

  /** Copies the file or folder `path` of the volume into the host folder `hostDir`. */
  async copyFrom(name: string, path: string, hostDir: string): Promise<{ hostPath: string }> {
    const file = parseField('path', () => normalizeBrowsePath(path));
    if (file === '/')
      throw new InvalidArgumentError('path', 'name a file or folder in the volume; export copies all of it');
    await this.docker.getVolume(name).inspect();
    return withHelperContainer(
      this.docker,
      { job: 'volume-copy', mounts: [{ volume: name, target: HELPER_VOLUME_PATH, readOnly: true }] },
      (helper, abortSignal) =>
        copyArchiveToHost(file, hostDir, () =>
          helper.getArchive({ path: `${HELPER_VOLUME_PATH}${file}`, abortSignal }).catch((error: unknown) => {
            if (engineErrorDetails(error)?.status !== 404) throw error;
            throw new NotFoundError(`"${file}" does not exist in volume "${name}"`);
          }),
        ),
    );
  }
}
