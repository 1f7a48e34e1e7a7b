// Registries in Chromium against a real engine and a registry that requires a login: a wrong password refused with
// the registry's words, the right one kept, a push from the Images page with it, the registry browsed (repository,
// tag, digest), Docker Hub search offline, and a registry that cannot be read.
import { rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngine, uniqueName } from '../support/engine';
import { startRegistry, type TestRegistry } from '../support/registry';
import { makeOwnedTempDir } from '../support/temp-dirs';
import { makeTestCa } from '../support/test-ca';
import { ImagesPage } from './pages/images-page';
import { HubSearch, LoginDialog, RegistriesSettings, RegistryBrowser } from './pages/registries-page';
import { FormDialog } from './pages/volumes-page';
import { useBerthApp } from './support/berth-app';
import { useImageBuilds } from './support/image-builds';
import { screenshotThemes } from './support/screenshots';

const app = useBerthApp();
const { build } = useImageBuilds(app);
const { docker } = testEngine();
let registry: TestRegistry;
const repository = `berth/${uniqueName('pushed')}`;

beforeAll(async () => {
  registry = await startRegistry({ requireLogin: true });
});

afterAll(async () => {
  await registry?.stop();
});

describe('Registries: log in, push, browse, Docker Hub search', () => {
  it('refuses a wrong password with the registry’s message, then keeps the right login', async () => {
    const settings = new RegistriesSettings(app.page);
    await settings.open();
    await settings.row('docker.io').waitFor();
    expect(await settings.loginText('docker.io')).toBe('Not logged in');

    // A password typed and cancelled is gone when the dialog opens again; a bad server is told under its field.
    let login = await settings.add();
    await login.fillIn({ server: 'not a host!', username: 'berth', password: 'typed-then-cancelled' });
    await expect.poll(() => login.feedback('login-server').innerText()).toMatch(/must be a registry host/);
    expect(await login.submitButton.isDisabled()).toBe(true);
    await login.root.getByTestId('dialog-cancel').click();
    await login.waitClosed();
    login = await settings.add();
    await login.root.getByTestId('login-kind-private').click();
    expect(await login.field('login-password').inputValue()).toBe('');
    expect(await login.submitButton.isDisabled()).toBe(true);
    await login.fillIn({ server: registry.address, username: 'berth', password: 'wrong-password' });
    expect(await login.submitButton.isDisabled()).toBe(false);
    await login.submit();
    await login.refusal.waitFor();
    expect(await login.refusal.innerText()).toMatch(/unauthorized|incorrect|denied|authentication/i);
    // A refused login is not kept.
    expect(await settings.row(registry.address).count()).toBe(0);
    await screenshotThemes(app.page, 'registry-login-refused');

    await login.fill('login-password', 'berth-test');
    await login.refusal.waitFor({ state: 'detached' });
    await login.field('login-password').press('Enter');
    await login.waitClosed();
    await settings.shell.toast(`Logged in to ${registry.address} as berth`).waitFor();
    await settings.row(registry.address).waitFor();
    expect(await settings.loginText(registry.address)).toMatch(/^Logged in as berth · \S/);
    // Docker Hub comes first, the private registry after it.
    const servers = await settings.root
      .locator('li[data-registry]')
      .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-registry')));
    expect(servers[0]).toBe('docker.io');
    expect(servers).toContain(registry.address);
    await screenshotThemes(app.page, 'settings-registries');
  });

  it('trusts a CA certificate read from a file, says what an engine Berth does not run needs, and removes it', async () => {
    const dir = makeOwnedTempDir('berth-e2e-ca-');
    try {
      const ca = makeTestCa(dir);
      const settings = new RegistriesSettings(app.page);
      await settings.open();
      const row = settings.row(registry.address);
      await row.getByTestId('registry-trust').click();
      const trust = new FormDialog(app.page, 'registry-trust-dialog');
      await trust.root.waitFor();
      expect(await trust.submitButton.isDisabled()).toBe(true);
      await trust.fill('trust-certificate', 'not a certificate');
      await expect.poll(() => trust.feedback('trust-certificate').innerText()).toMatch(/^Paste a PEM certificate/);
      expect(await trust.submitButton.isDisabled()).toBe(true);
      await trust.root.getByTestId('trust-file').setInputFiles(ca.certificateFile);
      await expect.poll(() => trust.field('trust-certificate').inputValue()).toBe(ca.certificate);
      await trust.root.getByTestId('trust-insecure').click();
      await trust.submit();
      // The test engine is one Berth only uses: saved, and the dialog says what that engine's machine needs.
      const notice = trust.root.getByTestId('trust-engine-notice');
      await notice.waitFor();
      expect(await notice.innerText()).toMatch(/certs\.d|insecure-registries/);
      expect(await trust.submitButton.innerText()).toBe('Done');
      await trust.submit();
      await trust.waitClosed();
      await row.getByTestId('badge-ca').waitFor();
      await row.getByTestId('badge-insecure').waitFor();

      await row.getByTestId('registry-trust').click();
      await trust.root.waitFor();
      await trust.root.getByTestId('trust-remove-certificate').click();
      await trust.root.getByTestId('trust-insecure').click();
      // Nothing left to trust: nothing for the engine's machine either, so the dialog closes.
      await trust.submit();
      await trust.waitClosed();
      await row.getByTestId('badge-ca').waitFor({ state: 'detached' });
      expect(await row.getByTestId('badge-insecure').count()).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('pushes an image to the registry from the Images page with that login', async () => {
    const reference = `${registry.address}/${repository}:1`;
    await build(reference, `RUN echo ${repository} > /unique`);
    const page = new ImagesPage(app.page);
    await page.open();
    await page.search(repository);
    await page.action(reference, 'push');
    const push = page.push;
    await push.root.waitFor();
    await push.start.click();
    await push.done.waitFor();
    await push.close();
    // The registry has it: pulled back through the engine after the local copy is gone, with the same login.
    await app.appClient.call('images.remove', { id: reference });
    await app.appClient.call('images.pull', { reference });
    expect((await docker.getImage(reference).inspect()).RepoTags).toContain(reference);
  });

  it('browses the registry: the repository, its tags and digest; delete takes every tag on the manifest', async () => {
    // A second tag on the same manifest, which deleting "1" takes along.
    const latest = `${registry.address}/${repository}:latest`;
    await docker
      .getImage(`${registry.address}/${repository}:1`)
      .tag({ repo: `${registry.address}/${repository}`, tag: 'latest' });
    await app.appClient.call('images.push', { reference: latest });
    const settings = new RegistriesSettings(app.page);
    await settings.open();
    const browser = await settings.browse(registry.address);
    await browser.repository(repository).waitFor();
    const drawer = await browser.openTags(repository);
    await browser.tag('1').waitFor();
    await browser.tag('latest').waitFor();
    expect(await drawer.getByTestId('tags-summary').innerText()).toContain(
      `2 tags in ${registry.address}/${repository}`,
    );
    expect(await browser.tag('latest').locator('.short-id').innerText()).toBe(
      await browser.tag('1').locator('.short-id').innerText(),
    );
    expect(await browser.tag('1').locator('.short-id').innerText()).toMatch(/^[0-9a-f]{12}$/);
    await screenshotThemes(app.page, 'registry-browse');

    // Pull from the drawer opens the pull with the tag's reference.
    await browser.tag('1').getByTestId('tag-pull').click();
    const pull = new ImagesPage(app.page).pull;
    await pull.root.waitFor();
    expect(await pull.reference.inputValue()).toBe(`${registry.address}/${repository}:1`);
    await pull.start.click();
    await pull.done.waitFor();
    await pull.close();

    // Delete lists every tag on the manifest and, once confirmed, the registry lists neither.
    await browser.tag('1').getByTestId('tag-delete').click();
    const confirm = browser.page.locator('.n-dialog');
    await confirm.waitFor();
    expect(await confirm.innerText()).toContain('Delete 2 tags?');
    expect(await confirm.getByTestId('confirm-items').locator('li').allTextContents()).toEqual([
      `${repository}:1`,
      `${repository}:latest`,
    ]);
    await confirm.getByTestId('confirm').click();
    await browser.tag('1').waitFor({ state: 'detached' });
    await browser.tag('latest').waitFor({ state: 'detached' });
    expect(await drawer.getByTestId('tags-summary').innerText()).toContain('0 tags');
    await app.page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'hidden' });
  });

  it('logs out, and offers the login again when a push is refused for the lack of it', async () => {
    const settings = new RegistriesSettings(app.page);
    await settings.open();
    await settings.row(registry.address).getByTestId('registry-logout').click();
    const confirm = settings.shell.dialog;
    await confirm.waitFor();
    expect(await confirm.innerText()).toContain(`Log out of ${registry.address}?`);
    expect(await confirm.innerText()).toMatch(/The login is (removed from|forgotten from)/);
    await settings.shell.confirm();
    await settings.shell.toast(`Logged out of ${registry.address}`).waitFor();
    // Listed as not logged in, or not listed at all (it has no login or trust settings left).
    const row = settings.row(registry.address);
    await expect
      .poll(async () => (await row.count()) === 0 || (await row.innerText()).includes('Not logged in'))
      .toBe(true);

    const reference = `${registry.address}/${repository}:2`;
    await build(reference, `RUN echo ${repository}-2 > /unique`);
    const page = new ImagesPage(app.page);
    await page.open();
    await page.search(repository);
    await page.action(reference, 'push');
    const push = page.push;
    await push.root.waitFor();
    await push.start.click();
    await push.error.waitFor();
    await push.root.getByTestId('transfer-login').click();
    const login = new LoginDialog(app.page);
    await login.root.waitFor();
    // The server is the refused registry's, fixed; the password starts empty.
    expect(await login.field('login-server').inputValue()).toBe(registry.address);
    expect(await login.field('login-server').getAttribute('readonly')).not.toBeNull();
    expect(await login.field('login-password').inputValue()).toBe('');
    await login.fillIn({ username: 'berth', password: 'berth-test' });
    await login.submit();
    await login.waitClosed();
    // The push is tried again with the new login, and goes through.
    await push.done.waitFor();
    await push.close();
  });

  it('says Docker Hub cannot be reached when searching it offline', async () => {
    const page = new ImagesPage(app.page);
    await page.open();
    await page.root.getByTestId('hub-search').click();
    const search = new HubSearch(app.page);
    await search.root.waitFor();
    await search.search('nginx');
    await search.offline.waitFor();
    expect(await search.offline.innerText()).toContain('Docker Hub cannot be reached');
    expect(await search.root.getByTestId('hub-results').count()).toBe(0);
    await screenshotThemes(app.page, 'images-hub-search-offline');
    await app.page.keyboard.press('Escape');
    await search.root.waitFor({ state: 'detached' });
    expect(app.pageErrors).toEqual([]);
  });

  it('says once why a registry cannot be read, with a retry', async () => {
    // A port nothing listens on: taken from the system, then let go.
    const closed = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const { port } = server.address() as AddressInfo;
        server.close(() => resolve(port));
      });
    });
    const server = `127.0.0.1:${closed}`;
    // Straight from the registry browsed above: the page is kept and must start over on the new server.
    await app.page.evaluate((target) => (location.hash = `#/registries/${encodeURIComponent(target)}`), server);
    const browser = new RegistryBrowser(app.page);
    const failure = browser.root.getByTestId('registry-failure');
    await failure.waitFor();
    expect(await failure.getAttribute('data-failure')).toBe('unreachable');
    expect(await failure.getByTestId('registry-failure-message').innerText()).not.toBe('');
    expect(await failure.innerText()).toContain(`Check that ${server} is running`);
    expect(await failure.count()).toBe(1);
    expect(await browser.root.locator('[data-repository]').count()).toBe(0);
    await failure.getByTestId('registry-retry').click();
    await expect.poll(() => failure.count()).toBe(1);
    expect(await failure.getAttribute('data-failure')).toBe('unreachable');
    expect(app.pageErrors).toEqual([]);
  });
});
