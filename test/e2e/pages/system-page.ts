// Page object for the System page: engine facts, disk usage, the prune dialog, the events feed.
import type { Locator, Page } from 'playwright-core';
import { Shell } from './shell';
import { PruneDialog } from './volumes-page';

export class SystemPage {
  readonly shell: Shell;

  constructor(readonly page: Page) {
    this.shell = new Shell(page);
  }

  get root(): Locator {
    return this.page.getByTestId('system-page');
  }

  async open(): Promise<void> {
    await this.shell.goto('system');
  }

  /** The value shown for an engine fact by its label, e.g. "Version". */
  fact(label: string): Locator {
    return this.root.locator(`[data-fact="${label}"]`);
  }

  usageCategories(): Promise<string[]> {
    return this.root
      .getByTestId('disk-usage')
      .locator('[data-category]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-category') ?? ''));
  }

  async openPrune(): Promise<PruneDialog> {
    await this.root.getByTestId('prune').click();
    const dialog = new PruneDialog(this.page);
    await dialog.root.waitFor();
    return dialog;
  }

  get feed(): Locator {
    return this.root.getByTestId('event-feed');
  }

  /** The feed's row for an event with this action on the object with this name. */
  event(action: string, object: string): Locator {
    return this.feed
      .locator('.vt-row')
      .filter({ has: this.page.locator(`[data-action="${action}"]`) })
      .filter({ has: this.page.locator(`[data-object="${object}"]`) });
  }

  async togglePause(): Promise<void> {
    await this.feed.getByTestId('events-pause').click();
  }
}
