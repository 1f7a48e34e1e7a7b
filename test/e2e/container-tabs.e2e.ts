// A container's Terminal, Stats and Files tabs in Chromium against a real engine: a shell that runs commands,
// follows resizes, reports its exit code and reconnects; live charts; browsing, downloading and uploading files;
// what each tab says for a stopped container. Screenshots of the three tabs.
import { randomBytes } from 'node:crypto';
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { extract } from 'tar-stream';
import { afterAll, describe, expect, it } from 'vitest';
import { testEngine, testLabels, TEST_LABEL, uniqueName } from '../support/engine';
import { followProgress } from '../support/progress';
import { packDir } from '../support/tar';
import { ContainerTabsPage } from './pages/container-tabs-page';
import { useBerthApp } from './support/berth-app';
import { screenshotThemes } from './support/screenshots';

const app = useBerthApp();
const { docker, image } = testEngine();
const labels = testLabels();
const hostDirs: string[] = [];

afterAll(async () => {
  for (const dir of hostDirs) await rm(dir, { recursive: true, force: true });
});

async function run(name: string, command: string[], extra: Record<string, unknown> = {}): Promise<string> {
  const { id } = await app.api.client.call('containers.run', {
    spec: { image, name, command, labels, ...extra },
  });
  return id;
}

async function hostDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'berth-e2e-files-'));
  hostDirs.push(dir);
  return dir;
}

/** A file's bytes read from the container through the engine's archive API. */
async function containerFile(id: string, path: string): Promise<Buffer> {
  const archive = (await docker.getContainer(id).getArchive({ path })) as unknown as Readable;
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const tar = extract();
    tar.on('entry', (_header, stream, next) => {
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', next);
      stream.resume();
    });
    tar.on('finish', () => resolve(Buffer.concat(chunks)));
    tar.on('error', reject);
    archive.pipe(tar);
  });
}

/**
 * An image holding nothing but busybox saved as /sleep (busybox acts as the applet it is named after), so its
 * containers run but have no shell, find or stat; labelled for clean-up. Returns the tag.
 */
async function noShellImage(): Promise<string> {
  const dir = await hostDir();
  await copyFile('/bin/busybox', join(dir, 'sleep'));
  const repo = `berth-test/${uniqueName('no-shell')}`;
  const stream = await docker.importImage(packDir(dir), {
    repo,
    tag: 'latest',
    changes: [`LABEL ${TEST_LABEL}=${labels[TEST_LABEL]}`, 'CMD ["/sleep", "300"]'],
  });
  await followProgress(docker, stream);
  return `${repo}:latest`;
}

