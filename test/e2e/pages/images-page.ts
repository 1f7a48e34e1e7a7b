// Page object for the Images page and its dialogs: rows by tag or id, row actions, Run, Pull, Push, Tag,
// History, Delete and Prune.
import type { Locator, Page } from 'playwright-core';
import { Shell } from './shell';

export class ImagesPage {
  readonly shell: Shell;

  constructor(readonly page: Page) {
    this.shell = new Shell(page);
  }

  get root(): Locator {
    return this.page.getByTestId('images-page');
  }

  async open(): Promise<void> {
    await this.shell.goto('images');
  }

  /** The row of a tag ("repo:tag"), or of an untagged image by its full id. */
  row(ref: string): Locator {
    return this.root.locator('.vt-row').filter({ has: this.page.locator(`[data-ref="${ref}"]`) });
  }

  /** Every row's tag or id, top to bottom. */
  rowRefs(): Promise<string[]> {
    return this.root
      .locator('.vt-row [data-ref]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-ref') ?? ''));
  }

  async action(ref: string, action: 'run' | 'push' | 'tag' | 'history' | 'delete'): Promise<void> {
    const row = this.row(ref);
    await row.hover();
    await row.getByTestId(`action-${action}`).click();
  }

  /** Opens the right-click menu on a row and picks an item by its label. */
  async menu(ref: string, label: string): Promise<void> {
    await this.row(ref).click({ button: 'right' });
    await this.page.locator('.n-dropdown-option').filter({ hasText: label }).click();
  }

  async search(text: string): Promise<void> {
    await this.root.getByTestId('search').locator('input').fill(text);
  }

  async filter(which: 'All' | 'In use' | 'Unused' | 'Dangling'): Promise<void> {
    await this.root.getByTestId('usage-filter').getByText(which, { exact: true }).click();
  }

  async select(ref: string): Promise<void> {
    await this.row(ref).getByTestId('select-row').click();
  }

  get run(): RunDialogObject {
    return new RunDialogObject(this.page);
  }

  /** Finds `ref` by search, opens its Run dialog and waits until the image's settings are in it. */
  async openRun(ref: string): Promise<RunDialogObject> {
    await this.search(ref.replace(/:[^:/]*$/, ''));
    await this.row(ref).waitFor();
    await this.action(ref, 'run');
    const dialog = this.run;
    await dialog.root.waitFor();
    await dialog.root.getByTestId('loading-image').waitFor({ state: 'detached' });
    return dialog;
  }

  get pull(): TransferDialogObject {
    return new TransferDialogObject(this.page, 'pull');
  }

  get push(): TransferDialogObject {
    return new TransferDialogObject(this.page, 'push');
  }

  get tagDialog(): Locator {
    return this.page.getByTestId('tag-dialog');
  }

  get history(): Locator {
    return this.page.getByTestId('history-drawer');
  }

  get prune(): Locator {
    return this.page.getByTestId('prune-dialog');
  }
}

/** The Run dialog, opened from an image row or from the Containers page. */
export class RunDialogObject {
  constructor(readonly page: Page) {}

  get root(): Locator {
    return this.page.getByTestId('run-dialog');
  }

  /** A single field by name: image, name, command, entrypoint, restart, network, memory, cpus. */
  field(name: string): Locator {
    return this.root.getByTestId(`field-${name}`);
  }

  input(name: string): Locator {
    return this.field(name).locator('input').first();
  }

  /** The message under a single field. */
  fieldError(name: string): Locator {
    return this.field(name).locator('.n-form-item-feedback');
  }

  portRows(): Locator {
    return this.root.getByTestId('port-row');
  }

  /** The port rows' choice of where they are published. */
  publishChoice(which: 'local' | 'all'): Locator {
    return this.root.getByTestId(`publish-${which}`);
  }

  volumeRows(): Locator {
    return this.root.getByTestId('volume-row');
  }

  envRows(): Locator {
    return this.root.getByTestId('env-row');
  }

  async addPort(host: string, container: string): Promise<Locator> {
    await this.root.getByTestId('add-port').click();
    const row = this.portRows().last();
    await row.getByTestId('port-host').locator('input').fill(host);
    await row.getByTestId('port-container').locator('input').fill(container);
    return row;
  }

  get submit(): Locator {
    return this.root.getByTestId('run-submit');
  }

  get engineError(): Locator {
    return this.root.getByTestId('run-error');
  }

  async waitClosed(): Promise<void> {
    await this.root.waitFor({ state: 'detached' });
  }
}

/** The Pull or Push dialog with its layer progress. */
export class TransferDialogObject {
  constructor(
    readonly page: Page,
    readonly kind: 'pull' | 'push',
  ) {}

  get root(): Locator {
    return this.page.getByTestId(`${this.kind}-dialog`);
  }

  get reference(): Locator {
    return this.root.getByTestId('field-reference').locator('input');
  }

  get fieldError(): Locator {
    return this.root.getByTestId('field-reference').locator('.n-form-item-feedback');
  }

  get start(): Locator {
    return this.root.getByTestId('transfer-start');
  }

  get layers(): Locator {
    return this.root.getByTestId('layer');
  }

  get done(): Locator {
    return this.root.getByTestId('transfer-done');
  }

  get error(): Locator {
    return this.root.getByTestId('transfer-error');
  }

  async close(): Promise<void> {
    await this.root.getByTestId('transfer-close').click();
    await this.root.waitFor({ state: 'detached' });
  }
}
