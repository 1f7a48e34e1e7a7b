// Page object for Troubleshoot: the engine card, logs, diagnostics.
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
}
