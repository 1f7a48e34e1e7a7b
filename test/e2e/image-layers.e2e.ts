// The layer explorer in Chromium against the real engine: an image opened from the Images page by a double-click,
// its Layers tab with the efficiency, the wasted file, the layers and a folder of a layer's tree expanded.
import type { Locator } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { uniqueName } from '../support/engine';
import { ImagesPage } from './pages/images-page';
import { useBerthApp } from './support/berth-app';
import { useImageBuilds } from './support/image-builds';
import { screenshotThemes } from './support/screenshots';

const app = useBerthApp();

/** Opens the folder named `name` in the file tree by its expander. */
async function expand(tree: Locator, name: string): Promise<void> {
  const entry = tree.page().getByTestId('tree-entry').filter({ hasText: name });
  const node = tree.locator('.n-tree-node').filter({ has: entry });
  await node.locator('.n-tree-node-switcher').click();
  await node.locator('.n-tree-node-switcher--expanded').waitFor();
}
const { build } = useImageBuilds(app);

describe('Layer explorer', () => {
  it('shows the efficiency, the deleted 1 MiB file as wasted, and a layer’s folders', async () => {
    const tag = `${uniqueName('layered')}:1`;
    await build(
      tag,
      [
        'RUN mkdir -p /opt && dd if=/dev/urandom of=/opt/big.bin bs=1024 count=1024 2>/dev/null',
        'RUN rm /opt/big.bin',
        'RUN mkdir -p /srv/www && echo hello > /srv/www/index.html && echo body > /srv/www/app.css',
      ].join('\n'),
    );
    const images = new ImagesPage(app.page);
    await images.open();
    await images.search(tag.replace(/:1$/, ''));
    await images.row(tag).dblclick();
    const page = app.page;
    await page.getByTestId('tab-layers').click();

    const waste = page.getByTestId('layer-waste');
    await waste.waitFor({ timeout: 60_000 });
    expect(await waste.getByTestId('efficiency').textContent()).toMatch(/^\d+(\.\d)? %$/);
    expect(await waste.getByTestId('wasted-bytes').textContent()).toMatch(/1(\.0)? MB/);
    const wasted = waste.getByTestId('wasted-file').first();
    expect(await wasted.textContent()).toMatch(/\/opt\/big\.bin.*removed/);

    const rows = page.getByTestId('layer-row');
    expect(await rows.count()).toBe(5);
    expect(await rows.nth(2).textContent()).toMatch(/RUN mkdir -p \/opt && dd/);
    expect(await rows.nth(2).getByTestId('layer-wasted').textContent()).toMatch(/1(\.0)? MB/);

    await rows.nth(4).click();
    const tree = page.getByTestId('layer-tree');
    await tree.getByText('Files as layer 3 leaves them').waitFor();
    await tree.getByTestId('only-changes').click();
    const srv = tree.getByTestId('tree-entry').filter({ hasText: 'srv/' });
    await srv.waitFor();
    expect(await tree.getByTestId('tree-entry').count()).toBe(1);
    await expand(tree, 'srv/');
    await expand(tree, 'www/');
    const index = tree.getByTestId('tree-entry').filter({ hasText: 'index.html' });
    await index.waitFor();
    expect(await index.getAttribute('data-change')).toBe('added');
    await screenshotThemes(page, 'image-layers');

    await rows.nth(3).click();
    await tree.getByText('Files as layer 2 leaves them').waitFor();
    await expand(tree, 'opt/');
    const removed = tree.getByTestId('tree-entry').filter({ hasText: 'big.bin' });
    await removed.waitFor();
    expect(await removed.getAttribute('data-change')).toBe('removed');
    expect(await tree.locator('.badge.removed').first().textContent()).toBe('removed');
  });
});
