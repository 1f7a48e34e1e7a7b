// The Volumes pages in Chromium against a real engine: create in the dialog, browse what a container wrote,
// download, export to .tar.gz, import into a new volume, clone, delete refused while in use, prune preview.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngine, testLabels, uniqueName, waitFor } from '../support/engine';
import { VolumesPage, type VolumeDetailPage } from './pages/volumes-page';
import { useBerthApp } from './support/berth-app';
import { screenshotThemes } from './support/screenshots';

const app = useBerthApp();
const { docker, image } = testEngine();
const labels = testLabels();
const labelLines = Object.entries(labels)
  .map(([k, v]) => `${k}=${v}`)
  .join('\n');
/** 1800 bytes, shown as "1.8 kB". */
const CONTENT = 'Berth volume file.\n'.repeat(100).slice(0, 1800);

let scratch: string;
beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'berth-e2e-volumes-'));
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

async function volumeExists(name: string): Promise<boolean> {
  return docker
    .getVolume(name)
    .inspect()
    .then(() => true)
    .catch(() => false);
}

/** Runs a container that writes CONTENT to /data/docs/note.txt in `volume` and exits. */
async function writeInto(volume: string): Promise<string> {
  const name = uniqueName('writer');
  await app.api.client.call('containers.run', {
    spec: {
      image,
      name,
      command: ['sh', '-c', 'mkdir -p /data/docs && printf "%s" "$CONTENT" > /data/docs/note.txt'],
      env: [`CONTENT=${CONTENT}`],
      volumes: [`${volume}:/data`],
      labels,
    },
  });
  await waitFor(async () => !(await docker.getContainer(name).inspect()).State.Running, { timeoutMs: 30_000 });
  expect((await docker.getContainer(name).inspect()).State.ExitCode).toBe(0);
  return name;
}

/** Opens the detail page and checks that docs/note.txt is there with CONTENT's size. */
async function expectNote(detail: VolumeDetailPage, volume: string): Promise<void> {
  await detail.waitFor(volume);
  await detail.fileRow('docs').waitFor();
  await detail.enter('docs');
  await detail.fileRow('note.txt').waitFor();
  expect(await detail.fileSize('note.txt')).toEqual({ bytes: 1800, text: '1.8 kB' });
}

