// How tests start Debian's Chromium: headless, no sandbox (root), and no background traffic to the internet.
import type { Page, Request } from 'playwright-core';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** Navigations Chromium abandons when the host's network changes under it (an engine adding a bridge or a veth). */
const NETWORK_CHANGED = /ERR_NETWORK_CHANGED/;

/**
 * Runs a navigation (`page.goto`, `page.reload`) and waits for the page's files; reloads when Chromium gave the
 * navigation or any file it loads (a route's chunk) up because the host's network changed meanwhile, as happens
 * while containers come and go (each adds a veth, and its addresses arrive a moment later). Any other failure is the
 * test's.
 */
export async function navigate(page: Page, go: () => Promise<unknown>, attempts = 3): Promise<void> {
  let navigation = go;
  for (let attempt = 1; ; attempt++) {
    let abandoned = false;
    const onFailed = (request: Request) => {
      if (NETWORK_CHANGED.test(request.failure()?.errorText ?? '')) abandoned = true;
    };
    page.on('requestfailed', onFailed);
    try {
      await navigation();
      await page.waitForLoadState('networkidle');
    } catch (error) {
      if (attempt >= attempts || !NETWORK_CHANGED.test(String(error))) throw error;
      abandoned = true;
    } finally {
      page.off('requestfailed', onFailed);
    }
    if (!abandoned) return;
    if (attempt >= attempts) {
      throw new Error(`Chromium gave up loading the page ${attempts} times because the host's network changed`);
    }
    navigation = () => page.reload();
  }
}
