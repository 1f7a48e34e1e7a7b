// A labelled test container that sleeps (created, not started) and whose stop ends it within a second.
import type Dockerode from 'dockerode';
import { testEngine, testLabels, uniqueName } from './engine';

/** `sleep 300` from the test image, named `<prefix>-…`; busybox sleep as PID 1 ignores SIGTERM, so StopTimeout is 1 s. */
export async function createSleeper(
  prefix: string,
  extra: Partial<Dockerode.ContainerCreateOptions> = {},
): Promise<{ container: Dockerode.Container; name: string }> {
  const { docker, image } = testEngine();
  const name = uniqueName(prefix);
  const container = await docker.createContainer({
    Image: image,
    name,
    Cmd: ['sleep', '300'],
    Labels: testLabels(),
    StopTimeout: 1,
    ...extra,
  });
  return { container, name };
}
