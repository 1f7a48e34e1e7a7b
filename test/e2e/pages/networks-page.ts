// Page objects for the Networks list and a network's detail page: rows, create dialog, connect and disconnect.
import type { Locator, Page } from 'playwright-core';
import { Shell } from './shell';
import { FormDialog } from './volumes-page';

export class NetworksPage {
  readonly shell: Shell;

  constructor(readonly page: Page) {
    this.shell = new Shell(page);
  }

  get root(): Locator {
    return this.page.getByTestId('networks-page');
  }

  async open(): Promise<void> {
    await this.shell.goto('networks');
  }

  row(name: string): Locator {
    return this.root.locator('.vt-row').filter({ has: this.page.locator(`[data-network="${name}"]`) });
  }

  async search(text: string): Promise<void> {
    await this.root.getByTestId('search').locator('input').fill(text);
  }

  cell(name: string, column: string): Locator {
    return this.row(name).locator(`[data-col="${column}"]`);
  }

  async action(name: string, action: 'open' | 'delete'): Promise<void> {
    const row = this.row(name);
    await row.hover();
    await row.getByTestId(`action-${action}`).click();
  }

  async openCreate(): Promise<FormDialog> {
    await this.root.getByTestId('create').click();
    const dialog = new FormDialog(this.page, 'network-create-dialog');
    await dialog.root.waitFor();
    return dialog;
  }

  async openDetail(name: string): Promise<NetworkDetailPage> {
    await this.row(name).locator(`[data-network="${name}"]`).click();
    const detail = new NetworkDetailPage(this.page);
    await detail.waitFor(name);
    return detail;
  }
}

export class NetworkDetailPage {
  readonly shell: Shell;

  constructor(readonly page: Page) {
    this.shell = new Shell(page);
  }

  get root(): Locator {
    return this.page.getByTestId('network-detail-page');
  }

  async waitFor(name: string): Promise<void> {
    await this.page.locator(`[data-test="network-detail-page"][data-network="${name}"]`).waitFor();
  }

  endpoint(container: string): Locator {
    return this.root.locator('.vt-row').filter({ has: this.page.locator(`[data-endpoint="${container}"]`) });
  }

  /** Opens the connect dialog and picks the container; the caller fills the rest and submits. */
  async openConnect(container: string): Promise<FormDialog> {
    await this.root.getByTestId('connect').click();
    const dialog = new FormDialog(this.page, 'connect-dialog');
    await dialog.root.getByTestId('connect-container').click();
    await this.page.locator('.n-base-select-option').filter({ hasText: container }).first().click();
    return dialog;
  }

  async disconnect(container: string): Promise<void> {
    const row = this.endpoint(container);
    await row.hover();
    await row.getByTestId('action-disconnect').click();
  }
}
