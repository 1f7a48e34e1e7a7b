// Short-lived helper containers on Berth's helper image, with volumes mounted; always removed when their job ends.
import type { Readable } from 'node:stream';
import type Dockerode from 'dockerode';
import { readDemuxedOutput, type ProcessOutput } from './demuxed-output';
import { CancelledError, engineErrorDetails, UnsupportedError } from './errors';
import { helperContainerLabels, helperContainerName, type HelperJob } from './berth-labels';
import { ensureHelperImage, forgetHelperImage } from './helper-image';
import { sweepLeftHelpers } from './helper-sweep';

/** Where the helper mounts the volume it works on. */
export const HELPER_VOLUME_PATH = '/volume';

export interface HelperMount {
  volume: string;
  /** Mount point inside the helper, e.g. HELPER_VOLUME_PATH. */
  target: string;
  readOnly: boolean;
}

export interface HelperOptions {
  /** What the helper is for: part of its name and labels. */
  job: HelperJob;
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

/** The helpers of jobs still under way, per engine connection, with what stops each job's transfers. */
const live = new WeakMap<Dockerode, Map<Dockerode.Container, AbortController>>();

/**
 * Creates a helper container (labelled and named as berth-labels says, no network, no restart),
 * hands it to `use`, and removes it as soon as `use` settles, whether it succeeded or failed.
 * `use` passes `signal` to the archive calls it makes, so they stop when Berth does.
 * @throws UnsupportedError when `script` is given and the helper image has no shell.
 * @throws CancelledError when Berth stopped (removeLiveHelpers) while the job was under way.
 */
export async function withHelperContainer<T>(
  docker: Dockerode,
  options: HelperOptions,
  use: (container: Dockerode.Container, signal: AbortSignal) => Promise<T>,
): Promise<T> {
  await sweepLeftHelpers(docker);
  const create = async () => {
    const helper = await ensureHelperImage(docker);
    if (options.script && !helper.hasShell) throw new UnsupportedError(options.script.needsShell);
    return docker.createContainer({
      name: helperContainerName(options.job),
      Image: helper.image,
      Cmd: options.script?.cmd ?? IDLE_CMD,
      Env: ['LC_ALL=C'],
      Labels: helperContainerLabels(options.job),
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
  const mine = live.get(docker) ?? new Map<Dockerode.Container, AbortController>();
  const stop = new AbortController();
  live.set(docker, mine.set(container, stop));
  try {
    return await use(container, stop.signal);
  } catch (error) {
    if (stop.signal.aborted) throw new CancelledError(`Berth stopped during the ${options.job} job`);
    throw error;
  } finally {
    mine.delete(container);
    await container.remove({ force: true }).catch(() => undefined);
  }
}

/** Stops every job still under way (Berth is stopping) and removes its helper; those jobs fail as cancelled. */
export async function removeLiveHelpers(docker: Dockerode): Promise<void> {
  const jobs = [...(live.get(docker) ?? [])];
  for (const [, stop] of jobs) stop.abort();
  await Promise.all(jobs.map(([helper]) => helper.remove({ force: true }).catch(() => undefined)));
}

/** How long a helper script may run (ms) before it is stopped: listing a big folder takes seconds, not minutes. */
export const HELPER_SCRIPT_TIMEOUT_MS = 120_000;

/**
 * Starts a helper created with a script and waits for it, collecting its output.
 * @throws when the script runs longer than `timeoutMs`; the caller's withHelperContainer then removes it.
 */
export async function runHelper(
  container: Dockerode.Container,
  timeoutMs = HELPER_SCRIPT_TIMEOUT_MS,
): Promise<HelperRun> {
  const stream = (await container.attach({ stream: true, stdout: true, stderr: true })) as unknown as Readable;
  const output = readDemuxedOutput(stream);
  // Waiting from before the start: a quick script's exit is seen even if a sweep removes it at once.
  const exited = container.wait({ condition: 'next-exit' }) as Promise<{ StatusCode: number }>;
  exited.catch(() => undefined);
  try {
    await container.start();
  } catch (error) {
    stream.destroy();
    await output.catch(() => undefined);
    throw error;
  }
  const finished = Promise.all([exited, output]);
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`Berth's helper did not finish within ${timeoutMs / 1000} s and was stopped`)),
      timeoutMs,
    );
  });
  try {
    const [result, { stdout, stderr }] = await Promise.race([finished, timedOut]);
    return { exitCode: result.StatusCode, stdout, stderr };
  } catch (error) {
    stream.destroy();
    finished.catch(() => undefined);
    throw error;
  } finally {
    clearTimeout(timer);
  }
}
