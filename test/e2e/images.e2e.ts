// The Images page in Chromium against a real engine and a local registry: click to run with a published
// port that answers HTTP, bad run input that never reaches the engine, pull and push with layer progress,
// tag, history, delete with confirmation and force, prune with an exact preview, screenshots.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { testEngine, testLabels, uniqueName, waitFor } from '../support/engine';
import { httpGet } from '../support/http';
import { freePort } from '../support/ports';
import { startRegistry, type TestRegistry } from '../support/registry';
import { ContainersPage } from './pages/containers-page';
import { ImagesPage, RunDialogObject } from './pages/images-page';
import { useBerthApp } from './support/berth-app';
import { screenshotThemes } from './support/screenshots';

const app = useBerthApp();
const { docker, image } = testEngine();
const labels = testLabels();
let registry: TestRegistry;
let scratch: string;
/** Containers the Run dialog made: the UI sets no test label, so they are removed by name. */
const uiContainers: string[] = [];

beforeAll(async () => {
  registry = await startRegistry();
  scratch = await mkdtemp(join(tmpdir(), 'berth-images-e2e-'));
});

afterAll(async () => {
  for (const name of uiContainers) {
    await docker
      .getContainer(name)
      .remove({ force: true, v: true })
      .catch(() => undefined);
  }
  await registry?.stop();
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

// A failed test may leave a dialog open over the page; start the next one from a fresh page.
afterEach(async ({ task }) => {
  if (task.result?.state !== 'fail') return;
  await app.page.reload();
  await app.page.locator('[data-test="engine-badge"][data-state="connected"]').waitFor();
});

/** Builds a labelled image from `dockerfile` (FROM the test image) and returns its id. */
async function build(tag: string, dockerfile: string): Promise<string> {
  const context = await mkdtemp(join(scratch, 'ctx-'));
  await writeFile(join(context, 'Dockerfile'), `FROM ${image}\n${dockerfile}\n`);
  return (await app.api.client.call('images.build', { context, tags: [tag], labels })).id;
}

const containerCount = async () => (await docker.listContainers({ all: true })).length;
const imageExists = (ref: string) =>
  docker
    .getImage(ref)
    .inspect()
    .then(() => true)
    .catch(() => false);

/** A TCP listener on 127.0.0.1 holding a port, so the engine cannot publish on it. */
async function holdPort(port: number): Promise<Server> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  return server;
}

async function openRun(page: ImagesPage, ref: string): Promise<RunDialogObject> {
  await page.search(ref.replace(/:[^:/]*$/, ''));
  await page.row(ref).waitFor();
  await page.action(ref, 'run');
  const dialog = page.run;
  await dialog.root.waitFor();
  await dialog.root.getByTestId('loading-image').waitFor({ state: 'detached' });
  return dialog;
}

describe('Images page: click to run', () => {
  it('runs a container with a published port from the image list; it runs and answers HTTP', async () => {
    const webImage = `${uniqueName('web')}:1`;
    await build(webImage, 'EXPOSE 80\nVOLUME /data\nENV GREETING=hello');
    const page = new ImagesPage(app.page);
    await page.open();
    const dialog = await openRun(page, webImage);

    // Prefilled from the image: its exposed port on a random host port, its VOLUME, its environment.
    await expect.poll(() => dialog.portRows().count()).toBe(1);
    expect(await dialog.portRows().getByTestId('port-container').locator('input').inputValue()).toBe('80');
    expect(await dialog.portRows().getByTestId('port-host').locator('input').inputValue()).toBe('');
    expect(await dialog.volumeRows().getByTestId('volume-target').locator('input').inputValue()).toBe('/data');
    const envNames = await dialog
      .envRows()
      .getByTestId('env-name')
      .locator('input')
      .evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));
    expect(envNames).toEqual(expect.arrayContaining(['GREETING', 'PATH']));

    const name = uniqueName('httpd');
    uiContainers.push(name);
    const port = await freePort();
    await dialog.input('name').fill(name);
    await dialog.portRows().first().getByTestId('port-host').locator('input').fill(`127.0.0.1:${port}`);
    await dialog.input('command').fill('httpd -f -p 80 -h /');
    expect(await dialog.submit.isEnabled()).toBe(true);
    await screenshotThemes(app.page, 'images-run-dialog');

    await dialog.submit.click();
    await dialog.waitClosed();
    await page.shell.toast(`Started ${name}`).waitFor();
    const info = await docker.getContainer(name).inspect();
    await expect.poll(() => app.page.url()).toContain(`/containers/${info.Id}/logs`);
    expect(info.Config.Cmd).toEqual(['httpd', '-f', '-p', '80', '-h', '/']);
    expect(info.Config.Env).toContain('GREETING=hello');
    expect(info.HostConfig.PortBindings).toEqual({ '80/tcp': [{ HostIp: '127.0.0.1', HostPort: String(port) }] });
    expect(info.Mounts.find((m) => m.Destination === '/data')?.Type).toBe('volume');

    const containers = new ContainersPage(app.page);
    await containers.open();
    await containers.waitForState(name, 'running');
    await containers.portLink(name, port).waitFor();
    const response = await waitFor(() => httpGet({ port, path: '/etc/passwd' }), {
      message: `httpd on 127.0.0.1:${port} did not answer`,
    });
    expect(response.status).toBe(200);
    expect(response.body).toContain('root:x:0:0');
    expect(app.pageErrors).toEqual([]);
  });

  it("opens Run for the image the tray's Run recent image asks for, and puts what ran first in that list", async () => {
    const recent = `${uniqueName('recent')}:2`;
    await build(recent, 'CMD ["sleep", "300"]');
    const page = new ImagesPage(app.page);
    await page.open();
    // What the tray does: it asks the renderer to navigate (app.navigate), as a link would.
    await app.page.evaluate((ref) => (location.hash = `#/images?run=${encodeURIComponent(ref)}`), recent);
    const dialog = page.run;
    await dialog.root.waitFor();
    await dialog.root.getByTestId('loading-image').waitFor({ state: 'detached' });
    expect(await dialog.root.locator('.n-card-header').textContent()).toContain(`Run ${recent}`);
    // The query is spent: a reload does not open the dialog again.
    await expect.poll(() => app.page.url()).toMatch(/#\/images$/);

    const name = uniqueName('from-tray');
    uiContainers.push(name);
    await dialog.input('name').fill(name);
    await dialog.submit.click();
    await dialog.waitClosed();
    await page.shell.toast(`Started ${name}`).waitFor();
    expect((await docker.getContainer(name).inspect()).Config.Image).toBe(recent);
    const saved = JSON.parse(await readFile(join(app.dataDir, 'settings.json'), 'utf8')) as { recentImages: string[] };
    expect(saved.recentImages[0]).toBe(recent);
  });

  it('shows bad input under its field, keeps Run disabled, and leaves the engine untouched', async () => {
    const taken = uniqueName('taken');
    const busyPort = await freePort();
    await app.api.client.call('containers.run', {
      spec: { image, name: taken, command: ['httpd', '-f', '-p', '80'], ports: [`127.0.0.1:${busyPort}:80`], labels },
    });
    const page = new ImagesPage(app.page);
    await page.open();
    const before = await containerCount();
    const dialog = await openRun(page, image);

    const row = await dialog.addPort('70000', '80');
    await expect
      .poll(() => row.getByTestId('row-error').textContent())
      .toBe('host port "70000" must be a number from 1 to 65535');
    expect(await dialog.submit.isDisabled()).toBe(true);
    await row.getByTestId('port-host').locator('input').press('Enter');

    await row.getByTestId('port-host').locator('input').fill(String(busyPort));
    await expect
      .poll(() => row.getByTestId('row-error').textContent())
      .toBe(`port ${busyPort} is already used by ${taken}`);
    expect(await dialog.submit.isDisabled()).toBe(true);

    await row.getByTestId('port-host').locator('input').fill('');
    await row.getByTestId('row-error').waitFor({ state: 'detached' });
    await dialog.input('name').fill(taken);
    await expect.poll(() => dialog.fieldError('name').textContent()).toBe(`a container named ${taken} already exists`);
    expect(await dialog.submit.isDisabled()).toBe(true);
    await dialog.input('name').press('Enter');
    await dialog.input('name').fill('x');
    await expect.poll(() => dialog.fieldError('name').textContent()).toMatch(/must be 2\+ characters/);
    await dialog.input('memory').fill('lots');
    await expect
      .poll(() => dialog.fieldError('memory').textContent())
      .toMatch(/must be a number with an optional unit/);
    expect(await dialog.submit.isDisabled()).toBe(true);
    expect(await dialog.root.isVisible()).toBe(true);

    await app.page.keyboard.press('Escape');
    await dialog.waitClosed();
    expect(await containerCount()).toBe(before);

    // From the Containers page, the image is picked; a bad name never reaches the engine either.
    const containers = new ContainersPage(app.page);
    await containers.open();
    await containers.root.getByTestId('run').click();
    const picker = new RunDialogObject(app.page);
    await picker.root.waitFor();
    await picker.input('image').fill('Bad Image!');
    await expect.poll(() => picker.fieldError('image').textContent()).toBe('repository name must be lowercase');
    expect(await picker.submit.isDisabled()).toBe(true);
    await picker.input('image').press('Enter');
    await picker.input('image').fill(image);
    await picker.fieldError('image').waitFor({ state: 'detached' });
    expect(await picker.submit.isEnabled()).toBe(true);
    await picker.root.getByTestId('run-cancel').click();
    await picker.waitClosed();
    expect(await containerCount()).toBe(before);
  });

  it('shows what the engine refused in the dialog and leaves no half-made container', async () => {
    const port = await freePort();
    const holder = await holdPort(port);
    try {
      const page = new ImagesPage(app.page);
      await page.open();
      const before = await containerCount();
      const dialog = await openRun(page, image);
      const name = uniqueName('refused');
      uiContainers.push(name);
      await dialog.input('name').fill(name);
      await dialog.addPort(`127.0.0.1:${port}`, '80');
      await dialog.input('command').fill('sleep 300');
      await dialog.submit.click();
      await expect
        .poll(() => dialog.engineError.textContent())
        .toMatch(/address already in use|port is already allocated/);
      expect(await dialog.root.isVisible()).toBe(true);
      expect(await containerCount()).toBe(before);
      await app.page.keyboard.press('Escape');
      await dialog.waitClosed();
    } finally {
      holder.close();
    }
  });
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
    expect(await tag.getByTestId('tag-submit').isDisabled()).toBe(true);
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

  it('deletes after a confirmation naming each image, and offers force with the engine message when one is in use', async () => {
    const used = `${uniqueName('inuse')}:1`;
    const usedId = await build(used, 'RUN echo used > /v');
    await docker.createContainer({ Image: used, Cmd: ['true'], Labels: labels });
    const page = new ImagesPage(app.page);
    await page.open();
    await page.search(used.replace(/:1$/, ''));
    await expect.poll(() => page.row(used).locator('[data-usage]').getAttribute('data-usage')).toBe('in-use');
    await page.action(used, 'delete');
    const ask = page.shell.dialog.filter({ hasText: 'Delete image?' });
    expect(await ask.textContent()).toContain(`Delete the image ${used}`);
    await ask.getByTestId('confirm').click();
    // The engine's refusal, quoted, with the offer to force.
    const force = page.shell.dialog.filter({ hasText: 'Image in use' });
    expect(await force.textContent()).toMatch(/must force|is using its referenced image/);
    await force.getByTestId('confirm').click();
    await force.waitFor({ state: 'detached' });
    await page.row(used).waitFor({ state: 'detached' });
    expect(await imageExists(used)).toBe(false);
    expect(usedId).toMatch(/^sha256:/);

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
