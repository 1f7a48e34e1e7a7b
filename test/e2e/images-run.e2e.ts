// Click to run on the Images page in Chromium against a real engine: a port published on 127.0.0.1 by default
// that answers HTTP, the tray's Run recent image, bad run input that never reaches the engine, what the engine refused.
import { readFile } from 'node:fs/promises';
import { connect, createServer, type Server } from 'node:net';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { testEngine, testLabels, uniqueName, waitFor } from '../support/engine';
import { httpGet } from '../support/http';
import { freePort } from '../support/ports';
import { ContainersPage } from './pages/containers-page';
import { ImagesPage, RunDialogObject } from './pages/images-page';
import { useBerthApp } from './support/berth-app';
import { useImageBuilds } from './support/image-builds';
import { screenshotThemes } from './support/screenshots';

const app = useBerthApp();
const { build } = useImageBuilds(app);
const { docker, image } = testEngine();
const labels = testLabels();
/** Containers the Run dialog made: the UI sets no test label, so they are removed by name. */
const uiContainers: string[] = [];

afterAll(async () => {
  for (const name of uiContainers) {
    await docker
      .getContainer(name)
      .remove({ force: true, v: true })
      .catch(() => undefined);
  }
});

/** This computer's IPv4 addresses other than loopback. */
const externalAddresses = () =>
  Object.values(networkInterfaces())
    .flat()
    .flatMap((i) => (i && i.family === 'IPv4' && !i.internal ? [i.address] : []));

/** Whether a TCP connection to `address:port` is accepted. */
const connects = (address: string, port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect({ host: address, port, timeout: 2_000 });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => (socket.destroy(), resolve(false)));
  });

const containerCount = async () => (await docker.listContainers({ all: true })).length;

/** A TCP listener on 127.0.0.1 holding a port, so the engine cannot publish on it. */
async function holdPort(port: number): Promise<Server> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  return server;
}

describe('Images page: click to run', () => {
  it('runs a container from the image list, publishing on 127.0.0.1 only by default; it answers HTTP there', async () => {
    const webImage = `${uniqueName('web')}:1`;
    await build(webImage, 'EXPOSE 80\nVOLUME /data\nENV GREETING=hello');
    const page = new ImagesPage(app.page);
    await page.open();
    const dialog = await page.openRun(webImage);

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
    const typedPort = await freePort();
    await dialog.input('name').fill(name);
    expect(await dialog.publishChoice('local').locator('input').isChecked()).toBe(true);
    await dialog.portRows().first().getByTestId('port-host').locator('input').fill(String(port));
    // An address typed in a row is kept, whatever the choice.
    const typed = await dialog.addPort(`0.0.0.0:${typedPort}`, '81');
    await typed.getByTestId('row-address').waitFor();
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
    expect(info.HostConfig.PortBindings).toEqual({
      '80/tcp': [{ HostIp: '127.0.0.1', HostPort: String(port) }],
      '81/tcp': [{ HostIp: '0.0.0.0', HostPort: String(typedPort) }],
    });
    expect(info.Mounts.find((m) => m.Destination === '/data')?.Type).toBe('volume');

    const containers = new ContainersPage(app.page);
    await containers.open();
    await containers.waitForState(name, 'running');
    const link = new URL((await containers.portLink(name, port).getAttribute('href'))!);
    expect([link.hostname, link.port]).toEqual(['localhost', String(port)]);
    const response = await waitFor(() => httpGet({ port, path: '/etc/passwd' }), {
      message: `httpd on 127.0.0.1:${port} did not answer`,
    });
    expect(response.status).toBe(200);
    expect(response.body).toContain('root:x:0:0');
    // Not on the network: this computer's other addresses do not answer on that port.
    for (const address of externalAddresses()) expect(await connects(address, port)).toBe(false);
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
    const dialog = await page.openRun(image);

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
      const dialog = await page.openRun(image);
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
