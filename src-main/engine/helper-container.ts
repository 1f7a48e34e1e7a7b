// Short-lived helper containers on Berth's helper image, with volumes mounted; always removed after use.
import type { Readable } from 'node:stream';
import type Dockerode from 'dockerode';
import { readDemuxedOutput, type ProcessOutput } from './demuxed-output';
import { engineErrorDetails, UnsupportedError } from './errors';
import { ensureHelperImage, forgetHelperImage, HELPER_CONTAINER_VALUE, HELPER_LABEL } from './helper-image';

/** Where the helper mounts the volume it works on. */
export const HELPER_VOLUME_PATH = '/volume';

export interface HelperMount {
  volume: string;
  /** Mount point inside the helper, e.g. HELPER_VOLUME_PATH. */
  target: string;
  readOnly: boolean;
}

export interface HelperOptions {
  mounts: HelperMount[];
  /**
   * The script to run (`run` starts it); needs busybox in the helper image, and `needsShell` is
   * the message to fail with when it is not there. Omit both for a helper only used through the
   * archive API, which is never started.
   */
  script?: { cmd: string[]; needsShell: string };
}

export interface HelperRun extends ProcessOutput {
  exitCode: number;
}

/**
 * NoCopy: an empty volume never receives the image's folder content or ownership. (The typings
 * want every VolumeOptions field; the engine takes NoCopy alone.)
 */
function toMount(m: HelperMount): Dockerode.MountSettings {
  const mount = {
    Type: 'volume',
    Source: m.volume,
    Target: m.target,
    ReadOnly: m.readOnly,
    VolumeOptions: { NoCopy: true },
  };
  return mount as Dockerode.MountSettings;
}

/** Never run: a created container only needs some command. */
const IDLE_CMD = ['/bin/true'];

/**
 * Creates a helper container (label berth.helper=1, no network, no restart), hands it to `use`,
 * and removes it afterwards whatever happened.
 * @throws UnsupportedError when `script` is given and the helper image has no shell.
 */
export async function withHelperContainer<T>(
  docker: Dockerode,
  options: HelperOptions,
  use: (container: Dockerode.Container) => Promise<T>,
): Promise<T> {
  const create = async () => {
    const helper = await ensureHelperImage(docker);
    if (options.script && !helper.hasShell) throw new UnsupportedError(options.script.needsShell);
    return docker.createContainer({
      Image: helper.image,
      Cmd: options.script?.cmd ?? IDLE_CMD,
      Env: ['LC_ALL=C'],
      Labels: { [HELPER_LABEL]: HELPER_CONTAINER_VALUE },
      NetworkDisabled: true,
      HostConfig: { NetworkMode: 'none', RestartPolicy: { Name: 'no' }, Mounts: options.mounts.map(toMount) },
    });
  };
  const container = await create().catch((error: unknown) => {
    // The image was removed (e.g. by an image prune) since it was last ensured: import it again.
    const details = engineErrorDetails(error);
    if (details?.status !== 404 || !/no such image/i.test(details.message)) throw error;
    forgetHelperImage(docker);
    return create();
  });
  try {
    return await use(container);
  } finally {
    await container.remove({ force: true }).catch(() => undefined);
  }
}

/** Starts a helper created with a script and waits for it, collecting its output. */
export async function runHelper(container: Dockerode.Container): Promise<HelperRun> {
  const stream = (await container.attach({ stream: true, stdout: true, stderr: true })) as unknown as Readable;
  const output = readDemuxedOutput(stream);
  try {
    await container.start();
  } catch (error) {
    stream.destroy();
    await output.catch(() => undefined);
    throw error;
  }
  const [result, { stdout, stderr }] = await Promise.all([container.wait() as Promise<{ StatusCode: number }>, output]);
  return { exitCode: result.StatusCode, stdout, stderr };
}
