// "Run recent image": runs and pulls through the API put their image first in the settings' recentImages.
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_RECENT_IMAGES } from '../../src-main/settings/settings-schema';
import { SettingsStore } from '../../src-main/settings/settings-store';
import { startTestApi, type TestApi } from '../support/api';
import { cleanupTestObjects, testEngine, testLabels } from '../support/engine';
import { makeOwnedTempDir } from '../support/temp-dirs';

const { docker, dockerHost, image } = testEngine();
const dir = makeOwnedTempDir('berth-recent-images-');
const store = new SettingsStore(dir);
let api: TestApi;

beforeAll(async () => {
  await store.load();
  api = startTestApi(dockerHost, 'test-client', { settings: store });
});

afterAll(async () => {
  await api?.close();
  await cleanupTestObjects(docker);
  rmSync(dir, { recursive: true, force: true });
});

const run = (reference: string) =>
  api.client.call('containers.run', {
    spec: { image: reference, labels: testLabels(), command: ['true'] } as never,
    start: true,
  });

describe('recent images', () => {
  it('puts the image of each run first, once, and saves it', async () => {
    const older = ['redis:7', 'nginx:1', image];
    await store.update({ recentImages: older });
    await run(image);
    expect(store.settings.recentImages).toEqual([image, 'redis:7', 'nginx:1']);
    const reloaded = await new SettingsStore(dir).load();
    expect(reloaded.settings.recentImages).toEqual([image, 'redis:7', 'nginx:1']);
  });

  it(`keeps the ${MAX_RECENT_IMAGES} most recent`, async () => {
    const full = Array.from({ length: MAX_RECENT_IMAGES }, (_, index) => `app${index}:1`);
    await store.update({ recentImages: full });
    await run(image);
    expect(store.settings.recentImages).toEqual([image, ...full.slice(0, MAX_RECENT_IMAGES - 1)]);
  });

  it('leaves the list alone when a run fails, and a run by image id does not fail for it', async () => {
    await store.update({ recentImages: ['redis:7'] });
    await expect(run('berth-no-such-image-anywhere:404')).rejects.toThrow();
    expect(store.settings.recentImages).toEqual(['redis:7']);
    const { Id } = await docker.getImage(image).inspect();
    await run(Id);
    expect(store.settings.recentImages).toEqual(['redis:7']);
  });
});
