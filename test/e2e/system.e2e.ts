// The System page in Chromium against a real engine: engine facts, disk usage by category, the live events
// feed with pause, and a label-filtered prune whose preview lists exactly what it then removes.
import { describe, expect, it } from 'vitest';
import { ensureHelperImage } from '../../src-main/engine/helper-image';
import { testEngine, testLabels, uniqueName, waitFor } from '../support/engine';
import { SystemPage } from './pages/system-page';
import { useBerthApp } from './support/berth-app';
import { screenshotThemes } from './support/screenshots';

const app = useBerthApp({ compose: true });
const { docker, image } = testEngine();
const labels = testLabels();

const containerExists = (name: string) =>
  docker
    .getContainer(name)
    .inspect()
    .then(() => true)
    .catch(() => false);

describe('System page', () => {
  it("shows the engine version and disk usage by category, Berth's own apart", async () => {
    await ensureHelperImage(docker);
    const page = new SystemPage(app.page);
    await page.open();
    const { Version, ApiVersion } = await docker.version();
    await expect.poll(() => page.fact('Version').textContent()).toBe(Version);
    expect(await page.fact('API version').textContent()).toBe(ApiVersion);
    expect(await page.fact('CPUs').textContent()).toMatch(/^\d+$/);
    await expect.poll(() => page.usageCategories()).toEqual(['images', 'containers', 'volumes', 'buildCache']);
    expect(await page.root.getByTestId('disk-total').textContent()).toMatch(/in all, .* reclaimable/);
    expect(await page.fact("Berth's own").textContent()).toMatch(/^1 image/);
    expect(await page.root.getByTestId('disk-berth').textContent()).toMatch(
      /^Berth's own: 1 helper image(, \d+ helper containers?)? \(\d+(\.\d)? [kM]B\), not counted above$/,
    );
  });

  it('shows engine events live, newest on top, and holds them while paused', async () => {
    const page = new SystemPage(app.page);
    await page.open();
    const first = uniqueName('evt');
    await app.api.client.call('containers.run', { spec: { image, name: first, command: ['sleep', '300'], labels } });
    await page.event('start', first).waitFor();

    await page.togglePause();
    const second = uniqueName('evt');
    await app.api.client.call('containers.run', { spec: { image, name: second, command: ['sleep', '300'], labels } });
    await expect.poll(() => page.feed.getByTestId('events-held').textContent()).toMatch(/\d+ new/);
    expect(await page.event('start', second).count()).toBe(0);
    await page.togglePause();
    await page.event('start', second).waitFor();
    const objects = await page.feed
      .locator('.vt-row [data-object]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-object')));
    expect(objects.indexOf(second)).toBeLessThan(objects.indexOf(first));
  });

  it('previews a label-filtered prune and removes exactly the stopped labelled container', async () => {
    const marker = { ...labels, 'berth.e2e.prune': uniqueName('mark') };
    const stopped = uniqueName('stopped');
    const running = uniqueName('running');
    await app.api.client.call('containers.run', { spec: { image, name: stopped, command: ['true'], labels: marker } });
    await app.api.client.call('containers.run', {
      spec: { image, name: running, command: ['sleep', '300'], labels: marker },
    });
    await waitFor(async () => !(await docker.getContainer(stopped).inspect()).State.Running);

    const page = new SystemPage(app.page);
    await page.open();
    const prune = await page.openPrune();
    await prune.fill('prune-labels', '=oops');
    await expect.poll(() => prune.feedback('prune-labels').textContent()).toContain('needs a key');
    expect(await prune.submitButton.isDisabled()).toBe(true);
    await prune.filterLabels(`berth.e2e.prune=${marker['berth.e2e.prune']}`);
    await expect.poll(() => prune.allListed()).toEqual([stopped]);
    expect(await prune.listed('containers')).toEqual([stopped]);
    await expect.poll(() => prune.root.getByTestId('prune-space').textContent()).toMatch(/^Frees about /);
    await screenshotThemes(app.page, 'system-prune-dialog');

    await prune.submit();
    await prune.result.waitFor({ timeout: 60_000 });
    expect(await prune.result.textContent()).toContain('Removed 1 container');
    expect(await prune.listed('containers')).toEqual([stopped]);
    expect(await containerExists(stopped)).toBe(false);
    expect(await containerExists(running)).toBe(true);
    await prune.submit();
    await prune.waitClosed();
  });

  it('looks right in light and dark', async () => {
    const page = new SystemPage(app.page);
    await page.open();
    await page.root.getByTestId('disk-usage').waitFor();
    await page.feed.locator('.vt-row').first().waitFor();
    // What the engine can do, and why not: compose and buildx from the engine root's CLI, no swarm.
    const capability = (key: string) =>
      page.root.locator(`[data-test="engine-capabilities"] [data-capability="${key}"]`);
    await capability('compose').waitFor();
    expect(await capability('compose').getAttribute('data-available')).toBe('true');
    expect(await capability('compose').textContent()).toMatch(/Compose\s*v2\./);
    expect(await capability('buildkit').textContent()).toContain('the default builder');
    expect(await capability('swarm').getAttribute('data-available')).toBe('false');
    expect(await capability('swarm').textContent()).toContain('docker swarm init');
    await screenshotThemes(app.page, 'system');
    expect(app.pageErrors).toEqual([]);
  });
});
