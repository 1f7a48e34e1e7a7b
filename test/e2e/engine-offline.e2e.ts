// Every page with the engine gone, in Chromium: its dockerd is killed under the app. Each page says so, keeps the
// last known state marked as such (or shows nothing), disables what needs the engine with the reason, and all of it
// comes back by itself when dockerd is started again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator } from 'playwright-core';
import { dockerodeFor } from '../support/docker-client';
import { startPrivateDockerd, type PrivateDockerd } from '../support/dockerd';
import { uniqueName, testLabels } from '../support/engine';
import { buildTestImage, TEST_IMAGE_TAG } from '../support/test-image';
import { waitFor } from '../support/wait';
import { ContainersPage } from './pages/containers-page';
import type { PageName } from './pages/shell';
import { useBerthApp } from './support/berth-app';
import { screenshotThemes } from './support/screenshots';

let dockerd: PrivateDockerd | undefined;
beforeAll(async () => {
  dockerd = await startPrivateDockerd({ name: 'offline', networking: 'none' });
  await buildTestImage(dockerodeFor(dockerd.dockerHost), TEST_IMAGE_TAG);
}, 180_000);
afterAll(async () => dockerd?.stop());

const app = useBerthApp({ dockerHost: () => dockerd!.dockerHost });
const labels = testLabels();
const docker = () => dockerodeFor(dockerd!.dockerHost);

/** The main action of each list page, which needs the engine. */
const MAIN_ACTION: Partial<Record<PageName, string>> = {
  containers: 'run',
  images: 'pull',
  volumes: 'create',
  networks: 'create',
  system: 'prune',
};

async function expectDisabledWithReason(button: Locator): Promise<void> {
  await expect.poll(() => button.isDisabled()).toBe(true);
  const reason = await button.locator('xpath=..').getAttribute('data-disabled-reason');
  expect(reason).toMatch(/engine/i);
}

describe('With the engine down', () => {
  const name = uniqueName('kept');

  it('marks every page as disconnected, keeps the last known list and disables what needs the engine', async () => {
    const page = new ContainersPage(app.page);
    const created = await docker().createContainer({
      Image: TEST_IMAGE_TAG,
      name,
      Cmd: ['sleep', '300'],
      Labels: labels,
    });
    await created.start();
    await page.open();
    await page.waitForState(name, 'running');
    await page.openDetail(name);
    await app.page.getByTestId('stop').waitFor();

    await dockerd!.kill('SIGKILL');
    await waitFor(async () => (await page.shell.engineState()) !== 'connected', {
      timeoutMs: 30_000,
      message: 'engine badge',
    });

    // The container's page: the notice, and its lifecycle buttons off.
    await app.page.getByTestId('offline-notice').waitFor();
    expect(await app.page.getByTestId('offline-notice').textContent()).toMatch(/this container as it last was/);
    await expectDisabledWithReason(app.page.getByTestId('stop'));
    await expectDisabledWithReason(app.page.getByTestId('delete'));

    for (const [pageName, action] of Object.entries(MAIN_ACTION) as Array<[PageName, string]>) {
      await page.shell.goto(pageName);
      const root = app.page.getByTestId(`${pageName}-page`);
      await root.getByTestId('offline-notice').waitFor();
      await expectDisabledWithReason(root.getByTestId(action).first());
    }

    // The list seen before is still there, said to be the last known one; nothing claims there are no containers.
    await page.open();
    await page.row(name).waitFor();
    expect(await page.root.getByTestId('offline-notice').textContent()).toMatch(/last known list, from/);
    expect(await page.root.getByText('No containers yet').count()).toBe(0);
    await page.row(name).hover();
    expect(await page.row(name).getByTestId('action-stop').count()).toBe(0);
    await screenshotThemes(app.page, 'engine-offline');

    // A fresh window knows no list: it shows none rather than an empty one.
    await app.reload();
    await page.root.getByTestId('offline-empty').waitFor();
    expect(await page.root.getByText('No containers yet').count()).toBe(0);
  });

  it('comes back by itself when the engine does', async () => {
    const page = new ContainersPage(app.page);
    await dockerd!.restart();
    await waitFor(async () => (await page.shell.engineState()) === 'connected', {
      timeoutMs: 30_000,
      message: 'engine badge',
    });
    await page.root.getByTestId('offline-notice').waitFor({ state: 'detached' });
    await page.row(name).waitFor();
    expect(await page.root.getByTestId('run').isDisabled()).toBe(false);
    const later = uniqueName('after');
    await docker().createContainer({ Image: TEST_IMAGE_TAG, name: later, Cmd: ['true'], Labels: labels });
    await page.row(later).waitFor();
    await docker().getContainer(later).remove({ force: true });
    await docker().getContainer(name).remove({ force: true });
  });
});
