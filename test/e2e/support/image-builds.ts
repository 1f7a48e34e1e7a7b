// Images an e2e file builds through Berth's API (FROM the test image, labelled), the page reloaded after a failed test, and an image check.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { testEngine, testLabels } from '../../support/engine';
import type { BerthApp } from './berth-app';

export interface ImageBuilds {
  /** Builds a labelled image from `dockerfile` (FROM the test image) and returns its id. */
  build(tag: string, dockerfile: string): Promise<string>;
  /** Whether the engine has an image by this reference or id. */
  imageExists(ref: string): Promise<boolean>;
}

/**
 * For an Images e2e file: a scratch folder for build contexts (removed afterwards), and a fresh
 * page after a failed test, which may have left a dialog open over it.
 */
export function useImageBuilds(app: BerthApp): ImageBuilds {
  const { docker, image } = testEngine();
  let scratch: string | undefined;
  beforeAll(async () => {
    scratch = await mkdtemp(join(tmpdir(), 'berth-images-e2e-'));
  });
  afterAll(async () => {
    if (scratch) await rm(scratch, { recursive: true, force: true });
  });
  afterEach(async ({ task }) => {
    if (task.result?.state !== 'fail') return;
    await app.reload();
    await app.page.locator('[data-test="engine-badge"][data-state="connected"]').waitFor();
  });
  return {
    async build(tag, dockerfile) {
      const context = await mkdtemp(join(scratch!, 'ctx-'));
      await writeFile(join(context, 'Dockerfile'), `FROM ${image}\n${dockerfile}\n`);
      return (await app.api.client.call('images.build', { context, tags: [tag], labels: testLabels() })).id;
    },
    imageExists: (ref) =>
      docker
        .getImage(ref)
        .inspect()
        .then(() => true)
        .catch(() => false),
  };
}
