// Builds in Chromium against the test engine with the real buildx CLI: the Build dialog from Images (the target
// picked from the Dockerfile's stages, a build argument), its live steps to the end, the Builds page listing it, the
// build's page, a rebuild with the same settings that comes all from the cache, and a failing RUN. Screenshots for
// the README.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { testEngine, uniqueName } from '../support/engine';
import { makeOwnedTempDir } from '../support/temp-dirs';
import { BuildDialog, BuildsPage } from './pages/builds-page';
import { useBerthApp } from './support/berth-app';
import { screenshotThemes } from './support/screenshots';

const app = useBerthApp({ compose: true });
const { docker, image } = testEngine();
const scratch = makeOwnedTempDir('berth-e2e-builds-');
const context = join(scratch, 'app');
const tag = `${uniqueName('built')}:1`;
let firstBuild: string;

mkdirSync(context, { recursive: true });
writeFileSync(
  join(context, 'Dockerfile'),
  [
    `FROM ${image} AS base`,
    'ARG GREETING=hello',
    'RUN echo "$GREETING" > /greeting && sleep 1',
    'FROM base AS test',
    'RUN echo testing',
    'FROM base AS app',
    'COPY app.txt /app.txt',
    'RUN cat /greeting /app.txt | tee /combined',
    '',
  ].join('\n'),
);
writeFileSync(join(context, 'app.txt'), 'from the app\n');

afterAll(async () => {
  await docker
    .getImage(tag)
    .remove({ force: true })
    .catch(() => undefined);
  rmSync(scratch, { recursive: true, force: true });
});

describe('Builds', () => {
  it('builds from the Images page with a picked target, showing live steps to the end', async () => {
    const builds = new BuildsPage(app.page);
    await builds.shell.goto('images');
    await app.page.getByTestId('images-page').getByTestId('build').click();
    const dialog = new BuildDialog(app.page);
    await dialog.root.waitFor();
    await dialog.fill('build-tags', 'Not Valid');
    await expect.poll(() => dialog.feedback('build-tags').textContent()).toMatch(/lowercase/);
    expect(await dialog.submitButton.isDisabled()).toBe(true);
    await dialog.fill('build-context', context);
    await dialog.fill('build-tags', tag);
    await dialog.pickTarget('app');
    await dialog.addArg('GREETING', 'hi from e2e');
    await screenshotThemes(app.page, 'build-dialog');
    await dialog.submit();
    await dialog.root.getByTestId('build-progress').waitFor();
    // While it runs, a step shows as running.
    await dialog.root.locator('[data-test="build-step"][data-state="running"]').first().waitFor({ timeout: 60_000 });
    await expect.poll(() => dialog.state(), { timeout: 60_000 }).toBe('succeeded');
    const names = await dialog.steps().locator('.step-name').allTextContents();
    expect(names).toEqual(expect.arrayContaining(['[app 2/2] RUN cat /greeting /app.txt | tee /combined']));
    expect(names.some((n) => n.includes('RUN echo testing'))).toBe(false);
    await dialog.steps().filter({ hasText: 'tee /combined' }).locator('.step-row').click();
    await expect.poll(() => dialog.root.getByTestId('step-log').textContent()).toBe('hi from e2e\nfrom the app');
    await screenshotThemes(app.page, 'build-steps');
    await dialog.root.getByTestId('raw-log-toggle').click();
    await expect.poll(() => dialog.root.getByTestId('raw-log').textContent()).toContain('exporting to image');
    expect(await dialog.root.getByTestId('build-open-image').isVisible()).toBe(true);
    await dialog.submit(); // Done
    await dialog.waitClosed();
  }, 180_000);

  it('lists the build on the Builds page and opens it', async () => {
    const builds = new BuildsPage(app.page);
    await builds.open();
    await expect.poll(() => builds.ids()).toHaveLength(1);
    firstBuild = (await builds.ids())[0]!;
    await screenshotThemes(app.page, 'builds');
    const detail = await builds.openBuild(firstBuild!);
    expect(await detail.state()).toBe('succeeded');
    expect(await detail.cacheLine()).toBe('0 of 3 cached');
    await screenshotThemes(app.page, 'build-detail');
  });

  it('rebuilds with the same settings, every step from the cache', async () => {
    const detail = new BuildsPage(app.page);
    await app.page.getByTestId('build-detail-page').getByTestId('rebuild').click();
    await expect.poll(() => app.page.getByTestId('build-detail-page').getAttribute('data-build')).not.toBe(firstBuild);
    const page = app.page.getByTestId('build-detail-page');
    await expect
      .poll(() => page.getByTestId('build-progress').getAttribute('data-state'), { timeout: 60_000 })
      .toBe('succeeded');
    expect(await page.getByTestId('build-cache').textContent()).toBe('3 of 3 cached');
    await detail.open();
    await expect.poll(() => detail.ids()).toHaveLength(2);
    expect(app.pageErrors).toEqual([]);
  });

  it('shows a failing RUN with its exit code and last lines', async () => {
    const failing = join(scratch, 'failing');
    mkdirSync(failing, { recursive: true });
    writeFileSync(join(failing, 'Dockerfile'), `FROM ${image}\nRUN echo checking the config && exit 4\n`);
    const builds = new BuildsPage(app.page);
    await builds.root.getByTestId('build').click();
    const dialog = new BuildDialog(app.page);
    await dialog.root.waitFor();
    await dialog.fill('build-context', failing);
    await dialog.submit();
    await expect.poll(() => dialog.state(), { timeout: 60_000 }).toBe('failed');
    const failure = dialog.root.getByTestId('build-failure');
    await expect.poll(() => failure.textContent()).toMatch(/RUN echo checking the config && exit 4.*exit code 4/s);
    expect(await failure.textContent()).toContain('checking the config');
    expect(await dialog.root.getByTestId('build-open-image').count()).toBe(0);
    await screenshotThemes(app.page, 'build-failed');
    await dialog.submit();
    await dialog.waitClosed();
  });
});