describe('Volumes pages', () => {
  const source = uniqueName('vol');
  let writer: string;

  it('creates a volume in the dialog, validating the name as typed', async () => {
    const page = new VolumesPage(app.page);
    await page.open();
    const dialog = await page.openCreate();
    await dialog.fill('volume-name', 'x');
    await expect.poll(() => dialog.feedback('volume-name').textContent()).toMatch(/2\+ characters/);
    expect(await dialog.submitButton.isDisabled()).toBe(true);
    await dialog.fill('volume-name', source);
    await dialog.fill('volume-labels', labelLines);
    await expect.poll(() => dialog.submitButton.isDisabled()).toBe(false);
    await dialog.submit();
    await dialog.waitClosed();
    await page.row(source).waitFor();
    expect((await docker.getVolume(source).inspect()).Labels).toMatchObject(labels);
  });

  it('shows the container using it and refuses to delete it, naming the container', async () => {
    writer = await writeInto(source);
    const page = new VolumesPage(app.page);
    await page.open();
    await expect.poll(() => page.row(source).locator('[data-user]').textContent()).toBe(writer);
    await page.filter('In use');
    await page.row(source).waitFor();
    await page.filter('Unused');
    await page.row(source).waitFor({ state: 'detached' });
    await page.filter('All');

    await page.action(source, 'delete');
    await expect.poll(() => page.shell.dialog.textContent()).toContain(`in use by ${writer}`);
    await page.shell.confirm();
    expect(await volumeExists(source)).toBe(true);
  });

  it('browses the files, downloads one and exports the volume to a .tar.gz', async () => {
    const page = new VolumesPage(app.page);
    await page.open();
    await page.search(source);
    const detail = await page.openDetail(source);
    expect(await detail.usedBy()).toEqual([writer]);
    await expectNote(detail, source);
    // The same size the list has, from the same place (the engine's disk usage).
    const { size } = await app.api.client.call('volumes.inspect', { name: source });
    expect(size).toBeGreaterThanOrEqual(1800);
    await expect.poll(() => detail.volumeSize()).toMatchObject({ bytes: size, hint: null });
    await screenshotThemes(app.page, 'volume-detail');

    await detail.download('note.txt', scratch);
    await waitFor(() =>
      readFile(join(scratch, 'note.txt'))
        .then(() => true)
        .catch(() => false),
    );
    expect(await readFile(join(scratch, 'note.txt'), 'utf8')).toBe(CONTENT);

    const archive = join(scratch, `${source}.tar.gz`);
    let dialog = await detail.openDialog('export');
    await dialog.fill('export-path', join(scratch, 'wrong.tar'));
    await expect.poll(() => dialog.feedback('export-path').textContent()).toMatch(/\.tar\.gz/);
    await dialog.fill('export-path', archive);
    await dialog.submit();
    const result = dialog.root.getByTestId('export-result');
    await result.waitFor({ timeout: 60_000 });
    const bytes = Number(await result.getAttribute('data-bytes'));
    expect(bytes).toBe((await readFile(archive)).length);
    const { stdout } = await promisify(execFile)('tar', ['-tzf', archive]);
    expect(stdout.split('\n')).toContain('./docs/note.txt');
    await dialog.submit();
    await dialog.waitClosed();

    // Exporting onto the same file asks before replacing it.
    dialog = await detail.openDialog('export');
    await dialog.fill('export-path', archive);
    await dialog.submit();
    await expect.poll(() => detail.shell.dialog.textContent()).toContain(`${archive} already exists`);
    await detail.shell.confirm();
    await dialog.root.getByTestId('export-result').waitFor({ timeout: 60_000 });
    await dialog.submit();
    await dialog.waitClosed();
  });

  it('imports the archive into a new volume and clones a volume, showing the file in each', async () => {
    const page = new VolumesPage(app.page);
    await page.open();
    await page.search(source);
    const detail = await page.openDetail(source);
    await detail.waitFor(source);

    const imported = uniqueName('imported');
    const dialog = await detail.openDialog('import');
    expect(await dialog.field('import-path').inputValue()).toBe(join(scratch, `${source}.tar.gz`));
    await dialog.root.getByTestId('import-new').click();
    await dialog.fill('import-name', source);
    await expect.poll(() => dialog.feedback('import-name').textContent()).toContain('already exists');
    await dialog.fill('import-name', imported);
    await dialog.fill('import-labels', labelLines);
    await dialog.submit();
    await dialog.waitClosed();
    await expectNote(detail, imported);
    expect((await docker.getVolume(imported).inspect()).Labels).toMatchObject(labels);

    const cloned = uniqueName('cloned');
    const clone = await detail.openDialog('clone');
    await clone.fill('clone-name', 'bad name');
    await expect.poll(() => clone.submitButton.isDisabled()).toBe(true);
    await clone.fill('clone-name', cloned);
    await clone.submit();
    await clone.waitClosed();
    await expectNote(detail, cloned);
    expect((await docker.getVolume(cloned).inspect()).Labels).toMatchObject(labels);
  });

  it('previews a prune listing exactly the unused volumes with a label, then removes them', async () => {
    const marker = { ...labels, 'berth.e2e.prune': uniqueName('mark') };
    const unused = [uniqueName('unused-a'), uniqueName('unused-b')].sort();
    const used = uniqueName('used');
    for (const name of [...unused, used]) await app.api.client.call('volumes.create', { name, labels: marker });
    await writeInto(used);
    const anonymous = await app.api.client.call('volumes.create', { labels });

    const page = new VolumesPage(app.page);
    await page.open();
    await page.search('');
    await page.row(used).waitFor();
    await expect.poll(() => page.row(anonymous.name).textContent()).toContain('anonymous');
    await screenshotThemes(app.page, 'volumes');

    const prune = await page.openPrune();
    await prune.filterLabels(`berth.e2e.prune=${marker['berth.e2e.prune']}`);
    await prune.root.getByTestId('prune-nothing').waitFor();
    await prune.root.getByTestId('prune-which').getByText('All unused', { exact: true }).click();
    await expect.poll(() => prune.listed('volumes')).toEqual(unused);
    expect(await prune.allListed()).toEqual(unused);

    await prune.submit();
    await prune.result.waitFor({ timeout: 60_000 });
    expect(await prune.result.textContent()).toContain('Removed 2 volumes');
    for (const name of unused) expect(await volumeExists(name)).toBe(false);
    expect(await volumeExists(used)).toBe(true);
    await prune.submit();
    await prune.waitClosed();
    for (const name of unused) await page.row(name).waitFor({ state: 'detached' });
    expect(app.pageErrors).toEqual([]);
  });
});
