// The everyday journey in one go, as a user clicks it: run an image with a published port from the image
// list → it runs with a port link → HTTP answers → its logs show the output and search finds a line →
// the terminal runs echo → the stats charts show data → stop → delete with confirmation.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngine, testLabels, uniqueName, waitFor } from '../support/engine';
import { httpGet } from '../support/http';
import { freePort } from '../support/ports';
import { ContainerDetailPage } from './pages/container-detail-page';
import { ContainerTabsPage } from './pages/container-tabs-page';
import { ContainersPage } from './pages/containers-page';
import { ImagesPage } from './pages/images-page';
import { useBerthApp } from './support/berth-app';

const app = useBerthApp();
const { docker, image } = testEngine();
const labels = testLabels();
let scratch: string;
let name: string;

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'berth-journey-'));
});

afterAll(async () => {
  await docker
    .getContainer(name)
    .remove({ force: true })
    .catch(() => undefined);
  await rm(scratch, { recursive: true, force: true });
});

describe('a day with Berth', () => {
  it('runs, reaches, reads, enters, watches, stops and deletes a container', async () => {
    // An image with a web server that logs each request it serves.
    const tag = `${uniqueName('site')}:1`;
    await writeFile(
      join(scratch, 'Dockerfile'),
      `FROM ${image}\nEXPOSE 80\nCMD ["httpd", "-f", "-vv", "-p", "80", "-h", "/etc"]\n`,
    );
    await app.api.client.call('images.build', { context: scratch, tags: [tag], labels });

    // Run it from the image list, on a host port of our choosing.
    const images = new ImagesPage(app.page);
    await images.open();
    await images.search(tag.split(':')[0]!);
    await images.row(tag).waitFor();
    await images.action(tag, 'run');
    const dialog = images.run;
    await dialog.root.getByTestId('loading-image').waitFor({ state: 'detached' });
    name = uniqueName('site');
    const port = await freePort();
    await dialog.input('name').fill(name);
    await dialog.portRows().first().getByTestId('port-host').locator('input').fill(`127.0.0.1:${port}`);
    await dialog.submit.click();
    await dialog.waitClosed();

    // It shows running with a link to its port, and the port answers.
    const containers = new ContainersPage(app.page);
    await containers.open();
    await containers.waitForState(name, 'running');
    expect(await containers.portLink(name, port).getAttribute('href')).toBe(`http://localhost:${port}`);
    const response = await waitFor(() => httpGet({ port, path: '/hostname' }), {
      message: 'the published port answering',
    });
    expect(response.status).toBe(200);

    // Its logs show the request, and search finds it.
    await containers.openDetail(name);
    const detail = new ContainerDetailPage(app.page);
    await detail.waitForLoaded(name);
    await detail.viewer.waitFor(); // the tab a container opens on
    await detail.search('/hostname');
    await expect.poll(() => detail.matchLabel()).toMatch(/^1 of 1$/);
    expect(await detail.currentMatchRow.textContent()).toContain('url:/hostname');

    // The terminal runs a command.
    const tabs = new ContainerTabsPage(app.page);
    await tabs.switchTo('terminal');
    await tabs.waitForTerminalStatus(/Connected/);
    await tabs.type('echo journey-$((20+22))\n');
    await tabs.waitForLine(/^journey-42$/);

    // The stats charts fill with readings.
    await tabs.switchTo('stats');
    await tabs.waitForStats('live');
    await expect.poll(() => tabs.drawnPoints('memory'), { timeout: 20_000 }).toBeGreaterThan(1);
    expect(await tabs.reading('memory', 'Used')).toMatch(/[1-9]/);

    // Stop it, then delete it after saying yes.
    await detail.action('stop');
    await detail.waitForState('exited');
    expect((await docker.getContainer(name).inspect()).State.Running).toBe(false);
    await detail.action('delete');
    expect(await detail.shell.dialog.textContent()).toContain(name);
    await detail.shell.confirm();
    await expect.poll(() => app.page.url()).toMatch(/#\/containers$/);
    await waitFor(async () => !(await docker.listContainers({ all: true })).some((c) => c.Names.includes(`/${name}`)));
    expect(app.pageErrors).toEqual([]);
  });
});
