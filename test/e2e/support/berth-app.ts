// One Berth per e2e test file: the API on the test engine served with the built renderer over the
// WebSocket transport, and a headless Chromium page (1280×800) opened on the printed URL.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, selectors, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, inject } from 'vitest';
import { createBackend, type Backend } from '../../../src-main/api/backend';
import { createClient, type BerthClient } from '../../../src-main/contract/client';
import { parseEngineAddress } from '../../../src-main/engine/endpoint';
import type { MachineControl } from '../../../src-main/machine/machine-control';
import { SettingsStore } from '../../../src-main/settings/settings-store';
import { serveStatic } from '../../../src-main/transport/static-files';
import { startWebServer, type WebServer } from '../../../src-main/transport/websocket';
import { startTestApi, type TestApi } from '../../support/api';
import { testHostCli } from '../../support/compose-project';
import { cleanupTestObjects, testEngine } from '../../support/engine';
import { makeOwnedTempDir } from '../../support/temp-dirs';
import { CHROMIUM_ARGS, navigate } from './chromium';
import type {} from './provided';

export interface BerthApp {
  page: Page;
  url: string;
  /** A second API client for arranging and checking engine state outside the UI. */
  api: TestApi;
  /** Reloads the page (again, if Chromium gave up because the host's network changed meanwhile). */
  reload(): Promise<void>;
  /** Errors the page logged or threw: a test can assert there were none. */
  pageErrors: string[];
  /** A client of the very backend the page uses (its settings, its machine), beside the page. */
  appClient: BerthClient;
  /** The backend the page uses itself (its sessions, for leak checks). */
  backend: Backend;
  /** This Berth's data folder (settings.json) and the docker CLI config folder it writes its context to. */
  dataDir: string;
  dockerConfigDir: string;
}

export interface BerthAppOptions {
  /** The engine Berth uses (read in beforeAll); the shared test engine by default. */
  dockerHost?: () => string;
  /** Run compose with the engine root's docker CLI (compose 2.26) rather than whatever docker the PATH has. */
  compose?: boolean;
  /** The machine the app shows (read in beforeAll); by default the engine is one Berth only uses. */
  machine?: () => MachineControl;
}

export function useBerthApp(options: BerthAppOptions = {}): BerthApp {
  let backend: Backend | undefined;
  let web: WebServer | undefined;
  let browser: Browser | undefined;
  let context: BrowserContext | undefined;
  let api: TestApi | undefined;
  let page: Page | undefined;
  const pageErrors: string[] = [];
  const dataDir = makeOwnedTempDir('berth-e2e-data-');
  const dockerConfigDir = makeOwnedTempDir('berth-e2e-docker-config-');

  beforeAll(async () => {
    selectors.setTestIdAttribute('data-test');
    const settings = new SettingsStore(dataDir);
    await settings.load();
    backend = createBackend(parseEngineAddress(options.dockerHost?.() ?? testEngine().dockerHost), {
      settings,
      dockerConfigDir,
      ...(options.machine ? { machine: options.machine() } : {}),
      ...(options.compose ? { hostCli: await testHostCli(join(dataDir, 'compose-cli-config')) } : {}),
    });
    backend.start();
    web = await startWebServer({ backend, renderer: serveStatic(inject('rendererDir')) });
    api = startTestApi();
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
    context = await browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme: 'light' });
    page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => message.type() === 'error' && pageErrors.push(message.text()));
    page.on(
      'response',
      (response) => response.status() >= 400 && pageErrors.push(`${response.status()} ${response.url()}`),
    );
    await navigate(page!, () => page!.goto(web!.url));
    await page
      .locator('[data-test="engine-badge"][data-state="connected"]')
      .waitFor()
      .catch(async (error: Error) => {
        await page?.screenshot({ path: '/tmp/berth-e2e-failure.png' });
        throw new Error(
          `Berth did not show a connected engine: ${error.message}\npage errors: ${pageErrors.join('\n')}`,
        );
      });
  });

  afterAll(async () => {
    await context?.close().catch(() => undefined);
    await browser?.close().catch(() => undefined);
    await web?.close();
    await backend?.stop();
    await api?.close();
    await cleanupTestObjects(testEngine().docker);
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(dockerConfigDir, { recursive: true, force: true });
  });

  const need = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`${what} starts in beforeAll; use it inside tests`);
    return value;
  };
  return {
    get page() {
      return need(page, 'page');
    },
    get backend() {
      return need(backend, 'backend');
    },
    get appClient() {
      const served = need(backend, 'backend');
      return createClient({
        invoke: async (method, args) =>
          JSON.parse(JSON.stringify(await served.dispatch(method, args, { client: 'e2e-test' }))),
        subscribe: (event, listener) => served.subscribe((name, payload) => name === event && listener(payload)),
      });
    },
    dataDir,
    dockerConfigDir,
    get url() {
      return need(web, 'server').url;
    },
    get api() {
      return need(api, 'api');
    },
    pageErrors,
    async reload() {
      const current = need(page, 'page');
      await navigate(current, () => current.reload());
    },
  };
}
