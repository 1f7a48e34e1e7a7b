// An env value marked secret in the Run dialog, in Chromium against a real engine: the container gets it, and
// the page never shows it again (Inspect shows the name, masked, with the note that the value is hidden).
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { testEngine, uniqueName } from '../support/engine';
import { ContainerDetailPage } from './pages/container-detail-page';
import { ImagesPage } from './pages/images-page';
import { useBerthApp } from './support/berth-app';
import { screenshotThemes } from './support/screenshots';

const app = useBerthApp();
const { docker, image } = testEngine();
const name = uniqueName('secret-run');
const token = `berth-e2e-token-${randomBytes(10).toString('hex')}`;

afterAll(async () => {
  await docker
    .getContainer(name)
    .remove({ force: true, v: true })
    .catch(() => undefined);
});

describe('Run dialog: a secret env value', () => {
  it('is typed hidden, reaches the container, and Inspect shows only its name, masked, with a note', async () => {
    const page = new ImagesPage(app.page);
    await page.open();
    const dialog = await page.openRun(image);
    await dialog.input('name').fill(name);
    await dialog.input('command').fill('sleep 600');
    await dialog.root.getByTestId('add-env').click();
    const row = dialog.envRows().last();
    await row.getByTestId('env-name').locator('input').fill('API_TOKEN');
    const valueInput = row.getByTestId('env-value').locator('input');
    await valueInput.fill(token);
    const lock = row.getByTestId('env-secret');
    expect(await lock.getAttribute('aria-pressed')).toBe('false');
    await lock.click();
    expect(await lock.getAttribute('aria-pressed')).toBe('true');
    expect(await valueInput.getAttribute('type')).toBe('password');
    await app.page.mouse.move(0, 0);
    await app.page.locator('.n-tooltip').waitFor({ state: 'hidden' });
    await screenshotThemes(app.page, 'images-run-secret-env');
    await dialog.submit.click();
    await dialog.waitClosed();
    await page.shell.toast(`Started ${name}`).waitFor();

    const info = await docker.getContainer(name).inspect();
    expect(info.Config.Env).toContain(`API_TOKEN=${token}`);
    expect(Object.keys(info.Config.Labels)).toContain('berth.secret-env.API_TOKEN');
    expect(JSON.stringify(info.Config.Labels)).not.toContain(token);

    const detail = new ContainerDetailPage(app.page);
    await detail.open(info.Id, name, 'inspect');
    await detail.treeRow('Config.Env').waitFor();
    const hidden = detail.root.getByTestId('hidden-value').filter({ hasText: 'API_TOKEN' });
    await hidden.scrollIntoViewIfNeeded();
    expect(await hidden.textContent()).toContain('API_TOKEN=••••••');
    expect(await hidden.textContent()).toContain('value hidden');
    expect(await hidden.getAttribute('title')).toContain('Berth never shows its value');
    await screenshotThemes(app.page, 'container-inspect-hidden-secret');
    await hidden.click();
    expect(await app.page.content()).not.toContain(token);
    expect(app.pageErrors).toEqual([]);
  });
});
