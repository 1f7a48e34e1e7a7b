// Page object for Settings: its sections, fields by setting name, the Apply button and the messages under fields.
import type { Locator, Page } from 'playwright-core';
import { Shell } from './shell';

export type SettingsSection =
  'general' | 'resources' | 'file-sharing' | 'engine' | 'engines' | 'registries' | 'docker-cli' | 'updates';

export class SettingsPage {
  readonly shell: Shell;

  constructor(readonly page: Page) {
    this.shell = new Shell(page);
  }

  get root(): Locator {
    return this.page.getByTestId('settings-page');
  }

  async open(section: SettingsSection = 'general'): Promise<void> {
    await this.shell.goto('settings');
    await this.root.getByTestId(`settings-nav-${section}`).click();
  }

  /** The visible section's root. */
  section(): Locator {
    return this.root.locator('.settings-section:visible');
  }

  /** A field by its setting name (`cpus`, `memoryMiB`, `daemonJson`…). */
  field(name: string): Locator {
    return this.section().getByTestId(`setting-${name}`);
  }

  /** A number field's value as shown. */
  async numberValue(name: string): Promise<string> {
    return this.field(name).locator('input').inputValue();
  }

  async setNumber(name: string, value: number | string): Promise<void> {
    const input = this.field(name).locator('input');
    await input.fill(String(value));
    await input.blur();
  }

  /** The message under a field (its form item's feedback), or '' when there is none. */
  feedbackFor(name: string): Promise<string> {
    return this.field(name).evaluate(
      (field) => field.closest('.n-form-item')?.querySelector('.n-form-item-feedback')?.textContent?.trim() ?? '',
    );
  }

  get apply(): Locator {
    return this.section().getByTestId('settings-apply');
  }
}
