// Page object for a container's Terminal, Stats and Files tabs, opened by URL: the xterm screen, stats panels, the file browser.
import type { Locator, Page } from 'playwright-core';
import { Shell } from './shell';

export type ContainerTab = 'terminal' | 'stats' | 'files';
export type StatsPanel = 'cpu' | 'memory' | 'network' | 'block';

export class ContainerTabsPage {
  readonly shell: Shell;

  constructor(readonly page: Page) {
    this.shell = new Shell(page);
  }

  /** Opens `/#/containers/<id>/<tab>` and waits for the tab's own root. */
  async open(id: string, tab: ContainerTab): Promise<void> {
    await this.page.evaluate((hash) => (location.hash = hash), `#/containers/${id}/${tab}`);
    await this.tab(tab).waitFor();
  }

  /** The visible root of a tab: `terminal-tab`, `stats-tab` or `files-tab`. */
  tab(tab: ContainerTab): Locator {
    return this.page.locator(`[data-test="${tab}-tab"]:visible`);
  }

  /** Switches tabs with the detail page's tab bar (components stay mounted). */
  async switchTo(tab: ContainerTab): Promise<void> {
    await this.page.getByTestId(`tab-${tab}`).click();
    await this.tab(tab).waitFor();
  }

  // Terminal

  get terminal(): Locator {
    return this.tab('terminal');
  }

  /** The screen and scrollback xterm has drawn, one string per row, trailing blanks trimmed. */
  terminalLines(): Promise<string[]> {
    return this.terminal
      .locator('.xterm-rows')
      .evaluate((rows) => [...rows.children].map((row) => (row.textContent ?? '').replace(/\s+$/, '')));
  }

  async waitForLine(pattern: RegExp): Promise<string> {
    const found = await this.page.waitForFunction(
      ({ source, flags }) => {
        const re = new RegExp(source, flags);
        const rows = document.querySelector('[data-test="terminal-tab"] .xterm-rows');
        return [...(rows?.children ?? [])].map((r) => r.textContent ?? '').find((line) => re.test(line)) ?? false;
      },
      { source: pattern.source, flags: pattern.flags },
    );
    return (await found.jsonValue()) as string;
  }

  /** Types into the terminal as the keyboard would (use "\n" for Enter). */
  async type(text: string): Promise<void> {
    await this.terminal.locator('.xterm-helper-textarea').focus();
    await this.page.keyboard.type(text);
  }

  /** "Connected · /bin/sh", "Process exited with code 3", … */
  async terminalStatus(): Promise<string> {
    return ((await this.terminal.getByTestId('terminal-status').textContent()) ?? '').trim();
  }

  async waitForTerminalStatus(text: string | RegExp): Promise<void> {
    await this.terminal.getByTestId('terminal-status').filter({ hasText: text }).waitFor();
  }

  /** The size the terminal shows (and told the process), as [rows, cols] like `stty size`. */
  async terminalSize(): Promise<[number, number]> {
    const text = (await this.terminal.getByTestId('terminal-size').textContent()) ?? '';
    const [cols, rows] = text.split('×').map((n) => Number(n.trim()));
    return [rows ?? 0, cols ?? 0];
  }

  async reconnect(): Promise<void> {
    await this.terminal.getByTestId('terminal-reconnect').click();
  }

  // Stats

  get stats(): Locator {
    return this.tab('stats');
  }

  /** Waits for the Stats tab's session state: "live" once readings arrive. */
  async waitForStats(state: 'loading' | 'live' | 'ended' | 'error'): Promise<void> {
    await this.page.locator(`[data-test="stats-tab"][data-state="${state}"]:visible`).waitFor();
  }

  panel(name: StatsPanel): Locator {
    return this.stats.getByTestId(`stats-${name}`);
  }

  /** A number shown above a chart, e.g. reading('memory', 'Used') → "48.1 MiB". */
  async reading(panel: StatsPanel, label: string): Promise<string> {
    return ((await this.panel(panel).locator(`[data-reading="${label}"] .value`).textContent()) ?? '').trim();
  }

