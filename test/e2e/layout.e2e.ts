// Every page at 900 and 1280 px wide, light and dark, with realistic content: nothing in a page's header row spills
// out of it or out of the window, and a screenshot of each goes to test-results/layout/ to be looked at.
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { testEngine, testLabels, uniqueName } from '../support/engine';
import { freePort } from '../support/ports';
import { useBerthApp } from './support/berth-app';

const app = useBerthApp();
const { image } = testEngine();
const labels = testLabels();
const OUT = resolve(import.meta.dirname, '../../test-results/layout');

/** What overflows a header row: its children reaching past it or past the window, or cut text inside it. */
function headerOverflow(): string[] {
  const problems: string[] = [];
  const width = document.documentElement.clientWidth;
  for (const header of document.querySelectorAll<HTMLElement>('.page-header, .detail-header, .log-toolbar')) {
    if (header.offsetParent === null) continue;
    const box = header.getBoundingClientRect();
    for (const child of header.querySelectorAll<HTMLElement>('*')) {
      if (child.offsetParent === null) continue;
      const r = child.getBoundingClientRect();
      if (r.width === 0) continue;
      if (r.right > Math.min(box.right, width) + 1)
        problems.push(
          `${child.className || child.tagName} ends at ${Math.round(r.right)} px, past ${Math.round(box.right)}`,
        );
    }
  }
  return problems;
}

describe('Layout', () => {
  it('keeps every page header whole at 900 and 1280 px, in both themes', async () => {
    const web = uniqueName('storefront-web');
    const port = await freePort();
    const { id } = await app.api.client.call('containers.run', {
      spec: {
        image,
        name: web,
        command: ['sh', '-c', 'for i in 1 2 3; do echo "request $i served"; done; sleep 300'],
        labels: { ...labels, 'com.docker.compose.project': 'storefront', 'com.docker.compose.service': 'web' },
        ports: [`127.0.0.1:${port}:80`, `127.0.0.1:${port + 1}:443`],
      },
    });
    const volume = uniqueName('storefront-data');
    await app.api.client.call('volumes.create', { name: volume, labels });
    const network = uniqueName('storefront-net');
    const { id: networkId } = await app.api.client.call('networks.create', { name: network, labels });

    const pages: Array<[string, string]> = [
      ['containers', '/containers'],
      ['container-logs', `/containers/${id}/logs`],
      ['container-inspect', `/containers/${id}/inspect`],
      ['container-stats', `/containers/${id}/stats`],
      ['container-files', `/containers/${id}/files`],
      ['container-processes', `/containers/${id}/processes`],
      ['images', '/images'],
      ['volumes', '/volumes'],
      ['volume-detail', `/volumes/${encodeURIComponent(volume)}`],
      ['networks', '/networks'],
      ['network-detail', `/networks/${networkId}`],
      ['system', '/system'],
      ['settings', '/settings'],
      ['troubleshoot', '/troubleshoot'],
    ];
    mkdirSync(OUT, { recursive: true });
    const problems: string[] = [];
    for (const width of [900, 1280]) {
      await app.page.setViewportSize({ width, height: 800 });
      for (const [name, path] of pages) {
        await app.page.evaluate((hash) => (location.hash = hash), `#${path}`);
        await app.page.locator('.page-header h1, .detail-header h1').first().waitFor();
        await app.page.waitForLoadState('networkidle').catch(() => undefined);
        await app.page
          .locator('[data-test="loading"]')
          .first()
          .waitFor({ state: 'detached', timeout: 10_000 })
          .catch(() => undefined);
        for (const scheme of ['light', 'dark'] as const) {
          await app.page.emulateMedia({ colorScheme: scheme });
          await app.page.mouse.move(0, 0);
          await app.page.screenshot({ path: join(OUT, `${name}-${width}-${scheme}.png`), animations: 'disabled' });
        }
        problems.push(...(await app.page.evaluate(headerOverflow)).map((p) => `${name} at ${width} px: ${p}`));
      }
    }
    await app.page.emulateMedia({ colorScheme: 'light' });
    await app.page.setViewportSize({ width: 1280, height: 800 });
    expect(problems).toEqual([]);
    expect(app.pageErrors).toEqual([]);
  });
});
