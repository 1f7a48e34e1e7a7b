// Page object for the app frame: sidebar navigation, engine badge, confirm dialogs, toasts.
import type { Locator, Page } from 'playwright-core';

export type PageName =
  | 'containers'
  | 'stacks'
  | 'images'
  | 'builds'
  | 'volumes'
  | 'networks'
  | 'system'
  | 'terminal'
  | 'settings'
  | 'troubleshoot';

export class Shell {
  constructor(readonly page: Page) {}

  async goto(name: PageName): Promise<void> {
    await this.page.getByTestId(`nav-${name}`).click();
    await this.page.getByTestId(`${name}-page`).waitFor();
  }

  engineState(): Promise<string | null> {
    return this.page.getByTestId('engine-badge').getAttribute('data-state');
  }

  /** The open confirmation dialog. */
  get dialog(): Locator {
    return this.page.locator('.n-dialog');
  }

  async confirm(): Promise<void> {
    await this.dialog.getByTestId('confirm').click();
    await this.dialog.waitFor({ state: 'detached' });
  }

  async cancel(): Promise<void> {
    await this.dialog.getByTestId('cancel').click();
    await this.dialog.waitFor({ state: 'detached' });
  }

  /** A success toast with this text. */
  toast(text: string | RegExp): Locator {
    return this.page.locator('.n-message').filter({ hasText: text });
  }

  /** A sticky error notification with this text. */
  errorNotification(text: string | RegExp): Locator {
    return this.page.locator('.n-notification').filter({ hasText: text });
  }
}
