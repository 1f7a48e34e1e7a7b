// Page object for the Terminal page: host shell tabs, the visible xterm screen, typing, the status line.
import type { Locator, Page } from 'playwright-core';
import { Shell } from './shell';

export class TerminalPage {
  readonly shell: Shell;

  constructor(readonly page: Page) {
    this.shell = new Shell(page);
  }

  get root(): Locator {
    return this.page.getByTestId('terminal-page');
  }

  async open(): Promise<void> {
    await this.shell.goto('terminal');
  }

  /** The xterm of the tab on screen. */
  get visibleTerminal(): Locator {
    return this.root.locator('[data-test="host-terminal"]:visible');
  }

  /** Rows xterm has drawn on the visible tab, trailing blanks trimmed. */
  lines(): Promise<string[]> {
    return this.visibleTerminal
      .locator('.xterm-rows')
      .evaluate((rows) =>
        [...rows.children].map((row) => (row.textContent ?? '').replace(/\u00a0/g, ' ').replace(/\s+$/, '')),
      );
  }

  /** Waits until the visible terminal shows a row that is exactly `line`. */
  async waitForLine(line: string, timeoutMs = 20_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!(await this.lines()).includes(line)) {
      if (Date.now() > deadline) {
        throw new Error(`the terminal never showed "${line}"; it shows:\n${(await this.lines()).join('\n')}`);
      }
      await this.page.waitForTimeout(100);
    }
  }

  /** Types into the visible terminal as the keyboard would ("\n" for Enter). */
  async type(text: string): Promise<void> {
    await this.visibleTerminal.locator('.xterm-helper-textarea').focus();
    await this.page.keyboard.type(text);
  }

  async newTab(): Promise<void> {
    await this.root.getByTestId('terminal-new-tab').click();
  }

  /** Tab titles in order ("Shell 1", "Shell 2"). */
  tabTitles(): Promise<string[]> {
    return this.root
      .locator('.n-tabs-tab .n-tabs-tab__label')
      .evaluateAll((tabs) => tabs.map((t) => t.textContent?.trim() ?? ''));
  }

  async selectTab(title: string): Promise<void> {
    await this.root.locator('.n-tabs-tab', { hasText: title }).click();
  }

  async closeTab(title: string): Promise<void> {
    await this.root.locator('.n-tabs-tab', { hasText: title }).locator('.n-base-close').click();
  }

  /** The status line of the visible tab ("Running · …", "The shell exited with code 3"); `data-status` says which. */
  status(): Locator {
    return this.root.locator('[data-test="terminal-status"]:visible');
  }
}
