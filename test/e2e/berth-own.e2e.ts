// Berth's own helper containers and image in Chromium against a real engine: absent from the pages'
// lists by default (a switch shows them), and never shown as a user of a volume.
import { describe, expect, it } from 'vitest';
import { withHelperContainer } from '../../src-main/engine/helper-container';
import { ensureHelperImage, HELPER_IMAGE } from '../../src-main/engine/helper-image';
import { testEngine, testLabels, uniqueName } from '../support/engine';
import { ContainersPage } from './pages/containers-page';
import { ImagesPage } from './pages/images-page';
import { VolumesPage } from './pages/volumes-page';
import { useBerthApp } from './support/berth-app';

const app = useBerthApp();
const { docker, image } = testEngine();
const labels = testLabels();

describe("Berth's own objects in the pages", () => {
  it('leaves helper containers out of Containers and the helper image out of Images', async () => {
    await ensureHelperImage(docker);
    const helper = uniqueName('berth-helper-volume-files');
    await docker.createContainer({
      name: helper,
      Image: image,
      Cmd: ['true'],
      Labels: { ...labels, 'berth.helper': 'container', 'berth.helper.job': 'volume-files' },
    });
    const mine = uniqueName('mine');
    await docker.createContainer({ name: mine, Image: image, Cmd: ['true'], Labels: labels });

    const containers = new ContainersPage(app.page);
    await containers.open();
    await containers.row(mine).waitFor();
    expect(await containers.rowNames()).not.toContain(helper);

    const images = new ImagesPage(app.page);
    await images.open();
    await images.row(image).waitFor();
    expect(await images.rowRefs()).not.toContain(HELPER_IMAGE);

    // The switch shows them, counted, and hides them again.
    await containers.open();
    const own = containers.root.getByTestId('show-own');
    expect(await own.textContent()).toMatch(/Berth's own \(\d+\)/);
    await own.locator('.n-switch').click();
    await containers.row(helper).waitFor();
    await own.locator('.n-switch').click();
    await containers.row(helper).waitFor({ state: 'detached' });
    await images.open();
    await images.root.getByTestId('show-own').locator('.n-switch').click();
    await expect.poll(() => images.rowRefs()).toContain(HELPER_IMAGE);
    await images.root.getByTestId('show-own').locator('.n-switch').click();
    await expect.poll(() => images.rowRefs()).not.toContain(HELPER_IMAGE);
    expect(app.pageErrors).toEqual([]);
  });

  it("names only the user's containers as users of a volume a helper is working on", async () => {
    const volume = uniqueName('own-vol');
    await app.api.client.call('volumes.create', { name: volume, labels });
    const user = uniqueName('user');
    await docker.createContainer({
      name: user,
      Image: image,
      Cmd: ['true'],
      Labels: labels,
      HostConfig: { Binds: [`${volume}:/v`] },
    });
    const mounts = [{ volume, target: '/volume', readOnly: true }];
    await withHelperContainer(docker, { job: 'volume-files', mounts }, async () => {
      const page = new VolumesPage(app.page);
      await page.open();
      await page.search(volume);
      const detail = await page.openDetail(volume);
      await expect.poll(() => detail.usedBy()).toEqual([user]);
    });
  });
});
