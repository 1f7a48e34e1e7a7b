// The Containers page in Chromium against a real engine: live states, search, filter, compose groups,
// row actions, bulk delete with a confirmation naming each container, live CPU/memory, screenshots.
import { describe, expect, it } from 'vitest';
import { testEngine, testLabels, uniqueName, waitFor } from '../support/engine';
import { ContainersPage } from './pages/containers-page';
import { useBerthApp } from './support/berth-app';
import { screenshotThemes } from './support/screenshots';

const app = useBerthApp();
const { docker, image } = testEngine();
const labels = testLabels();

const run = (name: string, extra: Record<string, unknown> = {}) =>
  app.api.client.call('containers.run', {
    spec: { image, name, command: ['sleep', '300'], labels, ...extra } as never,
  });

describe('Containers page', () => {
  it('shows containers as the engine changes them, grouped by compose project', async () => {
    const page = new ContainersPage(app.page);
    await page.open();
    const web = uniqueName('web');
    const worker = uniqueName('worker');
    const lone = uniqueName('lone');
    const project = { ...labels, 'com.docker.compose.project': 'shop', 'com.docker.compose.service': 'web' };
    await run(web, { labels: project });
    await run(worker, { labels: { ...project, 'com.docker.compose.service': 'worker' } });
    await run(lone);
    await page.waitForState(web, 'running');
    await page.waitForState(lone, 'running');
    await expect.poll(() => page.groupRow('shop').textContent()).toContain('2 containers, 2 running');

    await docker.getContainer(lone).stop({ t: 1 });
    await page.waitForState(lone, 'exited');

    await page.groupRow('shop').getByRole('button', { name: 'Toggle shop' }).click();
    await page.row(web).waitFor({ state: 'detached' });
    await page.groupRow('shop').getByRole('button', { name: 'Toggle shop' }).click();
    await page.row(web).waitFor();
    expect(app.pageErrors).toEqual([]);
  });

  it('searches by name and filters running containers', async () => {
    const page = new ContainersPage(app.page);
    await page.open();
    const needle = uniqueName('needle');
    const stopped = uniqueName('stopped');
    await run(needle);
    await app.api.client.call('containers.run', { spec: { image, name: stopped, command: ['true'], labels } });
    await page.waitForState(stopped, 'exited');

    await page.search(needle);
    await expect.poll(() => page.rowNames()).toEqual([needle]);
    const all = (await docker.listContainers({ all: true })).length;
    await expect.poll(() => page.root.getByTestId('count').textContent()).toBe(`1 of ${all.toLocaleString('en-US')}`);
    await page.search('');
    await page.filter('Running');
    await page.row(stopped).waitFor({ state: 'detached' });
    expect(await page.rowNames()).toContain(needle);
    await page.filter('All');
    await page.row(stopped).waitFor();
    await app.page.keyboard.press('/');
    expect(await app.page.evaluate(() => document.activeElement?.tagName)).toBe('INPUT');
    await app.page.keyboard.press('Escape');
  });

  it('stops and starts from row actions, and shows live CPU and memory for running containers', async () => {
    const page = new ContainersPage(app.page);
    await page.open();
    const name = uniqueName('actions');
    await run(name);
    await page.waitForState(name, 'running');
    await expect
      .poll(() => page.row(name).locator('[data-col="memory"]').textContent(), { timeout: 15_000 })
      .toMatch(/\d/);

    await page.action(name, 'stop');
    await page.waitForState(name, 'exited');
    await page.shell.toast(`Stopped ${name}`).waitFor();
    expect((await docker.getContainer(name).inspect()).State.Running).toBe(false);

    await page.action(name, 'start');
    await page.waitForState(name, 'running');
    expect((await docker.getContainer(name).inspect()).State.Running).toBe(true);
  });

  it('shows CPU and memory for containers already running when the page opens', async () => {
    const names = [uniqueName('busy-a'), uniqueName('busy-b')];
    for (const n of names) await run(n);
    await app.reload();
    const page = new ContainersPage(app.page);
    await page.root.waitFor();
    for (const n of names) {
      await page.waitForState(n, 'running');
      await expect
        .poll(() => page.row(n).locator('[data-col="cpu"]').textContent(), { timeout: 15_000 })
        .toMatch(/\d%/);
      await expect
        .poll(() => page.row(n).locator('[data-col="memory"]').textContent(), { timeout: 15_000 })
        .toMatch(/\d/);
    }
    // Back from another page, the readings resume without anything else happening.
    await page.shell.goto('images');
    await page.open();
    await expect
      .poll(() => page.row(names[0]!).locator('[data-col="cpu"]').textContent(), { timeout: 15_000 })
      .toMatch(/\d%/);
  });

  it('deletes selected containers after a confirmation that names them', async () => {
    const page = new ContainersPage(app.page);
    await page.open();
    const names = [uniqueName('bulk-a'), uniqueName('bulk-b'), uniqueName('bulk-c')].sort();
    for (const n of names) await run(n);
    await page.search('bulk-');
    for (const n of names) await page.waitForState(n, 'running');
    await page.select(names[0]!);
    await page.select(names[2]!, true);
    await app.page.getByTestId('bulk-bar').waitFor();
    expect(await app.page.getByTestId('bulk-bar').textContent()).toContain('3 containers selected');

    await app.page.getByTestId('bulk-delete').click();
    const dialog = page.shell.dialog;
    for (const n of names) expect(await dialog.textContent()).toContain(n);
    expect(await dialog.textContent()).toContain('anonymous volumes go too');
    await page.shell.cancel();
    await app.page.getByTestId('bulk-delete').click();
    await app.page.keyboard.press('Escape');
    await page.shell.dialog.waitFor({ state: 'detached' });
    expect((await docker.listContainers({ all: true, filters: { name: [names[0]!] } })).length).toBe(1);

    // Enter confirms.
    await app.page.getByTestId('bulk-delete').click();
    await page.shell.dialog.waitFor();
    await app.page.keyboard.press('Enter');
    await page.shell.dialog.waitFor({ state: 'detached' });
    await waitFor(async () => {
      const left = await docker.listContainers({
        all: true,
        filters: { label: [`berth.test=${labels['berth.test']}`] },
      });
      return names.every((n) => !left.some((c) => c.Names.includes(`/${n}`)));
    });
    for (const n of names) await page.row(n).waitFor({ state: 'detached' });
    await page.search('');
  });

  it('lists all 50 containers of a bulk delete, sorted, in a list that scrolls', async () => {
    const page = new ContainersPage(app.page);
    await page.open();
    const base = uniqueName('many');
    // In the order a person counts them: base-2 before base-10.
    const names = Array.from({ length: 50 }, (_, i) => `${base}-${i + 1}`);
    for (const name of [...names].reverse()) {
      await docker.createContainer({ Image: image, name, Cmd: ['true'], Labels: labels });
    }
    await page.search(base);
    await page.row(names[0]!).waitFor();
    await app.page.getByTestId('select-all').click();
    await expect.poll(() => app.page.getByTestId('bulk-bar').textContent()).toContain('50 containers selected');

    await app.page.getByTestId('bulk-delete').click();
    const list = page.shell.dialog.getByTestId('confirm-items');
    await list.waitFor();
    expect(await page.shell.dialog.textContent()).toContain('Delete these 50 containers?');
    expect(await list.locator('li').allTextContents()).toEqual(names);
    expect(await page.shell.dialog.textContent()).not.toContain('more');
    expect(await list.evaluate((el) => el.scrollHeight > el.clientHeight)).toBe(true);
    await screenshotThemes(app.page, 'containers-delete-50');
    await list.locator('li').last().scrollIntoViewIfNeeded();
    expect(await list.locator('li').last().isVisible()).toBe(true);

    await page.shell.confirm();
    await waitFor(async () => (await docker.listContainers({ all: true, filters: { name: [base] } })).length === 0, {
      timeoutMs: 60_000,
    });
    await page.row(names[0]!).waitFor({ state: 'detached' });
    await page.search('');
  });

  it('looks right in light and dark', async () => {
    const page = new ContainersPage(app.page);
    await page.open();
    const port = 18000 + Math.floor(Math.random() * 1000);
    await run(uniqueName('api'), { ports: [`127.0.0.1:${port}:80`], command: ['httpd', '-f', '-p', '80'] });
    await page
      .portLink(
        (await app.api.client.call('containers.list', { all: true })).find((c) =>
          c.ports.some((p) => p.hostPort === port),
        )!.name,
        port,
      )
      .waitFor();
    await screenshotThemes(app.page, 'containers');
  });
});
