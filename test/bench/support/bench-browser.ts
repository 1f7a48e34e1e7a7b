// Berth in Chromium for a benchmark: the built renderer and the API over WebSocket on a private engine.
import { chromium, selectors, type Browser, type Page } from 'playwright-core';
import { createBackend, type Backend } from '../../../src-main/api/backend';
import type { ServiceOptions } from '../../../src-main/api/services';
import { parseEngineAddress } from '../../../src-main/engine/endpoint';
import { serveStatic } from '../../../src-main/transport/static-files';
import { startWebServer, type WebServer } from '../../../src-main/transport/websocket';
import { buildRenderer } from '../../e2e/support/build-renderer';
import { CHROMIUM_ARGS } from '../../e2e/support/chromium';

export interface BenchBrowser {
  page: Page;
  close(): Promise<void>;
}

export async function openBerth(dockerHost: string, options: ServiceOptions = {}): Promise<BenchBrowser> {
  const renderer = await buildRenderer();
  const backend: Backend = createBackend(parseEngineAddress(dockerHost), options);
  backend.start();
  const web: WebServer = await startWebServer({ backend, renderer: serveStatic(renderer.dir) });
  selectors.setTestIdAttribute('data-test');
  const browser: Browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(web.url);
  await page.locator('[data-test="engine-badge"][data-state="connected"]').waitFor();
  return {
    page,
    async close() {
      await browser.close();
      await web.close();
      await backend.stop();
      renderer.remove();
    },
  };
}
