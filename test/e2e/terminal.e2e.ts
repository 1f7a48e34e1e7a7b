// The Terminal page in Chromium against a real engine: the host shell runs the docker CLI against Berth's engine,
// tabs keep their shells while others are used, a closed tab ends its shell. Screenshots of the page.
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeOwnedTempDir } from '../support/temp-dirs';
import { testEngine } from '../support/engine';
import { TerminalPage } from './pages/terminal-page';
import { useBerthApp } from './support/berth-app';
import { screenshotThemes } from './support/screenshots';

const app = useBerthApp();
const { docker } = testEngine();
const dir = makeOwnedTempDir('berth-e2e-terminal-');
afterAll(() => rm(dir, { recursive: true, force: true }));

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('Terminal page', () => {
  it('runs docker against the engine Berth uses, in tabs that keep their shells', async () => {
    const page = new TerminalPage(app.page);
    await page.open();
    await page.status().and(page.page.locator('[data-status="running"]')).waitFor();
    const { Version } = await docker.version();
    await page.type("docker version --format 'engine {{.Server.Version}}'\n");
    await page.waitForLine(`engine ${Version}`);
    await page.type('echo first-tab-$((6*7))\n');
    await page.waitForLine('first-tab-42');

    await page.newTab();
    expect(await page.tabTitles()).toEqual(['Shell 1', 'Shell 2']);
    await page.status().and(page.page.locator('[data-status="running"]')).waitFor();
    const pidFile = join(dir, 'shell-2.pid');
    await page.type(`echo second-tab; echo $$ > ${pidFile}\n`);
    await page.waitForLine('second-tab');
    expect((await page.lines()).some((line) => line === 'first-tab-42')).toBe(false);
    await screenshotThemes(app.page, 'terminal');

    // The first shell is still there, with what it printed.
    await page.selectTab('Shell 1');
    await page.waitForLine('first-tab-42');

    // Closing a tab ends its shell.
    const pid = Number((await readFile(pidFile, 'utf8')).trim());
    expect(alive(pid)).toBe(true);
    await page.closeTab('Shell 2');
    expect(await page.tabTitles()).toEqual(['Shell 1']);
    await expect.poll(() => alive(pid), { timeout: 10_000 }).toBe(false);

    await page.type('exit 3\n');
    await page.status().filter({ hasText: 'The shell exited with code 3' }).waitFor();
  });
});
