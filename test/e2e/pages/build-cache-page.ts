// Page object for the Build cache page (System → Build cache records): rows by record id, selection, the budget.
import type { Locator, Page } from 'playwright-core';
import { Shell } from './shell';

export class BuildCachePage {
  readonly shell: Shell;

  constructor(readonly page: Page) {
    this.shell = new Shell(page);
  }

  get root(): Locator {
    return this.page.getByTestId('build-cache-page');
  }

  /** From the System page's disk usage card. */
  async open(): Promise<void> {
    await this.shell.goto('system');
    await this.page.getByTestId('build-cache-link').click();
    await this.root.waitFor();
  }

  row(id: string): Locator {
    return this.root.locator('.vt-row').filter({ has: this.page.locator(`[data-record="${id}"]`) });
  }

  /** The step (or description) shown for each row, top to bottom. */
  steps(): Promise<string[]> {
    return this.root.locator('[data-record]').evaluateAll((els) => els.map((e) => e.textContent?.trim() ?? ''));
  }

  async search(text: string): Promise<void> {
    await this.root.getByTestId('search').locator('input').fill(text);
  }

  async select(id: string): Promise<void> {
    await this.row(id).getByTestId('select-row').click();
  }
}
