// Builds a test image of several layers FROM the busybox test image with the engine's builder, for the layer tests.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type Dockerode from 'dockerode';
import { followProgress } from './progress';
import { packDir } from './tar';
import { makeOwnedTempDir } from './temp-dirs';
import { rmSync } from 'node:fs';

/**
 * Builds `tag` from `dockerfile` (its first line is prefixed with `FROM <base>`) and the context `files`; returns the
 * image id. `labels` go on the image so clean-up finds it.
 */
export async function buildLayeredImage(
  docker: Dockerode,
  options: {
    tag: string;
    base: string;
    steps: string[];
    files?: Record<string, Buffer | string>;
    labels?: Record<string, string>;
  },
): Promise<string> {
  const dir = makeOwnedTempDir('berth-layered-image-');
  try {
    writeFileSync(join(dir, 'Dockerfile'), [`FROM ${options.base}`, ...options.steps].join('\n') + '\n');
    for (const [name, content] of Object.entries(options.files ?? {})) writeFileSync(join(dir, name), content);
    await followProgress(
      docker,
      await docker.buildImage(packDir(dir), { t: options.tag, rm: true, labels: options.labels ?? {} }),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return (await docker.getImage(options.tag).inspect()).Id;
}
