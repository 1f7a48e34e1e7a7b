// The Build cache page in Chromium against a real engine, with cache made by a real buildx build: the records with
// the steps that made them (the cache mount marked as one), one selected and pruned behind a confirm naming it, and
// gone from the page and the engine; the budget saved as a setting and shown against the total.
import { beforeAll, describe, expect, it } from 'vitest';
import { cachedBuild, type CachedBuild } from '../support/cached-build';
import { testEngine, testLabels, uniqueName } from '../support/engine';
import { makeOwnedTempDir } from '../support/temp-dirs';
import { BuildCachePage } from './pages/build-cache-page';
import { useBerthApp } from './support/berth-app';
import { screenshotThemes } from './support/screenshots';

const app = useBerthApp();
const { dockerHost, image } = testEngine();
const marker = uniqueName('e2ecache').replace(/-/g, '');
let build: CachedBuild;

async function mountRecordId(): Promise<string> {
  const { records } = await app.api.client.call('buildCache.list', {});
  const mount = records.find((r) => r.kind === 'cache-mount' && r.step === build.cacheMountRun);
  if (!mount) throw new Error('the build left no cache mount record');
  return mount.id;
}

beforeAll(async () => {
  build = await cachedBuild(makeOwnedTempDir('berth-e2e-build-cache-'), dockerHost, image, marker, testLabels());
}, 180_000);

describe('Build cache page', () => {
  it('lists the records with their steps, the cache mount marked as one', async () => {
    const page = new BuildCachePage(app.page);
    await page.open();
    await page.search(marker);
    await expect.poll(() => page.steps()).toEqual(expect.arrayContaining([build.firstRun, build.cacheMountRun]));
    const mount = page.row(await mountRecordId());
    expect(await mount.locator('[data-kind]').getAttribute('data-kind')).toBe('cache-mount');
    expect(await mount.locator('[data-kind]').textContent()).toMatch(/Cache mount\s+\/c/);
    expect(await mount.textContent()).toMatch(/307\.2 kB/);
    await page.search('');
    await screenshotThemes(app.page, 'build-cache');
  });

  it('prunes one selected record behind a confirm naming it; it is gone from the page and the engine', async () => {
    const page = new BuildCachePage(app.page);
    await page.open();
    const id = await mountRecordId();
    await page.row(id).waitFor();
    await page.select(id);
    await page.root.getByTestId('bulk-prune').click();
    await expect.poll(() => page.shell.dialog.textContent()).toContain(build.cacheMountRun);
    expect(await page.shell.dialog.textContent()).toMatch(/Remove 1 build cache record \(307\.2 kB\)/);
    await screenshotThemes(app.page, 'build-cache-prune');
    await page.shell.confirm();
    await page.shell.toast(/Removed 1 build cache record, reclaimed 307\.2 kB/).waitFor();
    await page.row(id).waitFor({ state: 'detached' });
    const { records } = await app.api.client.call('buildCache.list', {});
    expect(records.map((r) => r.id)).not.toContain(id);
    expect(records.some((r) => r.step === build.firstRun)).toBe(true);
  });

  it('saves a budget as a setting and shows the total against it', async () => {
    const page = new BuildCachePage(app.page);
    await page.open();
    await page.root.getByTestId('budget-input').locator('input').fill('2');
    await page.root.getByTestId('budget-save').click();
    await page.shell.toast('Build cache budget set to 2 GB').waitFor();
    await expect.poll(() => page.root.getByTestId('build-cache-total').textContent()).toMatch(/of a 2 GB budget/);
    expect((await app.appClient.call('settings.get', {})).buildCache.budgetGB).toBe(2);
    expect(app.pageErrors).toEqual([]);
  });
});
