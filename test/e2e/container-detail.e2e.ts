// A container's detail page in Chromium against a real engine: logs (order, stderr, colours, long lines, search,
// matching lines, follow, timestamps, download, clear, resuming after a restart), inspect with masked secrets,
// processes, header actions, delete, and a container that disappears. Screenshots of the three tabs.
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { testEngine, testLabels, uniqueName, waitFor } from '../support/engine';
import { ContainerDetailPage } from './pages/container-detail-page';
import { ContainersPage } from './pages/containers-page';
import { useBerthApp } from './support/berth-app';
import { screenshotThemes } from './support/screenshots';

const app = useBerthApp();
const { docker, image } = testEngine();
const labels = testLabels();

/**
 * Numbered lines on stdout and stderr (short pauses around stderr writes keep the two streams in order),
 * coloured lines, a 100,000-character line, then "ready"; once /tmp/go exists, ten live lines a second
 * apart; then it idles (and exits on SIGTERM).
 */
const SCRIPT = `trap 'exit 0' TERM
i=1
while [ $i -le 40 ]; do
  if [ $((i % 10)) -eq 0 ]; then usleep 150000; echo "err line $i" >&2; usleep 150000; else echo "out line $i"; fi
  i=$((i+1))
done
printf '\\033[31mred alert 41\\033[0m plain\\n'
printf '\\033[1;32mgreen ok 42\\033[0m\\n'
echo "needle one 43"
usleep 150000; echo "needle two 44" >&2; usleep 150000
head -c 100000 /dev/zero | tr '\\0' x; echo
echo ready
while [ ! -f /tmp/go ]; do usleep 100000; done
j=1
while [ $j -le 10 ]; do echo "live $j"; j=$((j+1)); sleep 1; done
sleep 300 & wait`;

/** What the script prints before "go", as [stream, text]; the long line arrives whole. */
const FIRST_RUN: Array<[string, string]> = [
  ...Array.from({ length: 40 }, (_, k): [string, string] =>
    (k + 1) % 10 === 0 ? ['stderr', `err line ${k + 1}`] : ['stdout', `out line ${k + 1}`],
  ),
  ['stdout', 'red alert 41 plain'],
  ['stdout', 'green ok 42'],
  ['stdout', 'needle one 43'],
  ['stderr', 'needle two 44'],
  ['stdout', 'x'.repeat(100000)],
  ['stdout', 'ready'],
];
const LIVE = Array.from({ length: 10 }, (_, k) => `live ${k + 1}`);

async function exec(name: string, cmd: string[]): Promise<void> {
  const run = await docker.getContainer(name).exec({ Cmd: cmd, AttachStdout: true, AttachStderr: true });
  const stream = await run.start({});
  await new Promise((resolve) => {
    stream.on('end', resolve);
    stream.resume();
  });
}

