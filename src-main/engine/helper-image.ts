// Berth's helper image: a tiny image for short-lived helper containers that read and fill volumes.
//
// It holds the folders /volume and /tmp and, when this host has a static busybox built for the
// engine's CPU, /bin/busybox with links for the applets Berth's scripts use. Without busybox it
// still serves the archive API (export, import, clone), which runs no process.
import { readFile } from 'node:fs/promises';
import { HELPER_IMAGE, HELPER_IMAGE_REPOSITORY, HELPER_IMAGE_TAG } from '../core/helper-image-name';
import type { Readable } from 'node:stream';
import type Dockerode from 'dockerode';
import { pack, type Pack } from 'tar-stream';
import { BERTH_IMAGE_VALUE, BERTH_LABEL, BERTH_SHELL_LABEL } from './berth-labels';
import { readElfInfo } from './elf';
import { engineErrorDetails } from './errors';
import { readJsonMessages } from './json-messages';

export { HELPER_IMAGE };

const BUSYBOX_PATHS = ['/bin/busybox', '/usr/bin/busybox'];
const APPLETS = ['sh', 'find', 'stat', 'readlink', 'rm', 'ls', 'cat', 'tar'];
/** Fixed entry times keep the imported layer identical from one build to the next. */
const MTIME = new Date(0);

export interface HelperImage {
  /** Reference to create containers from. */
  image: string;
  /** Whether helper containers can run shell scripts (busybox is in the image). */
  hasShell: boolean;
}

const pending = new WeakMap<Dockerode, Promise<HelperImage>>();

/**
 * The helper image on this engine, importing it first when missing. Concurrent callers share one
 * import. A failure, or an image without a shell, is looked at again on the next call, so
 * installing busybox-static later takes effect without a restart.
 */
export function ensureHelperImage(docker: Dockerode): Promise<HelperImage> {
  const known = pending.get(docker);
  if (known) return known;
  const promise = resolveHelperImage(docker);
  pending.set(docker, promise);
  const forget = () => {
    if (pending.get(docker) === promise) pending.delete(docker);
  };
  promise.then((helper) => helper.hasShell || forget(), forget);
  return promise;
}

/** Drops what `ensureHelperImage` remembers, e.g. after the image was removed behind Berth's back. */
export function forgetHelperImage(docker: Dockerode): void {
  pending.delete(docker);
}

async function resolveHelperImage(docker: Dockerode): Promise<HelperImage> {
  const existing = await docker
    .getImage(HELPER_IMAGE)
    .inspect()
    .catch((error: unknown) => {
      if (engineErrorDetails(error)?.status === 404) return undefined;
      throw error;
    });
  if (existing?.Config?.Labels?.[BERTH_SHELL_LABEL] === 'true') return { image: HELPER_IMAGE, hasShell: true };
  const busybox = await findStaticBusybox(docker);
  if (existing && !busybox) return { image: HELPER_IMAGE, hasShell: false };
  await importHelperImage(docker, busybox);
  if (existing) {
    // The shell-less image it replaces; a helper container still using it keeps it alive.
    await docker
      .getImage(existing.Id)
      .remove()
      .catch(() => undefined);
  }
  return { image: HELPER_IMAGE, hasShell: busybox !== undefined };
}

/** Path of a static busybox on this host built for the engine's CPU, if there is one. */
async function findStaticBusybox(docker: Dockerode): Promise<string | undefined> {
  let engineArch: string | undefined;
  for (const path of BUSYBOX_PATHS) {
    const elf = await readElfInfo(path);
    if (!elf?.isStatic) continue;
    engineArch ??= (await docker.version()).Arch;
    if (elf.arch === engineArch) return path;
  }
  return undefined;
}

async function importHelperImage(docker: Dockerode, busybox: string | undefined): Promise<void> {
  const rootfs = await helperRootfs(busybox);
  const stream = await docker.importImage(rootfs, {
    repo: HELPER_IMAGE_REPOSITORY,
    tag: HELPER_IMAGE_TAG,
    changes: [
      'ENV PATH=/bin',
      `LABEL ${BERTH_LABEL}=${BERTH_IMAGE_VALUE} ${BERTH_SHELL_LABEL}=${busybox !== undefined}`,
    ],
  });
  for await (const _message of readJsonMessages(stream as Readable)) {
    // Read to the end: an error message in the stream throws.
  }
}

/** The image's root filesystem as a tar stream, built in memory. */
async function helperRootfs(busybox: string | undefined): Promise<Pack> {
  const tar = pack();
  const owner = { uid: 0, gid: 0, uname: 'root', gname: 'root', mtime: MTIME };
  tar.entry({ ...owner, name: 'volume/', type: 'directory', mode: 0o755 });
  tar.entry({ ...owner, name: 'tmp/', type: 'directory', mode: 0o1777 });
  if (busybox) {
    tar.entry({ ...owner, name: 'bin/', type: 'directory', mode: 0o755 });
    tar.entry({ ...owner, name: 'bin/busybox', type: 'file', mode: 0o755 }, await readFile(busybox));
    for (const applet of APPLETS) {
      tar.entry({ ...owner, name: `bin/${applet}`, type: 'symlink', linkname: 'busybox', mode: 0o777 });
    }
  }
  tar.finalize();
  return tar;
}
