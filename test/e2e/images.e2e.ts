// The Images page in Chromium against a real engine and local registries: pull and push with layer progress, a push
// a login-only registry refuses, tag, history, delete with confirmation and force, prune with an exact preview.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngine, testLabels, uniqueName, waitFor } from '../support/engine';
import { httpGet } from '../support/http';
import { startRegistry, type TestRegistry } from '../support/registry';
import { ImagesPage } from './pages/images-page';
import { useBerthApp } from './support/berth-app';
import { useImageBuilds } from './support/image-builds';
import { screenshotThemes } from './support/screenshots';

const app = useBerthApp();
const { build, imageExists } = useImageBuilds(app);
const { docker, image } = testEngine();
const labels = testLabels();
let registry: TestRegistry;
/** A registry that requires a login, which the engine (sent no credentials) is refused by. */
let loginRegistry: TestRegistry;

beforeAll(async () => {
  [registry, loginRegistry] = await Promise.all([startRegistry(), startRegistry({ requireLogin: true })]);
});

afterAll(async () => {
  await Promise.all([registry?.stop(), loginRegistry?.stop()]);
});

describe('Images page: registry, tags, history, delete, prune', () => {
  it('pulls from the local registry with layer progress, here and in the activity list', async () => {
    const ref = `${registry.address}/berth/${uniqueName('pulled')}:1`;
    await build(ref, `RUN echo ${ref} > /unique`);
    await app.api.client.call('images.push', { reference: ref });
    await app.api.client.call('images.remove', { id: ref });
    expect(await imageExists(ref)).toBe(false);

    const page = new ImagesPage(app.page);
    await page.open();
    await page.root.getByTestId('pull').click();
    const pull = page.pull;
    await pull.root.waitFor();
    await pull.reference.fill('Not A Reference');
    await expect.poll(() => pull.fieldError.textContent()).toMatch(/must be lowercase/);
    expect(await pull.start.isDisabled()).toBe(true);
    await pull.reference.fill(ref);
    await pull.fieldError.waitFor({ state: 'detached' });
    await pull.start.click();
    await pull.done.waitFor();
    expect(await pull.layers.count()).toBeGreaterThan(0);
    expect(await pull.root.getByTestId('layer-bar').first().isVisible()).toBe(true);
    expect(await pull.root.getByTestId('overall-bar').isVisible()).toBe(true);
    expect(await pull.layers.allTextContents()).toEqual(
      expect.arrayContaining([expect.stringMatching(/Pull complete|Already exists/)]),
    );
    await page.shell.toast(`Pulled ${ref}`).waitFor();
    await screenshotThemes(app.page, 'images-pull-dialog');
    await pull.close();

    expect(await imageExists(ref)).toBe(true);
    await page.search(ref.replace(/:1$/, ''));
    await page.row(ref).waitFor();
    await page.root.getByTestId('activities').click();
    const activity = app.page.locator('.activity').filter({ hasText: `Pulling ${ref}` });
    await activity.waitFor();
    expect(await activity.getAttribute('data-state')).toBe('done');
    await app.page.keyboard.press('Escape');
    await page.root.getByTestId('activities').click();
    await activity.waitFor({ state: 'hidden' });
  });

  it('tags an image and pushes the tag with progress', async () => {
    const repo = `berth/${uniqueName('tagged')}`;
    const ref = `${registry.address}/${repo}:2`;
    const page = new ImagesPage(app.page);
    await page.open();
    await page.search(image.replace(/:latest$/, ''));
    await page.row(image).waitFor();
    await page.menu(image, 'Tag');
    const tag = page.tagDialog;
    await tag.waitFor();
    const input = tag.getByTestId('field-reference').locator('input');
    await input.fill('Upper:Case');
    await expect.poll(() => tag.locator('.n-form-item-feedback').textContent()).toMatch(/must be lowercase/);
    expect(await tag.getByTestId('dialog-submit').isDisabled()).toBe(true);
    await input.fill(ref);
    await input.press('Enter');
    await tag.waitFor({ state: 'detached' });
    await page.shell.toast(`Tagged ${image} as ${ref}`).waitFor();
    expect((await docker.getImage(ref).inspect()).Id).toBe((await docker.getImage(image).inspect()).Id);

    await page.search(repo);
    await page.row(ref).waitFor();
    await page.action(ref, 'push');
    const push = page.push;
    await push.root.waitFor();
    expect(await push.root.textContent()).toContain(ref);
    await push.start.click();
    await push.done.waitFor();
    expect(await push.layers.count()).toBeGreaterThan(0);
    expect(await push.layers.allTextContents()).toEqual(
      expect.arrayContaining([expect.stringMatching(/Pushed|Layer already exists|Mounted from/)]),
    );
    await push.close();
    const [host, portText] = registry.address.split(':');
    const tags = await httpGet({ host, port: Number(portText), path: `/v2/${repo}/tags/list` });
    expect(JSON.parse(tags.body)).toEqual({ name: repo, tags: ['2'] });

    // Deleting this tag only untags: the test image keeps its own tag.
    await page.action(ref, 'delete');
    const confirm = page.shell.dialog;
    await confirm.waitFor();
    expect(await confirm.textContent()).toContain(`Remove the tag ${ref}?`);
    expect(await confirm.textContent()).toContain(`still tagged ${image}`);
    await page.shell.confirm();
    await page.row(ref).waitFor({ state: 'detached' });
    expect(await imageExists(ref)).toBe(false);
    expect(await imageExists(image)).toBe(true);
  });

  it('ends every layer row of a push the registry refuses, and says how to log in', async () => {
    const repo = `berth/${uniqueName('refused')}`;
    const ref = `${loginRegistry.address}/${repo}:1`;
    await build(ref, `RUN echo ${repo} > /unique`);
    const page = new ImagesPage(app.page);
    await page.open();
    await page.search(repo);
    await page.action(ref, 'push');
    const push = page.push;
    await push.root.waitFor();
    await push.start.click();
    await push.error.waitFor();
    expect(await push.error.getByTestId('transfer-error-message').textContent()).toContain('no basic auth credentials');
    const rows = await push.layers.count();
    expect(rows).toBeGreaterThan(0);
    // No row is left "Preparing" or "Waiting": each ended as not pushed.
    expect(await push.root.locator('[data-test="layer"][data-ended="failed"]').count()).toBe(rows);
    expect(new Set(await push.root.getByTestId('layer-status').allTextContents())).toEqual(new Set(['Not pushed']));
    const advice = push.root.getByTestId('transfer-advice');
    expect(await advice.textContent()).toContain(`${loginRegistry.address} requires a login to push`);
    expect(await advice.locator('pre').textContent()).toBe(`docker login ${loginRegistry.address}\ndocker push ${ref}`);
    await screenshotThemes(app.page, 'images-push-refused');

    await push.root.getByTestId('open-terminal').click();
    await push.root.waitFor({ state: 'detached' });
    await app.page.getByTestId('terminal-page').waitFor();
  });

  it('shows the layers of an image with the instruction behind each', async () => {
    const tag = `${uniqueName('history')}:1`;
    await build(tag, 'RUN echo layered > /layer\nENV MODE=demo\nCMD ["cat", "/layer"]');
    const page = new ImagesPage(app.page);
    await page.open();
    await page.search(tag.replace(/:1$/, ''));
    await page.action(tag, 'history');
    const drawer = page.history;
    await drawer.getByTestId('instruction').first().waitFor();
    const instructions = await drawer.getByTestId('instruction').allTextContents();
    expect(instructions.filter((i) => !i.startsWith('LABEL ')).slice(0, 3)).toEqual([
      'CMD ["cat" "/layer"]',
      'ENV MODE=demo',
      'RUN echo layered > /layer',
    ]);
    expect(instructions.some((i) => i.includes('/bin/sh -c'))).toBe(false);
    expect(await drawer.getByTestId('history-summary').textContent()).toMatch(/^\d+ layers, .+ in all/);
    await screenshotThemes(app.page, 'images-history');
    await app.page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'hidden' });
  });

  it('names the containers that use an image up front, and does what it says force does', async () => {
    const used = `${uniqueName('inuse')}:1`;
    const usedId = await build(used, 'RUN echo used > /v');
    const stopped = uniqueName('user-stopped');
    const running = uniqueName('user-running');
    await docker.createContainer({ Image: used, name: stopped, Cmd: ['true'], Labels: labels });
    await (await docker.createContainer({ Image: used, name: running, Cmd: ['sleep', '300'], Labels: labels })).start();
    const page = new ImagesPage(app.page);
    await page.open();
    await page.search(used.replace(/:1$/, ''));
    await expect.poll(() => page.row(used).locator('[data-usage]').getAttribute('data-usage')).toBe('in-use');
    await page.action(used, 'delete');
    const ask = page.shell.dialog.filter({ hasText: 'Delete image in use?' });
    await ask.waitFor();
    expect(await ask.textContent()).toContain(`${used} is used by 2 containers, so a plain Delete is refused`);
    expect(await ask.getByTestId('confirm-items').locator('li').allTextContents()).toEqual([
      `${running} (running)`,
      stopped,
    ]);
    expect(await ask.textContent()).toContain(`While ${running} runs, the engine keeps the image, untagged`);
    expect(await ask.getByTestId('confirm').textContent()).toBe('Force delete');
    await screenshotThemes(app.page, 'images-delete-in-use');
    await page.shell.confirm();
    // As it said: the tag goes, the image stays (untagged) while a container runs it.
    await page.row(used).waitFor({ state: 'detached' });
    expect(await imageExists(used)).toBe(false);
    expect((await docker.getImage(usedId).inspect()).RepoTags).toEqual([]);

    // Untagged and run by a container: even force is refused, so nothing is asked of the engine.
    await page.search('');
    await page.filter('Dangling');
    await page.row(usedId).waitFor();
    await page.action(usedId, 'delete');
    const refusal = page.shell.dialog.filter({ hasText: 'Image in use' });
    await refusal.waitFor();
    expect(await refusal.textContent()).toContain(`${running} runs it`);
    await page.shell.confirm();
    expect(await imageExists(usedId)).toBe(true);

    // Only a stopped container left: force deletes the image, the container stays.
    await docker.getContainer(running).remove({ force: true });
    await page.action(usedId, 'delete');
    const onlyStopped = page.shell.dialog.filter({ hasText: 'Delete image in use?' });
    await onlyStopped.waitFor();
    expect(await onlyStopped.getByTestId('confirm-items').textContent()).toBe(stopped);
    expect(await onlyStopped.textContent()).toContain('The image goes too: its containers stay');
    await page.shell.confirm();
    await page.row(usedId).waitFor({ state: 'detached' });
    expect(await imageExists(usedId)).toBe(false);
    expect((await docker.getContainer(stopped).inspect()).Image).toBe(usedId);
    await page.filter('All');

    const a = `${uniqueName('bulk-a')}:1`;
    const b = `${uniqueName('bulk-b')}:1`;
    await build(a, 'RUN echo a > /v');
    await build(b, 'RUN echo b > /v');
    await page.search('bulk-');
    await page.select(a);
    await page.select(b);
    await page.root.getByTestId('bulk-delete').click();
    const text = await page.shell.dialog.textContent();
    expect(text).toContain('Delete 2 images?');
    expect(text).toContain(a);
    expect(text).toContain(b);
    await page.shell.cancel();
    expect(await imageExists(a)).toBe(true);
    await page.root.getByTestId('bulk-delete').click();
    await page.shell.confirm();
    await waitFor(async () => !(await imageExists(a)) && !(await imageExists(b)));
    await page.row(a).waitFor({ state: 'detached' });
    await page.row(b).waitFor({ state: 'detached' });
  });

  it('prunes after a preview that lists exactly the dangling image', async () => {
    const tag = `${uniqueName('rebuilt')}:1`;
    const first = await build(tag, 'RUN echo one > /v');
    await build(tag, 'RUN echo two > /v');
    const page = new ImagesPage(app.page);
    await page.open();
    await page.search('');
    await page.filter('Dangling');
    await page.row(first).waitFor();

    await page.root.getByTestId('prune').click();
    const prune = page.prune;
    await prune.getByTestId('prune-summary').waitFor();
    await expect
      .poll(() => prune.getByTestId('prune-item').evaluateAll((els) => els.map((e) => e.getAttribute('data-id'))))
      .toEqual([first]);
    expect(await prune.getByTestId('prune-summary').textContent()).toMatch(
      /^This image will be deleted, freeing about/,
    );
    expect(await imageExists(first)).toBe(true);
    await screenshotThemes(app.page, 'images-prune-dialog');
    await prune.getByTestId('prune-submit').click();
    await prune.waitFor({ state: 'detached' });
    await page.shell.toast(/Removed 1 image, freed/).waitFor();
    expect(await imageExists(first)).toBe(false);
    expect(await imageExists(tag)).toBe(true);
    await page.row(first).waitFor({ state: 'detached' });
    await page.filter('All');
  });

  it('looks right in light and dark', async () => {
    const page = new ImagesPage(app.page);
    await page.open();
    await page.search('');
    await page.filter('All');
    await expect.poll(async () => (await page.rowRefs()).length).toBeGreaterThan(3);
    await screenshotThemes(app.page, 'images');
    expect(app.pageErrors).toEqual([]);
  });
});
