// Security promises of the built main under the stand-in: a private data folder and settings file, navigation that
// never leaves Berth's page, no window opened and only vetted links handed to the browser.
import { chmodSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StandInMain } from '../support/electron-stand-in/driver';
import type { NavigationEvent } from '../support/electron-stand-in/protocol';
import { callAsPage, OWN_PAGE_URL, startBuiltMain } from '../support/electron-stand-in/started-main';
import { testEngine } from '../support/engine';
import { makeOwnedTempDir } from '../support/temp-dirs';

const root = makeOwnedTempDir('berth-electron-security-');
/** A data folder that exists already and is readable by everyone, as a user's own BERTH_HOME might be. */
const BERTH_HOME = join(root, 'data');
let main: StandInMain;

beforeAll(async () => {
  mkdirSync(BERTH_HOME, { mode: 0o755 });
  chmodSync(BERTH_HOME, 0o755);
  ({ main } = await startBuiltMain({ DOCKER_HOST: testEngine().dockerHost, BERTH_HOME }));
});

afterAll(async () => {
  await main?.stop();
});

const mode = (path: string) => statSync(path).mode & 0o777;

describe("the built main's files", () => {
  it('keeps its data folder to the user alone (0700, looser modes taken away) and settings.json 0600', async () => {
    expect(mode(BERTH_HOME)).toBe(0o700);
    expect(await callAsPage(main, 'settings.update', { patch: { general: { theme: 'dark' } } })).toMatchObject({
      ok: true,
    });
    expect(mode(join(BERTH_HOME, 'settings.json'))).toBe(0o600);
  });
});

describe("the built main's navigation policy", () => {
  const events: NavigationEvent[] = ['will-navigate', 'will-redirect', 'will-frame-navigate'];
  it.each(events)('lets %s stay on its own page', async (event) => {
    expect(await main.navigation(event, `${OWN_PAGE_URL}#/images`)).toBe(false);
  });

  it.each(
    events.flatMap((event) =>
      ['https://evil.example/', 'file:///etc/passwd', 'http://127.0.0.1:9/', 'devtools://devtools/'].map(
        (url) => [event, url] as const,
      ),
    ),
  )('stops %s to %s', async (event, url) => {
    expect(await main.navigation(event, url)).toBe(true);
  });

  it('opens no window, and hands the browser only published ports and docs links', async () => {
    const asked = [
      'http://127.0.0.1:8080/',
      'https://docs.docker.com/compose/',
      'https://evil.example/',
      'file:///etc/passwd',
      'javascript:alert(1)',
    ];
    for (const url of asked) expect(await main.windowOpen(url)).toBe('deny');
    const opened = (await main.calls()).filter((call) => call.api === 'shell' && call.method === 'openExternal');
    expect(opened.map((call) => call.args[0])).toEqual(['http://127.0.0.1:8080/', 'https://docs.docker.com/compose/']);
    expect((await main.status()).windows).toHaveLength(1);
  });
});
