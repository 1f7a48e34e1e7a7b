// Page object for the Containers page: rows by name, state, actions, search, filter, selection, groups.
import type { Locator, Page } from 'playwright-core';
import { Shell } from './shell';

export class ContainersPage {
  readonly shell: Shell;

  constructor(readonly page: Page) {
    this.shell = new Shell(page);
  }

  get root(): Locator {
    return this.page.getByTestId('containers-page');
  }

  async open(): Promise<void> {
    await this.shell.goto('containers');
  }

  /** The table row of the container with this name. */
  row(name: string): Locator {
    return this.root.locator('.vt-row').filter({ has: this.page.locator(`[data-container="${name}"]`) });
  }

  groupRow(project: string): Locator {
    return this.root.locator(`.group-row[data-project="${project}"]`);
  }

  /** The state shown for a container, e.g. "running", "exited". */
  state(name: string): Promise<string | null> {
    return this.row(name).locator('[data-state]').first().getAttribute('data-state');
  }

  async waitForState(name: string, state: string): Promise<void> {
    await this.row(name).locator(`[data-state="${state}"]`).waitFor();
  }

  async action(name: string, action: string): Promise<void> {
    const row = this.row(name);
    await row.hover();
    await row.getByTestId(`action-${action}`).click();
  }

  async search(text: string): Promise<void> {
    await this.root.getByTestId('search').locator('input').fill(text);
  }

  async filter(which: 'All' | 'Running'): Promise<void> {
    await this.root.getByTestId('state-filter').getByText(which, { exact: true }).click();
  }

  async select(name: string, shift = false): Promise<void> {
    await this.row(name)
      .getByTestId('select-row')
      .click({ modifiers: shift ? ['Shift'] : [] });
  }

  rowNames(): Promise<string[]> {
    return this.root
      .locator('.vt-row [data-container]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-container') ?? ''));
  }

  portLink(name: string, hostPort: number): Locator {
    return this.row(name).locator(`a[data-port="${hostPort}"]`);
  }

  async openDetail(name: string): Promise<void> {
    await this.row(name).locator(`[data-container="${name}"]`).click();
  }
}
