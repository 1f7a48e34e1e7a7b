// Builds a test image of several layers FROM the busybox test image with the engine's builder, for the layer tests.
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type Dockerode from 'dockerode';
import { followProgress } from './progress';
import { packDir } from './tar';
import { makeOwnedTempDir } from './temp-dirs';

export interface LayeredImage {
  tag: string;
  /** The image built on. */
  base: string;
  /** Dockerfile lines after `FROM <base>`. */
  steps: string[];
  /** Files written into the build context. */
  files?: Record<string, Buffer | string>;
  /** A context folder the caller made (big files already in it), used instead of a temp one and left in place. */
  contextDir?: string;
  /** Labels on the image, so clean-up finds it. */
  labels?: Record<string, string>;
}

/** Builds `options.tag` with the engine's builder and returns the image id. */
export async function buildLayeredImage(docker: Dockerode, options: LayeredImage): Promise<string> {
  const dir = options.contextDir ?? makeOwnedTempDir('berth-layered-image-');
  try {
    writeFileSync(join(dir, 'Dockerfile'), [`FROM ${options.base}`, ...options.steps].join('\n') + '\n');
    for (const [name, content] of Object.entries(options.files ?? {})) writeFileSync(join(dir, name), content);
    await followProgress(
      docker,
      await docker.buildImage(packDir(dir), { t: options.tag, rm: true, labels: options.labels ?? {} }),
    );
  } finally {
    if (!options.contextDir) rmSync(dir, { recursive: true, force: true });
  }
  return (await docker.getImage(options.tag).inspect()).Id;
}
