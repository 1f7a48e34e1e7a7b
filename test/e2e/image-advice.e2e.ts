// An image's Advice tab in Chromium: the Dockerfile it was built from opened by a typed path, findings grouped by
// severity with their lines quoted and the RUN layer's size; the path kept for the image, bad paths explained.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatBytes } from '../../src-main/core/bytes';
import { writeAdviceContext } from '../support/advice-context';
import { testEngine, testLabels, uniqueName } from '../support/engine';
import { makeOwnedTempDir } from '../support/temp-dirs';
import { ImageAdvicePage } from './pages/image-advice-page';
import { useBerthApp } from './support/berth-app';
import { screenshotThemes } from './support/screenshots';

const app = useBerthApp();
const { image } = testEngine();
const scratch = makeOwnedTempDir('berth-advice-e2e-');

describe("an image's Advice tab", () => {
  it('shows the findings of the Dockerfile the image was built from, with lines and layer sizes', async () => {
    const context = join(scratch, 'context');
    const dockerfile = writeAdviceContext(context, image);
    const tag = `berth-test/${uniqueName('advice')}:1`;
    await app.api.client.call('images.build', { context, tags: [tag], labels: testLabels() });
    const history = await app.api.client.call('images.history', { id: tag });
    const runLayer = history.find((h) => h.createdBy.includes('apt-get update'))!;

    const page = new ImageAdvicePage(app.page);
    await page.open(tag);
    await page.page.getByText('Open a Dockerfile').waitFor();

    await page.openDockerfile('relative/Dockerfile');
    await page.page.getByText('The path must be an absolute path').waitFor();
    expect(await page.page.getByTestId('open').isDisabled()).toBe(true);

    await page.openDockerfile(join(scratch, 'missing', 'Dockerfile'));
    await page.advice.getByTestId('advice-error').waitFor();
    expect(await page.advice.getByTestId('advice-error').textContent()).toContain('There is no Dockerfile at');

    await page.openDockerfile(dockerfile);
    const cache = page.finding('package-cache-kept');
    await cache.waitFor();
    expect(await cache.getByTestId('advice-lines').textContent()).toContain('line 3');
    const quote = await cache.getByTestId('advice-quote').innerText();
    expect(quote).toMatch(/^3\s+RUN apt-get update && apt-get install -y --no-install-recommends gcc$/);
    expect(runLayer.size).toBeGreaterThanOrEqual(4 * 1024 * 1024);
    expect(await cache.getByTestId('advice-layer-size').textContent()).toBe(
      `This layer is ${formatBytes(runLayer.size)}`,
    );

    const high = page.advice.getByTestId('advice-high');
    expect(await high.locator('[data-rule="secret-in-build-arg-or-env"]').count()).toBe(1);
    expect(
      await page.advice.getByTestId('advice-medium').locator('[data-rule="build-tools-in-final-stage"]').count(),
    ).toBe(1);
    expect(await page.advice.getByTestId('advice-image-match').textContent()).toContain(
      "2 of 2 RUN, COPY or ADD instructions found in this image's layers",
    );
    await screenshotThemes(app.page, 'image-advice');
    await cache.scrollIntoViewIfNeeded();
    await screenshotThemes(app.page, 'image-advice-layer-sizes');

    // The path stays with the image: back to Images and into the image again, the advice is there.
    await page.open(tag);
    expect(await page.pathInput.inputValue()).toBe(dockerfile);
    await cache.waitFor();
    expect(app.pageErrors.filter((e) => !e.includes('There is no Dockerfile'))).toEqual([]);
  });
});
