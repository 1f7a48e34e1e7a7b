// Page objects for the Volumes list and a volume's detail page: rows, dialogs, the file browser, prune.
import type { Locator, Page } from 'playwright-core';
import { Shell } from './shell';

/** A form dialog (FormDialog.vue) by its data-test name. */
export class FormDialog {
  constructor(
    readonly page: Page,
    readonly testId: string,
  ) {}

  get root(): Locator {
    return this.page.getByTestId(this.testId);
  }

  field(testId: string): Locator {
    return this.root.getByTestId(testId).locator('input, textarea').first();
  }

  async fill(testId: string, value: string): Promise<void> {
    await this.field(testId).fill(value);
  }

  /** The validation message under the field with this data-test. */
  feedback(testId: string): Locator {
    return this.root
      .locator('.n-form-item')
      .filter({ has: this.page.getByTestId(testId) })
      .locator('.n-form-item-feedback-wrapper');
  }

  get submitButton(): Locator {
    return this.root.getByTestId('dialog-submit');
  }

  async submit(): Promise<void> {
    await this.submitButton.click();
  }

  async waitClosed(): Promise<void> {
    await this.root.waitFor({ state: 'detached' });
  }
}

/** The prune dialog (PruneDialog.vue): label filter, preview, result. */
export class PruneDialog extends FormDialog {
  constructor(page: Page) {
    super(page, 'prune-dialog');
  }

  /** Names listed in the preview or result, per category ("containers", "volumes", ...). */
  listed(category: string): Promise<string[]> {
    return this.root
      .locator(`[data-category="${category}"] [data-name]`)
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-name') ?? ''));
  }

  /** Every name listed, whatever the category. */
  allListed(): Promise<string[]> {
    return this.root.locator('[data-name]').evaluateAll((els) => els.map((e) => e.getAttribute('data-name') ?? ''));
  }

  get preview(): Locator {
    return this.root.getByTestId('prune-preview');
  }

  get result(): Locator {
    return this.root.getByTestId('prune-result');
  }

  /** Sets the label filter and waits for the preview it asks for. */
  async filterLabels(text: string): Promise<void> {
    await this.fill('prune-labels', text);
    await this.settled();
  }

  /** Waits until no preview is loading (the preview is debounced, so give it a moment to start first). */
  async settled(): Promise<void> {
    await this.page.waitForFunction(
      () => {
        const el = document.querySelector('[data-test="prune-preview"]');
        return el !== null && el.getAttribute('data-loading') === 'false';
      },
      undefined,
      { polling: 100 },
    );
  }
}

export class VolumesPage {
  readonly shell: Shell;

  constructor(readonly page: Page) {
    this.shell = new Shell(page);
  }

  get root(): Locator {
    return this.page.getByTestId('volumes-page');
  }

  async open(): Promise<void> {
    await this.shell.goto('volumes');
  }

  row(name: string): Locator {
    return this.root.locator('.vt-row').filter({ has: this.page.locator(`[data-volume="${name}"]`) });
  }

  async search(text: string): Promise<void> {
    await this.root.getByTestId('search').locator('input').fill(text);
  }

  async filter(which: 'All' | 'In use' | 'Unused'): Promise<void> {
    await this.root.getByTestId('use-filter').getByText(which, { exact: true }).click();
  }

  rowNames(): Promise<string[]> {
    return this.root
      .locator('.vt-row [data-volume]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-volume') ?? ''));
  }

  async action(name: string, action: 'open' | 'delete'): Promise<void> {
    const row = this.row(name);
    await row.hover();
    await row.getByTestId(`action-${action}`).click();
  }

  async openCreate(): Promise<FormDialog> {
    await this.root.getByTestId('create').click();
    const dialog = new FormDialog(this.page, 'volume-create-dialog');
    await dialog.root.waitFor();
    return dialog;
  }

  async openPrune(): Promise<PruneDialog> {
    await this.root.getByTestId('prune').click();
    const dialog = new PruneDialog(this.page);
    await dialog.root.waitFor();
    return dialog;
  }

  async openDetail(name: string): Promise<VolumeDetailPage> {
    await this.row(name).locator(`[data-volume="${name}"]`).click();
    const detail = new VolumeDetailPage(this.page);
    await detail.root.waitFor();
    return detail;
  }
}

export class VolumeDetailPage {
  readonly shell: Shell;

  constructor(readonly page: Page) {
    this.shell = new Shell(page);
  }

  get root(): Locator {
    return this.page.getByTestId('volume-detail-page');
  }

  async waitFor(name: string): Promise<void> {
    await this.page
      .locator(`[data-test="volume-detail-page"][data-volume="${name}"] [data-test="file-browser"]`)
      .waitFor();
  }

  get browser(): Locator {
    return this.root.getByTestId('file-browser');
  }

  fileRow(name: string): Locator {
    return this.browser.locator('.vt-row').filter({ has: this.page.locator(`[data-file="${name}"]`) });
  }

  /** The size in bytes the browser shows for a file (from its data attribute), and the text shown. */
  async fileSize(name: string): Promise<{ bytes: number; text: string }> {
    const cell = this.fileRow(name).locator('[data-bytes]');
    return { bytes: Number(await cell.getAttribute('data-bytes')), text: (await cell.textContent())?.trim() ?? '' };
  }

  /** The volume's size as its page shows it: bytes (null when not known), the text, and why it is not known. */
  async volumeSize(): Promise<{ bytes: number | null; text: string; hint: string | null }> {
    const cell = this.root.getByTestId('volume-size').locator('.volume-size');
    const bytes = await cell.getAttribute('data-bytes');
    const text = (await cell.textContent())?.trim() ?? '';
    return { bytes: bytes === null ? null : Number(bytes), text, hint: await cell.getAttribute('title') };
  }

  /** Enters a folder by double-clicking its row. */
  async enter(folder: string): Promise<void> {
    await this.fileRow(folder).dblclick();
    await this.page.locator(`[data-test="file-browser"][data-path$="/${folder}"]`).waitFor();
  }

  async download(file: string, hostFolder: string): Promise<void> {
    const row = this.fileRow(file);
    await row.hover();
    await row.getByTestId('action-download').click();
    const dialog = new FormDialog(this.page, 'copy-out-dialog');
    await dialog.fill('host-folder', hostFolder);
    await dialog.submit();
    await dialog.waitClosed();
  }

  async openDialog(button: 'export' | 'import' | 'clone'): Promise<FormDialog> {
    await this.root.getByTestId(button).click();
    const dialog = new FormDialog(this.page, `${button}-dialog`);
    await dialog.root.waitFor();
    return dialog;
  }

  usedBy(): Promise<string[]> {
    return this.root
      .getByTestId('used-by')
      .locator('[data-user]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-user') ?? ''));
  }
}
