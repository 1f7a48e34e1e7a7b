// Page object for a container's detail page: header state and actions, tabs, the logs viewer, inspect tree, processes.
import type { Download, Locator, Page } from 'playwright-core';
import { Shell } from './shell';

export type DetailTab = 'logs' | 'inspect' | 'terminal' | 'stats' | 'files' | 'processes';
export type LogsToggle = 'timestamps' | 'wrap' | 'follow';

/** A log line as drawn: its number in the view, stream and visible text. */
export interface DrawnLine {
  line: number;
  stream: string;
  text: string;
}

export class ContainerDetailPage {
  readonly shell: Shell;

  constructor(readonly page: Page) {
    this.shell = new Shell(page);
  }

  get root(): Locator {
    return this.page.getByTestId('container-detail-page');
  }

  /** Opens `/#/containers/<id>/<tab>` and waits for the container's name in the header. */
  async open(id: string, name: string, tab: DetailTab = 'logs'): Promise<void> {
    await this.page.evaluate((hash) => (location.hash = hash), `#/containers/${id}/${tab}`);
    await this.waitForLoaded(name);
  }

  async waitForLoaded(name: string): Promise<void> {
    await this.root.locator('h1', { hasText: name }).waitFor();
  }

  async tab(name: DetailTab): Promise<void> {
    await this.root.getByTestId(`tab-${name}`).click();
    await this.page.waitForFunction((tab) => location.hash.endsWith(`/${tab}`), name);
  }

  /** The engine state the header shows ("running", "exited", …). */
  state(): Promise<string | null> {
    return this.root.getByTestId('container-state').getAttribute('data-state');
  }

  async waitForState(state: string): Promise<void> {
    await this.root.locator(`[data-test="container-state"][data-state="${state}"]`).waitFor();
  }

  async action(name: 'start' | 'stop' | 'restart' | 'delete'): Promise<void> {
    await this.root.getByTestId(name).click();
  }

  get gone(): Locator {
    return this.root.getByTestId('container-gone');
  }

  // Logs

  get viewer(): Locator {
    return this.root.getByTestId('log-viewer');
  }

  /** Drawn rows whose visible text is exactly `text`. */
  row(text: string): Locator {
    const exact = new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
    return this.viewer.locator('.log-row').filter({ has: this.page.locator('.log-text', { hasText: exact }) });
  }

  /** Every row the viewer has drawn, in line order. */
  drawnLines(): Promise<DrawnLine[]> {
    return this.viewer.locator('.log-row').evaluateAll((rows) =>
      rows
        .map((row) => ({
          line: Number(row.getAttribute('data-line')),
          stream: row.getAttribute('data-stream') ?? '',
          text: row.querySelector('.log-text')?.textContent ?? '',
        }))
        .sort((a, b) => a.line - b.line),
    );
  }

  /** How many lines the view holds (the status line's count). */
  async lineCount(): Promise<number> {
    return Number(await this.root.getByTestId('line-count').getAttribute('data-count'));
  }

  async search(text: string): Promise<void> {
    await this.root.getByTestId('logs-search').locator('input').fill(text);
  }

  async searchKey(key: 'Enter' | 'Shift+Enter' | 'Escape'): Promise<void> {
    await this.root.getByTestId('logs-search').locator('input').press(key);
  }

  /** "2 of 5", "No matches", or "" without a search. */
  async matchLabel(): Promise<string> {
    const label = this.root.getByTestId('match-count');
    return (await label.count()) ? ((await label.textContent()) ?? '').trim() : '';
  }

  /** The row holding the current match. */
  get currentMatchRow(): Locator {
    return this.viewer.locator('.log-row').filter({ has: this.page.locator('.log-current') });
  }

  async toggleFilter(): Promise<void> {
    await this.root.getByTestId('filter-matches').click();
  }

  async toggle(name: LogsToggle): Promise<void> {
    await this.root.getByTestId(`toggle-${name}`).click();
  }

  async isOn(name: LogsToggle | 'filter'): Promise<boolean> {
    const id = name === 'filter' ? 'filter-matches' : `toggle-${name}`;
    return (await this.root.getByTestId(id).getAttribute('aria-pressed')) === 'true';
  }

  async setRange(label: string): Promise<void> {
    await this.root.getByTestId('logs-range').click();
    await this.page.locator('.n-base-select-option', { hasText: label }).click();
  }

  async clear(): Promise<void> {
    await this.root.getByTestId('logs-clear').click();
  }

  get downloadDialog(): Locator {
    return this.page.getByTestId('logs-download-dialog');
  }

  /** Opens the download dialog and waits for it. */
  async askDownload(): Promise<void> {
    await this.root.getByTestId('logs-download').click();
    await this.downloadDialog.waitFor();
  }

  /** What the download dialog says is left out of the file ([] when the file is the whole log). */
  async missingFromDownload(): Promise<string[]> {
    return this.downloadDialog.getByTestId('download-missing').locator('li').allTextContents();
  }

  /** Downloads the lines held (through the dialog, with its choices set as given). */
  async download(choices: { timestamps?: boolean; ansi?: boolean } = {}): Promise<Download> {
    if (!(await this.downloadDialog.isVisible())) await this.askDownload();
    for (const [name, on] of Object.entries(choices)) {
      await this.downloadDialog.getByTestId(`download-${name}`).setChecked(on);
    }
    const [download] = await Promise.all([
      this.page.waitForEvent('download'),
      this.downloadDialog.getByTestId('dialog-submit').click(),
    ]);
    await this.downloadDialog.waitFor({ state: 'detached' });
    return download;
  }

  /** Scrolls the log view with the mouse wheel (negative `dy` is up). */
  async wheel(dy: number): Promise<void> {
    await this.viewer.hover();
    await this.page.mouse.wheel(0, dy);
  }

  get jumpToEnd(): Locator {
    return this.root.getByTestId('jump-to-end');
  }

  // Inspect

  treeRow(key: string): Locator {
    return this.root.getByTestId('inspect-tree').locator(`[data-key="${key}"]`);
  }

  async copyNode(key: string): Promise<void> {
    const row = this.treeRow(key);
    await row.hover();
    await row.getByTestId('copy-node').click();
  }

  // Processes

  processRows(): Locator {
    return this.root.getByTestId('processes-tab').locator('.vt-row');
  }
}
