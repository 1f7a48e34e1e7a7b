// The image page's Contents tab in Chromium against a real engine: the packages of an image built in the test, the
// note that matching needs an OSV database, importing the fixture database by its path, and the vulnerabilities.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAuditImage, writeOsvFolder } from '../support/audit-fixtures';
import { testEngine, testLabels, uniqueName } from '../support/engine';
import { makeOwnedTempDir } from '../support/temp-dirs';
import { ImagesPage } from './pages/images-page';
import { useBerthApp } from './support/berth-app';
import { screenshotThemes } from './support/screenshots';

const app = useBerthApp();
const { docker, image } = testEngine();
const repository = `berth-e2e/${uniqueName('audited')}`;
const tag = `${repository}:1`;
const work = makeOwnedTempDir('berth-e2e-osv-');

beforeAll(async () => {
  await buildAuditImage(docker, { tag, base: image, labels: testLabels() });
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('Image page: Contents (SBOM and vulnerabilities)', () => {
  it('lists the packages, says what matching needs, then shows the vulnerabilities of the imported database', async () => {
    const images = new ImagesPage(app.page);
    await images.open();
    await images.search(repository);
    await images.row(tag).dblclick();
    await app.page.getByTestId('tab-contents').click();
    const tab = app.page.getByTestId('contents-tab');

    const names = tab.getByTestId('package-name');
    await expect
      .poll(() => names.allTextContents())
      .toEqual(['base-files', 'curl', 'libssl3', 'lodash', 'minimist', 'zlib1g']);
    await tab.getByTestId('osv-missing').waitFor();
    expect(await tab.getByTestId('view-vulnerabilities').locator('input').isDisabled()).toBe(true);

    const curlLayer = tab.getByTestId('package-layer').nth(1);
    expect(await curlLayer.getAttribute('title')).toMatch(/^COPY .* in \/var\/lib\/dpkg\/status$/);
    await tab.getByTestId('contents-search').locator('input').fill('lod');
    await expect.poll(() => names.allTextContents()).toEqual(['lodash']);
    await tab.getByTestId('contents-search').locator('input').fill('');
    await expect.poll(() => names.count()).toBe(6);
    await screenshotThemes(app.page, 'image-contents');

    await tab.getByTestId('osv-choose').click();
    const dialog = app.page.getByTestId('osv-dialog');
    await dialog.waitFor();
    await dialog.getByTestId('osv-path').locator('input').fill('relative/path');
    await expect.poll(() => dialog.textContent()).toMatch(/must be an absolute path/);
    await dialog
      .getByTestId('osv-path')
      .locator('input')
      .fill(writeOsvFolder(join(work, 'osv')));
    await dialog.getByRole('button', { name: 'Import' }).click();
    await dialog.waitFor({ state: 'detached' });

    const ids = tab.getByTestId('finding-id');
    await expect
      .poll(() => ids.allTextContents())
      .toEqual(['GHSA-xvch-5gv4-984h', 'DSA-5417-1', 'GHSA-p6mc-m468-83gw', 'DEBIAN-CVE-2023-38545']);
    expect(await tab.getByTestId('finding-severity').allTextContents()).toEqual([
      expect.stringMatching(/Critical 9\.8/),
      expect.stringMatching(/High/),
      expect.stringMatching(/High 7\.4/),
      expect.stringMatching(/Unrated/),
    ]);
    expect(
      (await tab.getByTestId('finding-versions').allTextContents()).map((t) => t.replace(/\s+/g, ' ').trim()),
    ).toEqual(['1.2.5 → 1.2.6', '3.0.8-1 → 3.0.9-1', '4.17.15 → 4.17.19', '7.88.1-10 → no fix yet']);
    expect(await tab.getByTestId('osv-status').textContent()).toMatch(
      /4 known vulnerabilities · OSV database of 6 advisories/,
    );
    await screenshotThemes(app.page, 'image-vulnerabilities');
    expect(app.pageErrors).toEqual([]);
  });
});
