// A compose project's logs page in Chromium against a real engine and compose CLI: both services' lines with
// their prefixes, one service turned off and on again, a search across services, the link back to the stack page,
// a container a scale up starts joining with a chip and colour of its own.
// Screenshots of the merged log with a search, and after the scale up, in both themes.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOGS_SERVICES, writeLogsProject } from '../support/compose-project';
import { testEngine, uniqueName } from '../support/engine';
import { makeOwnedTempDir } from '../support/temp-dirs';
import { StackLogsPage } from './pages/stack-logs-page';
import { useBerthApp } from './support/berth-app';
import { screenshotThemes } from './support/screenshots';

const scratch = makeOwnedTempDir('berth-e2e-stack-logs-');
const app = useBerthApp({ compose: true });
const project = uniqueName('logs').replace(/-/g, '_');

beforeAll(async () => {
  const file = writeLogsProject(join(scratch, 'app'), testEngine().image);
  await app.appClient.call('stacks.up', { files: [file], projectName: project });
}, 600_000);

// Registered after useBerthApp's, so it runs first: the backend is still there to take the project down.
afterAll(async () => {
  await app.appClient.call('stacks.down', { name: project, volumes: true }).catch(() => undefined);
  rmSync(scratch, { recursive: true, force: true });
});

describe('Stack logs', () => {
  it('shows both services prefixed, hides one and shows it again, and searches across them', async () => {
    const page = new StackLogsPage(app.page);
    await page.open(project);
    expect(await page.sources()).toEqual([...LOGS_SERVICES]);
    await expect
      .poll(async () => new Set((await page.rows()).map((r) => r.source)), { timeout: 30_000 })
      .toEqual(new Set(LOGS_SERVICES));
    const rows = await page.rows();
    expect(rows.every((r) => r.text.startsWith(`${r.source} `))).toBe(true);

    await page.toggle('beta');
    await expect.poll(async () => (await page.rows()).filter((r) => r.source === 'beta').length).toBe(0);
    expect((await page.rows()).some((r) => r.source === 'alpha')).toBe(true);
    expect(await page.root.locator('[data-source="beta"]').getAttribute('aria-pressed')).toBe('false');

    // The search covers the services shown: one match while beta is off, both once it is back.
    await page.search('line 7');
    await expect.poll(() => page.matchLabel()).toBe('1 of 1');
    await page.toggle('beta');
    await expect.poll(() => page.matchLabel()).toMatch(/^[12] of 2$/);
    const current = page.viewer.locator('.log-row').filter({ has: app.page.locator('.log-current') });
    await expect.poll(async () => (await current.textContent()) ?? '').toMatch(/^(alpha|beta)\s+\|\s*\1 line 7$/);

    await screenshotThemes(app.page, 'stack-logs');
    expect(await page.root.getByTestId('stack-link').getAttribute('href')).toBe(`#/stacks/${project}`);
    expect(app.pageErrors).toEqual([]);
  });

  it('takes in the container a scale up starts: its chip, its colour and its lines, the first alpha numbered too', async () => {
    const page = new StackLogsPage(app.page);
    await page.search('');
    // The search moved the view to its match: back to the end, following.
    await page.root.getByTestId('jump-to-end').click();
    await page.viewer.click();
    await app.appClient.call('stacks.scale', { name: project, service: 'alpha', replicas: 2 });
    await expect.poll(() => page.sources(), { timeout: 30_000 }).toEqual(['alpha-1', 'beta', 'alpha-2']);
    expect(await page.tone('alpha-2')).toBe('var(--log-source-2)');
    // Its history comes in as it writes it (a line every 20 ms): wait for a screenful's share of it.
    const joined = async () => (await page.rows()).filter((r) => r.source === 'alpha-2');
    await expect.poll(async () => (await joined()).length, { timeout: 30_000 }).toBeGreaterThanOrEqual(8);
    expect((await joined()).every((r) => r.text.startsWith('alpha '))).toBe(true);
    await screenshotThemes(app.page, 'stack-logs-scaled');
    expect(app.pageErrors).toEqual([]);
  });
});
