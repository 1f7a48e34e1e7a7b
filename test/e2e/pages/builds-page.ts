// Page objects for the Build dialog (form, live steps), the Builds list and a build's page.
import type { Locator, Page } from 'playwright-core';
import { Shell } from './shell';
import { FormDialog } from './volumes-page';

export class BuildDialog extends FormDialog {
  constructor(page: Page) {
    super(page, 'build-dialog');
  }

  async pickTarget(stage: string): Promise<void> {
    const select = this.root.getByTestId('build-target');
    await select.locator('.n-base-selection:not(.n-base-selection--disabled)').waitFor();
    await select.click();
    await this.page.locator('.n-base-select-option', { hasText: stage }).click();
  }

  async addArg(name: string, value: string): Promise<void> {
    await this.root.getByTestId('add-build-arg').click();
    const row = this.root.getByTestId('build-arg-row').last();
    await row.getByTestId('build-arg-name').locator('input').fill(name);
    await row.getByTestId('build-arg-value').locator('input').fill(value);
  }

  /** The build's state on its progress view: running, succeeded, failed or cancelled. */
  state(): Promise<string | null> {
    return this.root.getByTestId('build-progress').getAttribute('data-state');
  }

  steps(): Locator {
    return this.root.getByTestId('build-step');
  }
}

export class BuildsPage {
  readonly shell: Shell;

  constructor(readonly page: Page) {
    this.shell = new Shell(page);
  }

  get root(): Locator {
    return this.page.getByTestId('builds-page');
  }

  async open(): Promise<void> {
    await this.shell.goto('builds');
  }

  /** The rows, newest first, as their build ids. */
  async ids(): Promise<string[]> {
    const links = this.root.locator('[data-build]');
    return (await links.evaluateAll((els) => els.map((el) => el.getAttribute('data-build')))) as string[];
  }

  async openBuild(id: string): Promise<BuildDetailPage> {
    await this.root.locator(`[data-build="${id}"]`).click();
    const detail = new BuildDetailPage(this.page);
    await detail.root.locator(`[data-test="build-progress"]`).waitFor();
    return detail;
  }
}

export class BuildDetailPage {
  constructor(readonly page: Page) {}

  get root(): Locator {
    return this.page.getByTestId('build-detail-page');
  }

  id(): Promise<string | null> {
    return this.root.getAttribute('data-build');
  }

  state(): Promise<string | null> {
    return this.root.getByTestId('build-progress').getAttribute('data-state');
  }

  cacheLine(): Promise<string | null> {
    return this.root.getByTestId('build-cache').textContent();
  }
}
