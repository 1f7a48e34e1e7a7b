// Page object for Troubleshoot: the engine card, snapshots of the data disk, logs, diagnostics.
import type { Locator, Page } from 'playwright-core';
import { Shell } from './shell';

export class TroubleshootPage {
  readonly shell: Shell;

  constructor(readonly page: Page) {
    this.shell = new Shell(page);
  }

  get root(): Locator {
    return this.page.getByTestId('troubleshoot-page');
  }

  async open(): Promise<void> {
    await this.shell.goto('troubleshoot');
  }

  button(test: 'restart-engine' | 'factory-reset' | 'diagnostics-collect'): Locator {
    return this.root.getByTestId(test);
  }

  async collectDiagnostics(path: string): Promise<string> {
    await this.root.getByTestId('diagnostics-path').locator('input').fill(path);
    await this.button('diagnostics-collect').click();
    const report = this.root.getByTestId('diagnostics-report');
    await report.waitFor();
    return ((await report.textContent()) ?? '').trim();
  }

  get snapshots(): Locator {
    return this.root.getByTestId('troubleshoot-snapshots');
  }

  /** The rows of the snapshot list, newest first. */
  snapshotRows(): Locator {
    return this.snapshots.getByTestId('snapshot-row');
  }

  /** Clicks Restore… or Delete… on the row at `index`; resolves with the dialog that asks. */
  async askTo(action: 'restore' | 'delete', index: number): Promise<Locator> {
    await this.snapshotRows().nth(index).getByTestId(`snapshot-${action}`).click();
    const dialog = this.page.locator('.form-dialog');
    await dialog.waitFor();
    return dialog;
  }
}
