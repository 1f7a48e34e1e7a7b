// A private engine with the busybox test image for a benchmark script, stopped on exit.
import type Dockerode from 'dockerode';
import { dockerodeFor } from '../../support/docker-client';
import { startPrivateDockerd, type PrivateDockerd } from '../../support/dockerd';
import { buildTestImage, TEST_IMAGE_TAG } from '../../support/test-image';

export interface BenchEngine {
  dockerd: PrivateDockerd;
  docker: Dockerode;
  image: string;
}

/** `engine`: the host's docker (default) or the current one from the trixie engine root (needed for compose). */
export async function startBenchEngine(name: string, engine: 'host' | 'current' = 'host'): Promise<BenchEngine> {
  const dockerd = await startPrivateDockerd({ name, engine });
  const docker = dockerodeFor(dockerd.dockerHost);
  await buildTestImage(docker, TEST_IMAGE_TAG);
  return { dockerd, docker, image: TEST_IMAGE_TAG };
}

/** Creates `count` containers named `<prefix>-0000`…, a few at a time. */
export async function createContainers(
  engine: BenchEngine,
  prefix: string,
  count: number,
  start = false,
): Promise<string[]> {
  const ids: string[] = [];
  const batch = 16;
  for (let i = 0; i < count; i += batch) {
    const made = await Promise.all(
      Array.from({ length: Math.min(batch, count - i) }, async (_, j) => {
        const c = await engine.docker.createContainer({
          Image: engine.image,
          name: `${prefix}-${String(i + j).padStart(4, '0')}`,
          Cmd: ['sleep', '3600'],
          HostConfig: { NetworkMode: 'none' },
        });
        if (start) await c.start();
        return c.id;
      }),
    );
    ids.push(...made);
  }
  return ids;
}
