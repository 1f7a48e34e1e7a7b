// Compose stacks in Chromium against a real engine and the real compose CLI: preview (the unset variable flagged),
// up with its progress rows, the Stacks list, a project the CLI brought up appearing by itself, the stack page,
// scale (to 0 too: the service stays listed, and up again), no Build for a project without build:, and down
// listing exactly what goes and removing it. Screenshots for the README.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runDockerCli } from '../../src-main/docker-cli/cli-runner';
import { copyComposeFixture, testHostCli } from '../support/compose-project';
import { testEngine, uniqueName, waitFor } from '../support/engine';
import { makeOwnedTempDir } from '../support/temp-dirs';
import { StacksPage, UpDialog } from './pages/stacks-page';
import { useBerthApp } from './support/berth-app';
import { screenshotThemes } from './support/screenshots';

const app = useBerthApp({ compose: true });
const { docker, dockerHost, image } = testEngine();
const scratch = makeOwnedTempDir('berth-e2e-stacks-');
const project = `shop-${uniqueName('e2e')}`;
const outside = `cli-${uniqueName('e2e')}`;
const file = copyComposeFixture(join(scratch, 'shop'), image);

async function cli(args: string[]) {
  const { docker: executable, env } = await testHostCli(join(scratch, 'cli-config'));
  return runDockerCli({ docker: executable, dockerHost, env }, args);
}

async function projectObjects(name: string): Promise<string[]> {
  const label = [`com.docker.compose.project=${name}`];
  const [containers, networks, volumes] = await Promise.all([
    docker.listContainers({ all: true, filters: { label } }),
    docker.listNetworks({ filters: { label } }),
    docker.listVolumes({ filters: { label } }),
  ]);
  return [
    ...containers.map((c) => c.Names[0]!.slice(1)),
    ...networks.map((n) => n.Name),
    ...(volumes.Volumes ?? []).map((v) => v.Name),
  ].sort();
}

afterAll(async () => {
  for (const name of [project, outside]) await cli(['compose', '-p', name, 'down', '--volumes']).catch(() => undefined);
  rmSync(scratch, { recursive: true, force: true });
});

describe('Stacks', () => {
  it('previews the fixture project: its services, objects and the variable that is not set', async () => {
    const stacks = new StacksPage(app.page);
    await stacks.open();
    const up = await stacks.openUp();
    await up.fillForm({ files: [file], project });
    await up.preview();
    expect(await up.previewServices()).toEqual(['web', 'worker']);
    expect(await up.unresolved()).toEqual(['WORKER_MODE']);
    await expect.poll(() => up.section('networks').textContent()).toContain(`${project}_backend`);
    await expect.poll(() => up.section('secrets').textContent()).toContain(`${project}_api_key`);
    await screenshotThemes(app.page, 'stack-preview');
  });

  it('brings it up with a progress row per object, then lists it as running', async () => {
    const up = new UpDialog(app.page);
    const progress = await up.up();
    expect(await progress.waitEnded()).toBe('done');
    const rows = await progress.rows();
    expect(rows).toContainEqual({ object: `Container ${project}-worker-1`, status: 'Started' });
    expect(rows).toContainEqual({ object: `Network ${project}_backend`, status: 'Created' });
    await screenshotThemes(app.page, 'stack-up');
    await up.submit(); // "Open stack"
    const stacks = new StacksPage(app.page);
    await stacks.open();
    await stacks.waitForRow(project);
    expect((await stacks.status(project)).state).toBe('running');
  });

  it('shows a project the compose CLI brought up by itself within 2 s', async () => {
    const folder = join(scratch, 'outside');
    mkdirSync(folder, { recursive: true });
    writeFileSync(
      join(folder, 'compose.yaml'),
      `services:\n  one:\n    image: ${image}\n    command: [sleep, '3600']\n    stop_grace_period: 1s\n`,
    );
    await cli(['compose', '-p', outside, '-f', join(folder, 'compose.yaml'), 'up', '-d']);
    const started = Date.now();
    const stacks = new StacksPage(app.page);
    await stacks.waitForRow(outside, 2_000);
    expect(Date.now() - started).toBeLessThan(2_000);
    await screenshotThemes(app.page, 'stacks');
  });

  it('opens the stack page, scales web to 3, to 0 and back to 1, and takes the project down with exactly what it listed', async () => {
    const stacks = new StacksPage(app.page);
    const detail = await stacks.openDetail(project);
    expect(await detail.serviceNames()).toEqual(expect.arrayContaining(['web', 'worker']));
    expect(await detail.networks()).toEqual([`${project}_backend`]);
    expect(await detail.volumes()).toEqual([`${project}_data`]);
    expect(await (await detail.scale('web', 3)).waitEnded()).toBe('done');
    await expect
      .poll(() => detail.containerNames(), { timeout: 15_000 })
      .toEqual(expect.arrayContaining([`${project}-web-1`, `${project}-web-2`, `${project}-web-3`]));
    await screenshotThemes(app.page, 'stack-detail');
    // The whole project's logs, merged, one click away.
    await detail.root.getByTestId('stack-logs').click();
    await app.page.locator(`[data-test="stack-logs-page"][data-stack="${project}"]`).waitFor();
    await app.page.getByTestId('stack-link').click();
    await detail.waitFor(project);
    // Scaled to 0, web has no container left but stays a service of the stack, ready to scale up again.
    expect(await (await detail.scale('web', 0)).waitEnded()).toBe('done');
    await expect.poll(() => detail.serviceRunning('web'), { timeout: 15_000 }).toBe('No containers');
    // So is debug, the fixture's service behind a profile, never up.
    expect(await detail.serviceNames()).toEqual(['debug', 'web', 'worker']);
    expect(await detail.serviceRunning('debug')).toBe('No containers');
    expect(await detail.containerNames()).toEqual([`${project}-worker-1`]);
    // No service of the fixture builds: no Build, for the stack or a service.
    expect(await detail.button('build').count()).toBe(0);
    expect(await detail.root.getByTestId('service-build').count()).toBe(0);
    // And from 0 up again, from the same row.
    expect(await (await detail.scale('web', 1)).waitEnded()).toBe('done');
    await expect.poll(() => detail.serviceRunning('web'), { timeout: 15_000 }).toBe('1 of 1 running');
    const created = await projectObjects(project);
    const down = await detail.openDown();
    await down.alsoVolumes();
    // The dialog asks the API what goes, and lists it once the answer comes.
    const listed = async () =>
      [
        ...(await down.listed('containers')),
        ...(await down.listed('networks')),
        ...(await down.listed('volumes')),
      ].sort();
    await expect.poll(listed, { timeout: 10_000 }).toEqual(created);
    await screenshotThemes(app.page, 'stack-down');
    await down.submit();
    await waitFor(async () => (await projectObjects(project)).length === 0, { timeoutMs: 60_000 });
  });
});