describe('Container detail page', () => {
  const name = uniqueName('detail');
  let page: ContainerDetailPage;

  it('opens from the Containers page and shows the logs in order, stderr marked, colours rendered', async () => {
    await app.api.client.call('containers.run', {
      spec: {
        image,
        name,
        command: ['sh', '-c', SCRIPT],
        env: ['DB_PASSWORD=s3cret', 'APP_MODE=demo'],
        labels,
      },
    });
    const containers = new ContainersPage(app.page);
    await containers.open();
    await containers.waitForState(name, 'running');
    await containers.openDetail(name);
    page = new ContainerDetailPage(app.page);
    await page.waitForLoaded(name);
    await page.waitForState('running');
    expect(await app.page.evaluate(() => location.hash)).toMatch(/^#\/containers\/[0-9a-f]{64}$/);

    await page.row('ready').waitFor();
    expect(await page.lineCount()).toBe(FIRST_RUN.length);
    const drawn = await page.drawnLines();
    expect(drawn.map((l) => l.line)).toEqual(FIRST_RUN.map((_, i) => i));
    expect(drawn.map((l) => l.stream)).toEqual(FIRST_RUN.map(([stream]) => stream));
    const short = (text: string) => (text.length > 100 ? `${text.length} × x` : text);
    expect(drawn.slice(0, 44).map((l) => l.text)).toEqual(FIRST_RUN.slice(0, 44).map(([, text]) => text));
    // The long line is drawn cut, with a way to see it whole; the page stays responsive.
    expect(short(drawn[44]!.text)).toBe('2000 × x');
    await page.row('err line 10').locator('.log-gutter').waitFor();
    expect(
      await page
        .row('err line 10')
        .locator('.log-gutter')
        .evaluate((el) => getComputedStyle(el).backgroundColor),
    ).toBe('rgb(229, 72, 77)');
    expect(await page.row('err line 10').locator('.log-gutter').getAttribute('title')).toBe('stderr');

    const red = page.row('red alert 41 plain').locator('.log-text span').first();
    expect(await red.textContent()).toBe('red alert 41');
    expect(await red.evaluate((el) => getComputedStyle(el).color)).toBe('rgb(207, 34, 46)');
    const green = page.row('green ok 42').locator('.log-text span').first();
    expect(await green.evaluate((el) => [getComputedStyle(el).color, getComputedStyle(el).fontWeight])).toEqual([
      'rgb(17, 99, 41)',
      '600',
    ]);
    expect(await page.row('red alert 41 plain').locator('.log-text').innerHTML()).not.toContain('\x1b');

    await page.viewer.getByTestId('show-full-line').first().click();
    const dialog = app.page.getByTestId('full-line-dialog');
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('100,000 characters');
    await app.page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(app.pageErrors).toEqual([]);
  });

  it('searches with a match count, moves between matches and shows only matching lines', async () => {
    await page.search('NEEDLE');
    await expect.poll(() => page.matchLabel()).toBe('1 of 2');
    expect(await page.currentMatchRow.textContent()).toContain('needle one 43');
    expect(await page.isOn('follow')).toBe(false);
    await page.searchKey('Enter');
    await expect.poll(() => page.matchLabel()).toBe('2 of 2');
    expect(await page.currentMatchRow.textContent()).toContain('needle two 44');
    await page.searchKey('Shift+Enter');
    await expect.poll(() => page.matchLabel()).toBe('1 of 2');
    await page.root.getByTestId('match-next').click();
    await expect.poll(() => page.matchLabel()).toBe('2 of 2');
    await screenshotThemes(app.page, 'container-logs');

    await page.toggleFilter();
    await expect
      .poll(async () => (await page.drawnLines()).map((l) => l.text))
      .toEqual(['needle one 43', 'needle two 44']);
    expect(await page.root.getByTestId('line-count').textContent()).toContain('2 matching');
    await page.toggleFilter();
    await page.row('out line 1').waitFor();

    await page.search('no such text');
    await expect.poll(() => page.matchLabel()).toBe('No matches');
    await page.searchKey('Escape');
    await expect.poll(() => page.matchLabel()).toBe('');
  });

  it('shows timestamps when asked', async () => {
    await page.toggle('timestamps');
    await page.row('ready').locator('.log-stamp').waitFor();
    expect(await page.row('ready').locator('.log-stamp').textContent()).toMatch(
      /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}$/,
    );
    expect(await page.row('ready').locator('.log-stamp').getAttribute('title')).toMatch(/^\d{4}-\d\d-\d\dT.*Z$/);
    await expect.poll(() => page.lineCount()).toBe(FIRST_RUN.length);
    await page.toggle('timestamps');
    await page.row('ready').waitFor();
    await expect.poll(() => page.row('ready').locator('.log-stamp').count()).toBe(0);
  });

  it('wraps long lines when asked', async () => {
    const long = page.viewer.locator('.log-row', { has: app.page.getByTestId('show-full-line') }).first();
    const height = () => long.evaluate((el) => el.getBoundingClientRect().height);
    expect(await height()).toBe(18);
    await page.toggle('wrap');
    await expect.poll(height).toBeGreaterThan(100);
    await page.toggle('wrap');
    await expect.poll(height).toBe(18);
  });

  it('follows new lines, stops following when scrolled up and follows again at the end', async () => {
    if (!(await page.isOn('follow'))) await page.toggle('follow');
    await exec(name, ['touch', '/tmp/go']);
    await page.row('live 2').waitFor({ timeout: 15_000 });

    await page.wheel(-400);
    await expect.poll(() => page.isOn('follow')).toBe(false);
    await page.jumpToEnd.waitFor({ timeout: 15_000 });
    await page.wheel(5000);
    await expect.poll(() => page.isOn('follow')).toBe(true);
    await page.jumpToEnd.waitFor({ state: 'detached' });

    await page.wheel(-400);
    await expect.poll(() => page.isOn('follow')).toBe(false);
    await page.jumpToEnd.click({ timeout: 15_000 });
    await expect.poll(() => page.isOn('follow')).toBe(true);
    await page.row('live 10').waitFor({ timeout: 20_000 });
    const distanceFromEnd = await page.viewer
      .getByTestId('log-scroll')
      .evaluate((el) => el.scrollHeight - el.scrollTop - el.clientHeight);
    expect(distanceFromEnd).toBeLessThan(5);
  });

  it('keeps its place when switching tabs', async () => {
    await page.wheel(-300);
    await expect.poll(() => page.isOn('follow')).toBe(false);
    const scroller = page.viewer.getByTestId('log-scroll');
    const top = await scroller.evaluate((el) => el.scrollTop);
    await page.tab('inspect');
    await page.tab('logs');
    expect(await scroller.evaluate((el) => el.scrollTop)).toBe(top);
    await page.toggle('follow');
  });

  it('downloads the lines as a .log file and clears the view', async () => {
    const download = await page.download();
    expect(download.suggestedFilename()).toMatch(
      new RegExp(`^${name}_\\d{4}-\\d\\d-\\d\\d_\\d\\d-\\d\\d-\\d\\d\\.log$`),
    );
    const content = await readFile(await download.path(), 'utf8');
    const expected = [...FIRST_RUN.map(([, text]) => text), ...LIVE].join('\n') + '\n';
    expect(content.length).toBe(expected.length);
    expect(content === expected).toBe(true);

    await page.clear();
    await expect.poll(() => page.lineCount()).toBe(0);
    await page.viewer.getByText('No log lines').waitFor();
  });

  it('shows the inspect tree with secret env values masked until clicked, and copies values', async () => {
    await page.tab('inspect');
    await page.treeRow('Config.Env').waitFor();
    await page.treeRow('Config.Env').scrollIntoViewIfNeeded();
    const secret = page.root.getByTestId('secret-value').filter({ hasText: 'DB_PASSWORD' });
    expect(await secret.textContent()).toContain('DB_PASSWORD=••••••');
    expect(await page.root.getByTestId('inspect-tree').textContent()).not.toContain('s3cret');
    expect(await page.root.getByTestId('inspect-tree').textContent()).toContain('APP_MODE=demo');
    await screenshotThemes(app.page, 'container-inspect');
    await secret.click();
    expect(await secret.textContent()).toContain('DB_PASSWORD=s3cret');
    await secret.click();
    expect(await secret.textContent()).not.toContain('s3cret');

    await app.page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.copyNode('Config.Image');
    await page.shell.toast('Copied Config.Image').waitFor();
    expect(await app.page.evaluate(() => navigator.clipboard.readText())).toBe(image);

    await page.root.getByTestId('inspect-filter').locator('input').fill('restartcount');
    await expect.poll(() => page.root.getByTestId('inspect-tree').locator('[role="treeitem"]').count()).toBe(1);
    await page.root.getByTestId('inspect-filter').locator('input').fill('');
  });

  it('lists the running processes', async () => {
    await page.tab('processes');
    await expect
      .poll(() => page.processRows().allTextContents(), { timeout: 15_000 })
      .toEqual(expect.arrayContaining([expect.stringContaining('sleep 300')]));
    await screenshotThemes(app.page, 'container-processes');
  });

  it('stops and starts from the header, and the logs follow the new run', async () => {
    await page.action('stop');
    await page.waitForState('exited');
    expect((await docker.getContainer(name).inspect()).State.Running).toBe(false);
    await page.root.getByTestId('processes-tab').getByText('The container is not running').waitFor();

    await page.action('start');
    await page.waitForState('running');
    expect((await docker.getContainer(name).inspect()).State.Running).toBe(true);
    await page.tab('logs');
    await expect.poll(() => page.lineCount(), { timeout: 15_000 }).toBeGreaterThanOrEqual(FIRST_RUN.length);
    await page.row('ready').waitFor();
    // The view was cleared before the stop: it holds the new run only, without lines from before the start.
    const lines = (await readFile(await (await page.download()).path(), 'utf8')).split('\n');
    expect(lines.slice(0, 3)).toEqual(['out line 1', 'out line 2', 'out line 3']);
    expect(lines.filter((l) => l === 'ready')).toHaveLength(1);
  });

  it('deletes after a confirmation and goes back to the list', async () => {
    await page.action('delete');
    expect(await page.shell.dialog.textContent()).toContain(name);
    await page.shell.cancel();
    expect((await docker.getContainer(name).inspect()).State.Running).toBe(true);

    await page.action('delete');
    await page.shell.confirm();
    await app.page.getByTestId('containers-page').waitFor();
    await waitFor(async () =>
      docker
        .getContainer(name)
        .inspect()
        .then(() => false)
        .catch(() => true),
    );
  });

  it('says so when the container disappears, with a way back', async () => {
    const other = uniqueName('vanishing');
    const { id } = await app.api.client.call('containers.run', {
      spec: { image, name: other, command: ['sleep', '300'], labels },
    });
    await app.page.evaluate((target) => (location.hash = `#/containers/${target}/inspect`), id);
    await page.waitForLoaded(other);
    await app.api.client.call('containers.remove', { id, force: true });
    await page.gone.waitFor();
    expect(await page.gone.textContent()).toContain('no longer exists');
    await page.gone.getByTestId('back-to-containers').click();
    await app.page.getByTestId('containers-page').waitFor();
    expect(app.pageErrors).toEqual([]);
  });
});
