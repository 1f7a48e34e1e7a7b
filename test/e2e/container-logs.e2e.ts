// A container's Logs tab in Chromium against a real engine: a 100,000-character line kept whole in the viewer and
// in the download, downloads byte-for-byte what the engine's logs endpoint sends (with or without timestamps and
// ANSI codes), timestamps toggled mid-stream without losing a line, and a download that says what it leaves out.
// Screenshots of a long folded line and a search at 1280 and 900 px, and of the download dialog.
import { readFile } from 'node:fs/promises';
import type { Download } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { engineLog } from '../support/container-output';
import { testEngine, testLabels, uniqueName } from '../support/engine';
import { ContainerDetailPage } from './pages/container-detail-page';
import { useBerthApp } from './support/berth-app';
import { screenshotThemes } from './support/screenshots';

const app = useBerthApp();
const { docker, image } = testEngine();
const labels = testLabels();

/** Seven lines: plain, coloured, "\r\n"-ended, stderr, 100,000 characters (BEGIN x… END), two more; then idles. */
const SCRIPT = `trap 'exit 0' TERM
echo "first line"
printf '\\033[31mred\\033[0m and plain\\n'
printf 'crlf line\\r\\n'
usleep 150000; echo "to stderr" >&2; usleep 150000
printf BEGIN; head -c 99992 /dev/zero | tr '\\0' x; echo END
echo "after the long line"
echo ready
sleep 300 & wait`;
const LONG = `BEGIN${'x'.repeat(99992)}END`;

async function run(name: string, script: string): Promise<string> {
  const { id } = await app.api.client.call('containers.run', {
    spec: { image, name, command: ['sh', '-c', script], labels },
  });
  return id;
}

const bytes = async (download: Download) => readFile(await download.path());
const SGR = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');
const withoutAnsi = (log: Buffer) => Buffer.from(log.toString('utf8').replace(SGR, ''), 'utf8');

