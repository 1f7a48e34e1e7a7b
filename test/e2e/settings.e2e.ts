// Settings in Chromium against a real engine: resources validated as typed, saved to settings.json and shown again
// after a reload; daemon.json refused with the parse error (in the page and by the API); the theme as a setting;
// the docker CLI context written and used by the real docker CLI; updates off until given an https feed. Screenshots
// of two sections.
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { rejectionOf } from '../support/errors';
import { testEngine } from '../support/engine';
import { waitFor } from '../support/wait';
import { SettingsPage } from './pages/settings-page';
import { useBerthApp } from './support/berth-app';
import { screenshotThemes } from './support/screenshots';
import { testDockerCli } from '../support/engine-root';

const app = useBerthApp();
const { docker, dockerHost } = testEngine();

async function savedSettings(): Promise<{ machine: Record<string, unknown>; engine: { daemonJson: string } }> {
  return JSON.parse(await readFile(join(app.dataDir, 'settings.json'), 'utf8'));
}

describe('Settings', () => {
  it('checks resources as they are typed, saves them, and shows them again after a reload', async () => {
    const page = new SettingsPage(app.page);
    await page.open('resources');
    await page.setNumber('memoryMiB', 100);
    await expect.poll(() => page.feedbackFor('memoryMiB')).toBe('The VM needs at least 512 MiB');
    expect(await page.apply.isDisabled()).toBe(true);

    await page.setNumber('cpus', 1);
    await page.setNumber('memoryMiB', 1536);
    await page.setNumber('diskGiB', 72);
    await page.apply.and(app.page.locator(':enabled')).waitFor();
    // The old message fades out.
    await waitFor(async () => (await page.feedbackFor('memoryMiB')) === '', { message: 'the memory message to go' });
    await page.apply.click();
    await page.shell.toast('Resources saved').waitFor();
    expect((await savedSettings()).machine).toMatchObject({ cpus: 1, memoryMiB: 1536, diskGiB: 72 });
    await screenshotThemes(app.page, 'settings-resources');

    await app.reload();
    await page.open('resources');
    await expect.poll(() => page.numberValue('memoryMiB')).toBe('1536');
    expect(await page.numberValue('cpus')).toBe('1');
    expect(await page.numberValue('diskGiB')).toBe('72');
    // The disk can grow, not shrink.
    await page.setNumber('diskGiB', 64);
    await expect.poll(() => page.feedbackFor('diskGiB')).toMatch(/can grow but not shrink \(it is 72 GiB\)/);
    // Berth picks its engine as it starts: a new choice says so.
    expect(await page.feedbackFor('backend')).toBe('');
    await page.field('backend').click();
    await app.page
      .locator('.n-base-select-option')
      .filter({ hasText: /^Berth’s VM$/ })
      .click();
    await expect
      .poll(() => page.feedbackFor('backend'))
      .toBe('A different engine is used from the next time Berth starts');
    await page.section().getByTestId('settings-discard').click();
  });

  it('refuses a daemon.json that is not JSON, with the parse error, in the page and through the API', async () => {
    const page = new SettingsPage(app.page);
    await page.open('engine');
    const editor = page.field('daemonJson').locator('textarea');
    await editor.fill('{ "registry-mirrors": [ "https://mirror.example" ], }');
    const shown = page.section().getByTestId('daemon-json-error');
    await expect.poll(async () => (await shown.textContent()) ?? '').toMatch(/^Not valid JSON: .+/);
    expect(await page.apply.isDisabled()).toBe(true);

    const before = await readFile(join(app.dataDir, 'settings.json'), 'utf8').catch(() => 'none');
    const refused = await rejectionOf(
      app.appClient.call('settings.update', { patch: { engine: { daemonJson: '{ "debug": true, }' } } }),
    );
    expect(refused.code).toBe('invalid-argument');
    expect(refused.message).toMatch(/^engine\.daemonJson: not valid JSON: .+/);
    expect(await readFile(join(app.dataDir, 'settings.json'), 'utf8').catch(() => 'none')).toBe(before);

    await editor.fill('{\n  "log-level": "warn"\n}\n');
    await expect.poll(() => shown.count()).toBe(0);
    await page.apply.click();
    await page.shell.toast('daemon.json saved').waitFor();
    expect((await savedSettings()).engine.daemonJson).toBe('{\n  "log-level": "warn"\n}\n');
    await screenshotThemes(app.page, 'settings-engine');
  });

  it('writes the berth docker context, and makes it the default only when asked', async () => {
    const page = new SettingsPage(app.page);
    await page.open('docker-cli');
    await page.section().getByTestId('docker-context-write').click();
    await expect
      .poll(async () => (await page.section().getByTestId('docker-context-state').textContent())?.trim())
      .toBe(`berth → ${dockerHost}`);
    await expect
      .poll(() => readFile(join(app.dockerConfigDir, 'config.json'), 'utf8').catch(() => 'none'))
      .toBe('none');

    await page.section().getByTestId('docker-context-use').click();
    await expect
      .poll(async () => JSON.parse(await readFile(join(app.dockerConfigDir, 'config.json'), 'utf8')).currentContext)
      .toBe('berth');
    const { stdout } = await promisify(execFile)(
      await testDockerCli(),
      ['version', '--format', '{{.Server.Version}}'],
      {
        env: { PATH: process.env.PATH, HOME: process.env.HOME, DOCKER_CONFIG: app.dockerConfigDir },
      },
    );
    expect(stdout.trim()).toBe((await docker.version()).Version);
  });

  it('keeps the theme as a setting, changed from Settings or the sidebar', async () => {
    const page = new SettingsPage(app.page);
    await page.open('general');
    await page.field('theme').getByText('Dark').click();
    await expect.poll(() => app.page.evaluate(() => document.documentElement.classList.contains('dark'))).toBe(true);
    await expect
      .poll(async () => JSON.parse(await readFile(join(app.dataDir, 'settings.json'), 'utf8')).general.theme)
      .toBe('dark');
    await page.field('theme').getByText('System').click();
    await expect
      .poll(async () => JSON.parse(await readFile(join(app.dataDir, 'settings.json'), 'utf8')).general.theme)
      .toBe('system');
  });

  it('keeps updates off until turned on with an https feed, which is saved', async () => {
    const page = new SettingsPage(app.page);
    await page.open('updates');
    expect(await page.field('updates-enabled').getAttribute('aria-checked')).toBe('false');
    await page.field('updates-enabled').click();
    const feed = page.field('updates-feed').locator('input');
    await feed.fill('http://releases.example.test/berth');
    await expect.poll(() => page.feedbackFor('updates-feed')).toBe('Give an https:// address');
    expect(await page.apply.isDisabled()).toBe(true);
    await feed.fill('https://releases.example.test/berth');
    await expect.poll(() => page.feedbackFor('updates-feed')).toBe('');
    await page.apply.click();
    await page.shell.toast('Updates on').waitFor();
    expect(JSON.parse(await readFile(join(app.dataDir, 'settings.json'), 'utf8')).updates).toEqual({
      enabled: true,
      feedUrl: 'https://releases.example.test/berth',
    });
  });
});