describe('Container tabs', () => {
  it('terminal: runs commands, follows the viewport size, shows the exit code and reconnects', async () => {
    const tabs = new ContainerTabsPage(app.page);
    const id = await run(uniqueName('term'), ['sleep', '300']);
    await tabs.open(id, 'terminal');
    await tabs.waitForTerminalStatus('Connected · /bin/sh');

    await tabs.type('echo berth-$((6*7))\n');
    expect(await tabs.waitForLine(/^berth-42$/)).toBe('berth-42');

    // stty reports what the process was told; poll because the resize and the typing race.
    let attempt = 0;
    const sttySize = async (): Promise<[number, number]> => {
      attempt += 1;
      await tabs.type(`echo size${attempt}-$(stty size | tr ' ' x)\n`);
      const line = await tabs.waitForLine(new RegExp(`^size${attempt}-\\d+x\\d+$`));
      const [rows, cols] = line
        .replace(/^size\d+-/, '')
        .split('x')
        .map(Number);
      return [rows!, cols!];
    };
    const before = await tabs.terminalSize();
    await expect.poll(sttySize).toEqual(before);
    await app.page.setViewportSize({ width: 1000, height: 640 });
    try {
      await expect.poll(() => tabs.terminalSize()).not.toEqual(before);
      const after = await tabs.terminalSize();
      expect(after[0]).toBeLessThan(before[0]);
      expect(after[1]).toBeLessThan(before[1]);
      await expect.poll(sttySize).toEqual(after);
    } finally {
      await app.page.setViewportSize({ width: 1280, height: 800 });
    }

    // The session stays open while another tab shows.
    await tabs.type('echo pid-$$\n');
    const pid = await tabs.waitForLine(/^pid-\d+$/);
    await tabs.switchTo('stats');
    await tabs.switchTo('terminal');
    await tabs.type('echo still-$$\n');
    expect(await tabs.waitForLine(/^still-\d+$/)).toBe(pid.replace('pid-', 'still-'));

    await tabs.type('exit 3\n');
    await tabs.waitForTerminalStatus('Process exited with code 3');

    await tabs.reconnect();
    await tabs.waitForTerminalStatus('Connected · /bin/sh');
    expect((await tabs.terminalLines()).some((l) => l.includes('berth-42'))).toBe(false);
    await tabs.type('echo again-$((40+2))\n');
    await tabs.waitForLine(/^again-42$/);
    const newPid = await (async () => {
      await tabs.type('echo pid-$$\n');
      return tabs.waitForLine(/^pid-\d+$/);
    })();
    expect(newPid).not.toBe(pid);

    await tabs.type('ls /\n');
    await tabs.waitForLine(/bin/);
    await screenshotThemes(app.page, 'container-terminal');
    expect(app.pageErrors).toEqual([]);
  });

  it('stats: draws live charts with the memory a container uses and its limit', async () => {
    const tabs = new ContainerTabsPage(app.page);
    // 48 MB in tmpfs counts as the container's memory (it is not reclaimable page cache).
    const id = await run(uniqueName('stats'), ['sh', '-c', 'head -c 48000000 /dev/zero > /dev/shm/fill; sleep 300'], {
      memory: '256m',
    });
    await tabs.open(id, 'stats');
    await tabs.waitForStats('live');

    const mib = (text: string) => {
      const [value = '0', unit = ''] = text.split(' ');
      return Number(value) * ({ KiB: 1 / 1024, MiB: 1, GiB: 1024 }[unit] ?? 0);
    };
    await expect.poll(async () => mib(await tabs.reading('memory', 'Used')), { timeout: 20_000 }).toBeGreaterThan(40);
    expect(await tabs.reading('memory', 'Of limit')).toMatch(/^\d+(\.\d)?%$/);
    expect(await tabs.panel('memory').textContent()).toContain('limit 256 MiB');
    await expect.poll(() => tabs.drawnPoints('memory'), { timeout: 20_000 }).toBeGreaterThanOrEqual(3);
    expect(await tabs.seriesPixels('memory', '--chart-memory')).toBeGreaterThan(5);
    expect(await tabs.seriesPixels('memory', '--chart-limit')).toBeGreaterThan(5);
    expect(await tabs.reading('cpu', 'Usage')).toMatch(/^\d+(\.\d+)?%$/);
    expect(await tabs.reading('network', 'In')).toMatch(/B\/s$/);
    expect(await tabs.drawnPoints('cpu')).toBeGreaterThanOrEqual(3);

    // A few more seconds of history, so the screenshot shows lines rather than dots.
    await expect.poll(() => tabs.drawnPoints('memory'), { timeout: 30_000 }).toBeGreaterThanOrEqual(12);

    await screenshotThemes(app.page, 'container-stats');

    await docker.getContainer(id).stop({ t: 1 });
    await tabs.stats.getByTestId('stats-not-running').waitFor();
    expect(await tabs.stats.textContent()).toContain('Start');
    expect(app.pageErrors).toEqual([]);
  });

  it('files: lists folders, downloads a file to the host and uploads one into the container', async () => {
    const tabs = new ContainerTabsPage(app.page);
    const name = uniqueName('files');
    const id = await run(name, [
      'sh',
      '-c',
      'mkdir -p /data/sub && head -c 1234 /dev/urandom > /data/sub/blob.bin && ln -s /etc/passwd /data/pw && sleep 300',
    ]);
    await tabs.open(id, 'files');
    await tabs.waitForFolder('/');
    await tabs.enter('etc');
    await tabs.fileRow('passwd').waitFor();
    expect(await tabs.fileNames()).toContain('group');

    await tabs.crumb('/');
    await tabs.enter('data');
    expect(await tabs.fileNames()).toEqual(['sub', 'pw']);
    expect(await tabs.fileRow('pw').textContent()).toContain('→ /etc/passwd');
    await tabs.enter('sub');
    expect(await tabs.fileSize('blob.bin')).toBe('1.2 kB');

    // Download: prefilled with the host's Downloads folder (home without one); lands in the folder typed.
    const paths = await app.api.client.call('system.paths', {});
    expect(await tabs.askDownload('blob.bin')).toBe(paths.downloads);
    await screenshotThemes(app.page, 'container-files-download');
    const target = await hostDir();
    await tabs.submitHostPath(target);
    expect(await tabs.landedPath()).toBe(join(target, 'blob.bin'));
    const downloaded = await readFile(join(target, 'blob.bin'));
    expect(downloaded.length).toBe(1234);
    expect(downloaded.equals(await containerFile(id, '/data/sub/blob.bin'))).toBe(true);

    // Upload: a relative path is refused under the field and never sent; an absolute one lands in this folder.
    const source = join(await hostDir(), 'notes.txt');
    const content = `uploaded ${randomBytes(8).toString('hex')}\n`;
    await writeFile(source, content);
    await tabs.askUpload();
    const input = tabs.hostPathDialog.getByTestId('host-path').locator('input');
    await input.fill('notes.txt');
    await tabs.hostPathDialog.getByText('must be an absolute path').waitFor();
    expect(await tabs.hostPathDialog.getByTestId('submit').isDisabled()).toBe(true);
    await screenshotThemes(app.page, 'container-files-upload');
    await input.press('Enter');
    expect(await tabs.hostPathDialog.isVisible()).toBe(true);
    await tabs.submitHostPath(source);
    await tabs.shell.toast('Uploaded notes.txt to /data/sub').waitFor();
    await tabs.fileRow('notes.txt').waitFor();
    expect(await tabs.fileSize('notes.txt')).toBe(`${content.length} B`);
    expect((await containerFile(id, '/data/sub/notes.txt')).toString()).toBe(content);

    await screenshotThemes(app.page, 'container-files');
    expect(app.pageErrors).toEqual([]);
  });

  it('says to start a stopped container on each tab', async () => {
    const tabs = new ContainerTabsPage(app.page);
    const { id } = await app.api.client.call('containers.run', {
      spec: { image, name: uniqueName('stopped'), command: ['true'], labels },
      start: false,
    });
    await tabs.open(id, 'terminal');
    await tabs.terminal.getByTestId('terminal-not-running').waitFor();
    await tabs.switchTo('stats');
    await tabs.stats.getByTestId('stats-not-running').waitFor();
    await tabs.switchTo('files');
    await tabs.files.getByTestId('files-not-running').waitFor();
    expect(await tabs.files.textContent()).toContain('to browse its files');
  });

  it('explains that a container without a shell has no terminal and no file listing', async () => {
    const tabs = new ContainerTabsPage(app.page);
    const { id } = await app.api.client.call('containers.run', {
      spec: { image: await noShellImage(), name: uniqueName('no-shell'), labels },
    });
    await tabs.open(id, 'files');
    await tabs.files.getByTestId('files-no-shell').waitFor();
    expect(await tabs.files.textContent()).toContain('no shell to list files with');
    await tabs.switchTo('terminal');
    await tabs.waitForTerminalStatus(/Process exited with code 12[67] — \/bin\/sh may be missing/);
    expect(app.pageErrors).toEqual([]);
  });
});