describe('Container logs', () => {
  it('keeps a 100,000-character line whole in the viewer and in the download, byte for byte', async () => {
    const name = uniqueName('long-line');
    const id = await run(name, SCRIPT);
    const page = new ContainerDetailPage(app.page);
    await page.open(id, name);
    await page.setRange('All lines');
    await page.row('ready').waitFor();
    expect(await page.lineCount()).toBe(7);
    const drawn = await page.drawnLines();
    expect(drawn.map((l) => [l.stream, l.text.length > 100 ? `${l.text.length} chars` : l.text])).toEqual([
      ['stdout', 'first line'],
      ['stdout', 'red and plain'],
      ['stdout', 'crlf line'],
      ['stderr', 'to stderr'],
      ['stdout', '2000 chars'],
      ['stdout', 'after the long line'],
      ['stdout', 'ready'],
    ]);
    const more = page.viewer.getByTestId('show-full-line');
    expect(await more.count()).toBe(1);
    expect(await more.textContent()).toContain('98,000 more characters');

    // The search finds the end of the long line, which is folded away.
    await page.search('xEND');
    await expect.poll(() => page.matchLabel()).toBe('1 of 1');
    expect(await more.textContent()).toMatch(/98,000 more characters\s+\(1 match\)\s+— show full line/);
    await screenshotThemes(app.page, 'container-logs-long-line');
    await app.page.setViewportSize({ width: 900, height: 700 });
    try {
      await page.search('after the long');
      await expect.poll(() => page.matchLabel()).toBe('1 of 1');
      const box = await page.root.getByTestId('logs-search').boundingBox();
      const label = await page.root.getByTestId('match-count').boundingBox();
      expect(label!.x + label!.width).toBeLessThanOrEqual(box!.x + box!.width);
      await screenshotThemes(app.page, 'container-logs-900');
    } finally {
      await app.page.setViewportSize({ width: 1280, height: 800 });
    }
    await page.searchKey('Escape');

    await more.click();
    const dialog = app.page.getByTestId('full-line-dialog');
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('100,000 characters');
    expect(await dialog.locator('.full-line-text').textContent()).toBe(LONG);
    await app.page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });

    const container = docker.getContainer(id);
    await page.askDownload();
    expect(await page.missingFromDownload()).toEqual([]);
    const plain = await bytes(await page.download({ timestamps: false, ansi: true }));
    expect(plain.equals(await engineLog(container, false))).toBe(true);
    expect(plain.toString('utf8').split('\n')[4]).toBe(LONG);
    // With timestamps the engine repeats the line's timestamp before each 16 KiB piece of the long line.
    const stamped = await bytes(await page.download({ timestamps: true, ansi: true }));
    const engineStamped = await engineLog(container, true);
    expect(stamped.length).toBe(engineStamped.length);
    expect(stamped.equals(engineStamped)).toBe(true);
    const stripped = await bytes(await page.download({ timestamps: true, ansi: false }));
    expect(stripped.equals(withoutAnsi(engineStamped))).toBe(true);
    expect(app.pageErrors, app.pageErrors.join('\n')).toEqual([]);
  });

  it('toggles timestamps mid-stream with the line count unchanged, and says what a download leaves out', async () => {
    const name = uniqueName('stamps');
    const id = await run(name, `seq 1 30000; i=0; while true; do i=$((i+1)); echo "live $i"; usleep 20000; done`);
    const page = new ContainerDetailPage(app.page);
    await page.open(id, name);
    await page.setRange('All lines');
    if (await page.isOn('timestamps')) await page.toggle('timestamps');
    await expect.poll(() => page.lineCount(), { timeout: 30_000 }).toBeGreaterThan(30_050);

    // Read first: the watcher's first count comes after it, so it can only be as high or higher.
    const before = await page.lineCount();
    // Every count the status line shows, frame by frame, while timestamps go on and off.
    await app.page.evaluate(() => {
      const seen: number[] = [];
      const w = window as unknown as { counts: number[]; watching: boolean };
      w.counts = seen;
      w.watching = true;
      const look = () => {
        seen.push(Number(document.querySelector('[data-test="line-count"]')?.getAttribute('data-count')));
        if (w.watching) requestAnimationFrame(look);
      };
      look();
    });
    await page.toggle('timestamps');
    await page
      .row('live 1')
      .locator('.log-stamp')
      .waitFor({ state: 'detached' })
      .catch(() => undefined);
    await page.viewer.locator('.log-stamp').first().waitFor();
    await expect.poll(() => page.lineCount()).toBeGreaterThan(before + 20);
    await page.toggle('timestamps');
    await expect.poll(() => page.viewer.locator('.log-stamp').count()).toBe(0);
    await expect.poll(() => page.lineCount()).toBeGreaterThan(before + 40);
    const counts = await app.page.evaluate(() => {
      const w = window as unknown as { counts: number[]; watching: boolean };
      w.watching = false;
      return w.counts;
    });
    expect(counts[0]).toBeGreaterThanOrEqual(before);
    const drops = counts.filter((n, i) => i > 0 && n < counts[i - 1]!);
    expect(drops).toEqual([]);

    // Mid-stream, the file holds every line so far, exactly as the engine sends them.
    const held = await bytes(await page.download({ timestamps: true, ansi: false }));
    const sent = await engineLog(docker.getContainer(id), true);
    expect(held.length).toBeGreaterThan(30_000 * 30);
    expect(sent.subarray(0, held.length).equals(held)).toBe(true);
    expect(held.at(-1)).toBe(0x0a);

    // A range is not the whole log: the dialog says so before writing the file.
    await page.setRange('Last 100 lines');
    await expect.poll(() => page.lineCount()).toBeLessThan(1000);
    await page.askDownload();
    expect(await page.missingFromDownload()).toEqual([
      'The range shown is the last 100 lines (and what came since); choose “All lines” for the whole log.',
    ]);
    expect(await page.downloadDialog.getByTestId('dialog-submit').textContent()).toContain('Download these lines');
    await screenshotThemes(app.page, 'container-logs-download');
    const partial = (await bytes(await page.download({ timestamps: false }))).toString('utf8').split('\n');
    expect(partial[0]).toMatch(/^live \d+$/);
    expect(partial.length).toBeGreaterThan(100);
    expect(app.pageErrors, app.pageErrors.join('\n')).toEqual([]);
  });
});
