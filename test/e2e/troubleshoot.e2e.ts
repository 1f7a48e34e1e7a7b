// Troubleshoot in Chromium against a real engine Berth only uses: what it says about that engine, a diagnostics
// zip written where asked and read back, and the app's security in the page (no Node, no IPC, a strict CSP).
import { execFile } from 'node:child_process';
import { rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { testEngine } from '../support/engine';
import { makeOwnedTempDir } from '../support/temp-dirs';
import { TroubleshootPage } from './pages/troubleshoot-page';
import { useBerthApp } from './support/berth-app';
import { screenshotThemes } from './support/screenshots';

const app = useBerthApp();
const { docker } = testEngine();
const dir = makeOwnedTempDir('berth-e2e-troubleshoot-');
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('Troubleshoot', () => {
  it('says Berth does not run this engine, so it offers no restart, reset or logs', async () => {
    const page = new TroubleshootPage(app.page);
    await page.open();
    await page.root.getByText('Berth uses this engine but does not run it').waitFor();
    expect(await page.button('restart-engine').isDisabled()).toBe(true);
    expect(await page.button('factory-reset').isDisabled()).toBe(true);
    await page.root.getByTestId('no-logs').waitFor();
  });

  it('writes a diagnostics zip with the engine info and settings, where the user asked', async () => {
    const page = new TroubleshootPage(app.page);
    await page.open();
    const target = join(dir, 'diagnostics.zip');
    const report = await page.collectDiagnostics(target);
    expect(report).toContain(target);
    expect((await stat(target)).size).toBeGreaterThan(0);
    const { stdout } = await promisify(execFile)('unzip', ['-Z1', target]);
    expect(stdout.trim().split('\n').sort()).toEqual(
      [
        'engine/info.json',
        'engine/version.json',
        'machine.json',
        'settings.json',
        'summary.txt',
        'versions.json',
      ].sort(),
    );
    const info = JSON.parse((await promisify(execFile)('unzip', ['-p', target, 'engine/info.json'])).stdout);
    expect(info.ID).toBe((await docker.info()).ID);
    await screenshotThemes(app.page, 'troubleshoot');

    // A second time to the same file is refused, and the file is left alone.
    await page.root.getByTestId('diagnostics-collect').click();
    await page.shell.errorNotification(/exists/).waitFor();
  });

  it('gives the page no Node, no IPC and a strict content security policy', async () => {
    const scope = await app.page.evaluate(() => ({
      require: typeof (globalThis as { require?: unknown }).require,
      process: typeof (globalThis as { process?: unknown }).process,
      ipcRenderer: typeof (globalThis as { ipcRenderer?: unknown }).ipcRenderer,
      electron: typeof (globalThis as { electron?: unknown }).electron,
      csp: document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content') ?? '',
    }));
    expect(scope).toMatchObject({
      require: 'undefined',
      process: 'undefined',
      ipcRenderer: 'undefined',
      electron: 'undefined',
    });
    expect(scope.csp).toContain("default-src 'self'");
    expect(scope.csp).toContain("script-src 'self'");
    expect(scope.csp).toContain("object-src 'none'");
    expect(scope.csp).not.toMatch(/unsafe-eval/);
    expect(scope.csp.match(/script-src[^;]*/)?.[0]).not.toMatch(/unsafe-inline|\*|http/);
    // And the browser enforces it: an inline script does not run.
    const ran = await app.page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'window.__inlineRan = true';
      document.body.append(script);
      return (window as { __inlineRan?: boolean }).__inlineRan === true;
    });
    expect(ran).toBe(false);
  });
});
