// A registry image big enough that pulling it takes a while: the test image plus a layer of random bytes, pushed to a
// test registry and removed from the engine again, so the next pull downloads it.
import { randomBytes } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type Dockerode from 'dockerode';
import { followProgress } from './progress';
import { packDir } from './tar';
import { makeOwnedTempDir } from './temp-dirs';
import { TEST_IMAGE_TAG } from './test-image';

/** Registries without credentials still need an X-Registry-Auth header for push. */
const ANONYMOUS_AUTH = { username: '', password: '' };

/**
 * Builds `reference` (a tag on the registry, e.g. `127.0.0.1:5000/berth/big:1`) as the test image plus `mib` MiB of
 * random data (it does not compress), pushes it and removes it from `docker`. The test image must be there.
 */
export async function pushBigImage(docker: Dockerode, reference: string, mib: number): Promise<void> {
  const dir = makeOwnedTempDir('berth-big-image-');
  try {
    writeFileSync(join(dir, 'Dockerfile'), `FROM ${TEST_IMAGE_TAG}\nCOPY random.bin /random.bin\n`);
    writeFileSync(join(dir, 'random.bin'), randomBytes(mib * 1024 * 1024));
    await followProgress(docker, await docker.buildImage(packDir(dir), { t: reference, rm: true }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const image = docker.getImage(reference);
  await followProgress(docker, await image.push({ authconfig: ANONYMOUS_AUTH } as Dockerode.ImagePushOptions));
  await image.remove();
}