  /** Points in the chart's last draw (uPlot's draw hook records them). */
  async drawnPoints(panel: StatsPanel): Promise<number> {
    return Number((await this.panel(panel).locator('.stats-chart').getAttribute('data-drawn-points')) ?? 0);
  }

  /**
   * Canvas pixels painted in the colour of a series (its CSS variable, e.g. "--chart-memory"):
   * more than a handful means its line was drawn.
   */
  seriesPixels(panel: StatsPanel, colorVar: string): Promise<number> {
    return this.panel(panel)
      .locator('.stats-chart')
      .evaluate((chart, name) => {
        const hex = getComputedStyle(chart).getPropertyValue(name).trim().replace('#', '');
        const [r, g, b] = [0, 2, 4].map((i) => Number.parseInt(hex.slice(i, i + 2), 16));
        const canvas = chart.querySelector('canvas');
        const ctx = canvas?.getContext('2d');
        if (!canvas || !ctx || r === undefined || g === undefined || b === undefined) return 0;
        const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
        let count = 0;
        for (let i = 0; i < data.length; i += 4) {
          const near = Math.abs(data[i]! - r) + Math.abs(data[i + 1]! - g) + Math.abs(data[i + 2]! - b) < 40;
          if (near && data[i + 3]! > 200) count++;
        }
        return count;
      }, colorVar);
  }

  // Files

  get files(): Locator {
    return this.tab('files');
  }

  fileRow(name: string): Locator {
    return this.files.locator('.vt-row').filter({ has: this.page.locator(`[data-file="${name}"]`) });
  }

  fileNames(): Promise<string[]> {
    return this.files
      .locator('.vt-row [data-file]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-file') ?? ''));
  }

  /** The folder on screen, e.g. "/etc". */
  async folder(): Promise<string> {
    return (await this.files.getByTestId('breadcrumb').getAttribute('data-path')) ?? '';
  }

  async waitForFolder(path: string): Promise<void> {
    await this.files.locator(`[data-test="breadcrumb"][data-path="${path}"]`).waitFor();
    await this.files.getByTestId('files-loading').waitFor({ state: 'detached' });
  }

  /** Double-clicks a folder row and waits until its listing shows. */
  async enter(name: string): Promise<void> {
    const target = (await this.folder()) === '/' ? `/${name}` : `${await this.folder()}/${name}`;
    await this.fileRow(name).dblclick();
    await this.waitForFolder(target);
  }

  async crumb(path: string): Promise<void> {
    await this.files.locator(`[data-crumb="${path}"]`).click();
    await this.waitForFolder(path);
  }

  /** The size column of a row, e.g. "1.2 kB". */
  async fileSize(name: string): Promise<string> {
    return ((await this.fileRow(name).locator('[data-col="size"]').textContent()) ?? '').trim();
  }

  get hostPathDialog(): Locator {
    return this.page.locator('.n-modal').filter({ has: this.page.getByTestId('host-path') });
  }

  /** Opens the download dialog of a row; returns the folder it was prefilled with. */
  async askDownload(name: string): Promise<string> {
    const row = this.fileRow(name);
    await row.hover();
    await row.getByTestId('file-download').click();
    await this.hostPathDialog.waitFor();
    return this.hostPathDialog.getByTestId('host-path').locator('input').inputValue();
  }

  /** Fills the open host path dialog and submits it with Enter. */
  async submitHostPath(path: string): Promise<void> {
    await this.hostPathDialog.getByTestId('host-path').locator('input').fill(path);
    await this.hostPathDialog.getByTestId('host-path').locator('input').press('Enter');
  }

  /** Where the last download landed, as the tab shows it. */
  async landedPath(): Promise<string> {
    await this.files.getByTestId('download-result').waitFor();
    return ((await this.files.getByTestId('download-path').textContent()) ?? '').trim();
  }

  async askUpload(): Promise<void> {
    await this.files.getByTestId('files-upload').click();
    await this.hostPathDialog.waitFor();
  }
}
