// Moving a volume's whole content: export to a host .tar.gz, import from a host tar, clone into a new volume.
//
// All three use created-but-never-started helper containers and the Engine's archive API, so
// they need no shell in the helper image (only emptying a volume after a failed import does).
import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { lstat, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import type Dockerode from 'dockerode';
import type { Volume } from '../contract/dto/volumes';
import type { HelperJob } from './berth-labels';
import { ConflictError, engineErrorDetails, InvalidArgumentError, NotFoundError } from './errors';
import { HELPER_VOLUME_PATH, runHelper, withHelperContainer, type HelperOptions } from './helper-container';
import { archiveHasEntries, assertTarFile } from './tar-archives';
import type { VolumeService } from './volumes';

/** The volume's content, entries named "./…" (relative to its root). */
const CONTENT = `${HELPER_VOLUME_PATH}/.`;
const EMPTY_SCRIPT = `find ${CONTENT} ! -name . -prune -exec rm -rf {} +`;

/** A helper for `job` with `volume` at HELPER_VOLUME_PATH. */
const helperFor = (job: HelperJob, volume: string, readOnly: boolean): HelperOptions => ({
  job,
  mounts: [{ volume, target: HELPER_VOLUME_PATH, readOnly }],
});

export class VolumeArchiveService {
  constructor(
    private readonly docker: Dockerode,
    private readonly volumes: VolumeService,
  ) {}

  /**
   * Writes the volume's content to `hostPath` as a gzip-compressed tar, through a temp file in the
   * same folder renamed into place, so a failed export leaves nothing behind.
   * @returns bytes written (compressed size).
   */
  async export(name: string, hostPath: string, overwrite: boolean): Promise<{ bytes: number }> {
    await this.docker.getVolume(name).inspect();
    await checkExportTarget(hostPath, overwrite);
    const temp = join(dirname(hostPath), `.${basename(hostPath)}.${randomBytes(4).toString('hex')}.partial`);
    try {
      await withHelperContainer(this.docker, helperFor('volume-export', name, true), async (helper, abortSignal) => {
        const archive = (await helper.getArchive({ path: CONTENT, abortSignal })) as Readable;
        await pipeline(archive, createGzip(), createWriteStream(temp, { flags: 'wx' }));
      });
      await rename(temp, hostPath);
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
    return { bytes: (await stat(hostPath)).size };
  }

  /**
   * Unpacks the host tar or tar.gz `hostPath` into the volume `name`, creating it (with `labels`)
   * when missing and `create` is set. A volume that already has content is refused, so an import
   * never mixes into existing data; a failed import removes the volume it created, or empties
   * the one it filled.
   */
  async import(name: string, hostPath: string, create: boolean, labels: Record<string, string>): Promise<Volume> {
    await assertTarFile(hostPath, 'hostPath');
    const existed = await this.exists(name);
    if (!existed && !create) throw new NotFoundError(`volume "${name}" does not exist`);
    if (existed && (await this.hasContent(name))) {
      throw new ConflictError(`volume "${name}" already has content; import into a new or empty volume`);
    }
    if (!existed) await this.volumes.create({ name, driver: 'local', driverOpts: {}, labels });
    try {
      await withHelperContainer(this.docker, helperFor('volume-import', name, false), (helper, abortSignal) =>
        helper.putArchive(createReadStream(hostPath), { path: HELPER_VOLUME_PATH, abortSignal }),
      );
    } catch (error) {
      throw await this.undoImport(name, !existed, error);
    }
    return this.volumes.inspect(name);
  }

  /**
   * A new volume `target` holding a copy of `source`'s content, with `source`'s driver and labels
   * plus `labels`. The archive streams from one helper into another; no temp file. A failed
   * clone removes `target` again.
   */
  async clone(source: string, target: string, labels: Record<string, string>): Promise<Volume> {
    const info = await this.docker.getVolume(source).inspect();
    await this.volumes.create({
      name: target,
      driver: info.Driver,
      driverOpts: {},
      labels: { ...info.Labels, ...labels },
    });
    try {
      await withHelperContainer(this.docker, helperFor('volume-clone-source', source, true), (from, fromSignal) =>
        withHelperContainer(this.docker, helperFor('volume-clone-target', target, false), async (to, toSignal) => {
          const archive = (await from.getArchive({ path: CONTENT, abortSignal: fromSignal })) as Readable;
          // A failed upload leaves the download unread: end it, so the source helper is not held open.
          await to
            .putArchive(archive, { path: HELPER_VOLUME_PATH, abortSignal: toSignal })
            .finally(() => archive.destroy());
        }),
      );
    } catch (error) {
      await this.docker
        .getVolume(target)
        .remove()
        .catch(() => undefined);
      throw error;
    }
    return this.volumes.inspect(target);
  }

  private async exists(name: string): Promise<boolean> {
    try {
      await this.docker.getVolume(name).inspect();
      return true;
    } catch (error) {
      if (engineErrorDetails(error)?.status === 404) return false;
      throw error;
    }
  }

  private hasContent(name: string): Promise<boolean> {
    return withHelperContainer(this.docker, helperFor('volume-check', name, true), async (helper, abortSignal) =>
      archiveHasEntries((await helper.getArchive({ path: CONTENT, abortSignal })) as Readable),
    );
  }

  /** Removes the volume a failed import created, or empties the one it filled; returns the error to report. */
  private async undoImport(name: string, created: boolean, error: unknown): Promise<unknown> {
    if (created) {
      await this.docker
        .getVolume(name)
        .remove()
        .catch(() => undefined);
      return error;
    }
    if (await this.empty(name)) return error;
    const reason = engineErrorDetails(error)?.message ?? (error instanceof Error ? error.message : String(error));
    return new Error(`${reason}; the failed import may have left part of the archive in volume "${name}"`, {
      cause: error,
    });
  }

  /** Removes what a failed import left in a volume that was empty before; false when it could not. */
  private async empty(name: string): Promise<boolean> {
    const script = { cmd: ['sh', '-c', EMPTY_SCRIPT], needsShell: 'emptying a volume needs the helper shell' };
    try {
      const run = await withHelperContainer(
        this.docker,
        { ...helperFor('volume-empty', name, false), script },
        (helper) => runHelper(helper),
      );
      return run.exitCode === 0;
    } catch {
      return false;
    }
  }
}

/** Refuses a folder, an existing file (unless `overwrite`) and a missing parent folder. */
async function checkExportTarget(hostPath: string, overwrite: boolean): Promise<void> {
  const existing = await lstat(hostPath).catch(() => undefined);
  if (existing?.isDirectory()) throw new InvalidArgumentError('hostPath', `"${hostPath}" is a folder`);
  if (existing && !overwrite) {
    throw new ConflictError(`"${hostPath}" already exists; export with overwrite to replace it`);
  }
  const parent = await stat(dirname(hostPath)).catch(() => undefined);
  if (!parent?.isDirectory()) {
    throw new InvalidArgumentError('hostPath', `folder "${dirname(hostPath)}" does not exist`);
  }
}
