// Page object for a compose project's logs page: the service chips, the merged viewer's prefixed rows, the search.
import type { Locator, Page } from 'playwright-core';

/** A drawn row of the merged log: its service prefix (without the bar) and visible text. */
export interface MergedRow {
  source: string;
  text: string;
}

export class StackLogsPage {
  constructor(readonly page: Page) {}

  get root(): Locator {
    return this.page.getByTestId('stack-logs-page');
  }

  get viewer(): Locator {
    return this.root.getByTestId('log-viewer');
  }

  /** Opens `/#/stacks/<name>/logs` and waits for the page. */
  async open(name: string): Promise<void> {
    await this.page.evaluate((hash) => (location.hash = hash), `#/stacks/${name}/logs`);
    await this.page.locator(`[data-test="stack-logs-page"][data-stack="${name}"]`).waitFor();
  }

  /** The service chips' names, in order. */
  sources(): Promise<string[]> {
    return this.root
      .getByTestId('log-source-toggle')
      .evaluateAll((chips) => chips.map((c) => c.getAttribute('data-source') ?? ''));
  }

  /** The colour of a chip's mark, as its style names it ("var(--log-source-2)"). */
  tone(source: string): Promise<string> {
    return this.root
      .locator(`[data-test="log-source-toggle"][data-source="${source}"] .mark`)
      .evaluate((mark) => (mark as HTMLElement).style.getPropertyValue('--tone'));
  }

  async toggle(source: string): Promise<void> {
    await this.root.locator(`[data-test="log-source-toggle"][data-source="${source}"]`).click();
  }

  /** Every row drawn, in line order. */
  rows(): Promise<MergedRow[]> {
    return this.viewer.locator('.log-row').evaluateAll((rows) =>
      rows
        .map((row) => ({
          line: Number(row.getAttribute('data-line')),
          source: (row.querySelector('[data-test="log-source"]')?.textContent ?? '').replace(/\s*\|$/, '').trim(),
          text: row.querySelector('.log-text')?.textContent ?? '',
        }))
        .sort((a, b) => a.line - b.line)
        .map(({ source, text }) => ({ source, text })),
    );
  }

  async search(text: string): Promise<void> {
    await this.root.getByTestId('logs-search').locator('input').fill(text);
  }

  /** "2 of 5", "No matches", or "" without a search. */
  async matchLabel(): Promise<string> {
    const label = this.root.getByTestId('match-count');
    return (await label.count()) ? ((await label.textContent()) ?? '').trim() : '';
  }
}
