// Every page at 900 and 1280 px wide, light and dark, with realistic content: nothing in a page's header row spills
// out of it or out of the window, and a screenshot of each goes to test-results/layout/ to be looked at.
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngine, testLabels, uniqueName } from '../support/engine';
import { freePort } from '../support/ports';
import { startRegistry, type TestRegistry } from '../support/registry';
import { useBerthApp } from './support/berth-app';

const app = useBerthApp();
const { docker, image } = testEngine();
const labels = testLabels();
const OUT = resolve(import.meta.dirname, '../../test-results/layout');
/** A registry with one repository, for the registry browser page. */
let registry: TestRegistry;

beforeAll(async () => {
  registry = await startRegistry();
});

afterAll(async () => {
  await registry?.stop();
});

/**
 * What a person would see cut: a header row's parts reaching past it or past the window, parts of it clipped by a
 * box that hides its overflow (text that ends in an ellipsis on purpose aside), or table columns cut off.
 */
function layoutProblems(): string[] {
  const problems: string[] = [];
  const width = document.documentElement.clientWidth;
  const visible = (el: HTMLElement) => el.offsetParent !== null && el.getBoundingClientRect().width > 0;
  const describe = (el: HTMLElement) => `${el.tagName.toLowerCase()}.${[...el.classList].join('.')}`;
  for (const header of document.querySelectorAll<HTMLElement>('.page-header, .detail-header, .facts, .log-toolbar')) {
    if (!visible(header)) continue;
    const box = header.getBoundingClientRect();
    for (const el of [header, ...header.querySelectorAll<HTMLElement>('*')]) {
      if (!visible(el)) continue;
      const r = el.getBoundingClientRect();
      if (r.right > Math.min(box.right, width) + 1)
        problems.push(
          `${describe(el)} ends at ${Math.round(r.right)} px, past ${Math.round(Math.min(box.right, width))}`,
        );
      const style = getComputedStyle(el);
      const clips = style.overflowX === 'hidden' || style.overflowX === 'clip';
      if (clips && style.textOverflow !== 'ellipsis' && el.scrollWidth > el.clientWidth + 1)
        problems.push(`${describe(el)} cuts ${el.scrollWidth - el.clientWidth} px of what it holds`);
    }
  }
  const past = [...document.querySelectorAll<HTMLElement>('.page *')].filter(
    (el) => visible(el) && el.getBoundingClientRect().right > width + 1,
  );
  if (past.length) problems.push(`${past.length} elements reach past the window, e.g. ${describe(past[0]!)}`);
  for (const head of document.querySelectorAll<HTMLElement>('.vt-head')) {
    if (visible(head) && head.scrollWidth > head.clientWidth + 1)
      problems.push(`a table's columns need ${head.scrollWidth} px of its ${head.clientWidth}`);
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

    const repo = `${registry.address}/storefront/web`;
    await docker.getImage(image).tag({ repo, tag: '1.0' });
    await app.api.client.call('images.push', { reference: `${repo}:1.0` });
    await docker.getImage(`${repo}:1.0`).remove();

    const pages: Array<[string, string]> = [
      ['containers', '/containers'],
      ['container-logs', `/containers/${id}/logs`],
      ['container-inspect', `/containers/${id}/inspect`],
      ['container-stats', `/containers/${id}/stats`],
      ['container-files', `/containers/${id}/files`],
      ['container-processes', `/containers/${id}/processes`],
      ['stacks', '/stacks'],
      ['stack-detail', '/stacks/storefront'],
      ['images', '/images'],
      ['volumes', '/volumes'],
      ['volume-detail', `/volumes/${encodeURIComponent(volume)}`],
      ['networks', '/networks'],
      ['network-detail', `/networks/${networkId}`],
      ['system', '/system'],
      ['settings', '/settings'],
      ['settings-registries', '/settings/registries'],
      ['registry', `/registries/${encodeURIComponent(registry.address)}`],
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
        problems.push(...(await app.page.evaluate(layoutProblems)).map((p) => `${name} at ${width} px: ${p}`));
      }
    }
    await app.page.emulateMedia({ colorScheme: 'light' });
    await app.page.setViewportSize({ width: 1280, height: 800 });
    expect(problems).toEqual([]);
    expect(app.pageErrors).toEqual([]);
  });
});
