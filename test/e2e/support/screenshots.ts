// Screenshots of a page in light and dark at 1280×800, saved under docs/screenshots/ for the README.
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';

export const SCREENSHOT_DIR = resolve(import.meta.dirname, '../../../docs/screenshots');

/** Saves `<name>-light.png` and `<name>-dark.png`; leaves the page in light mode. */
export async function screenshotThemes(page: Page, name: string): Promise<string[]> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const files: string[] = [];
  // Toasts from earlier steps would cover the page; they dismiss themselves within seconds.
  await page
    .locator('.n-message')
    .first()
    .waitFor({ state: 'detached', timeout: 10_000 })
    .catch(() => undefined);
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.waitForFunction(
      (dark) => document.documentElement.classList.contains('dark') === dark,
      scheme === 'dark',
    );
    await page.mouse.move(0, 0);
    const file = join(SCREENSHOT_DIR, `${name}-${scheme}.png`);
    await page.screenshot({ path: file, animations: 'disabled' });
    files.push(file);
  }
  await page.emulateMedia({ colorScheme: 'light' });
  return files;
}
