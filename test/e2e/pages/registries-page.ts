// Page objects for registries: Settings › Registries (rows, Add / Log in / Log out / Trust / Browse), the login
// dialog, a registry's browser page with its tags drawer, and the Images page's Docker Hub search.
import type { Locator, Page } from 'playwright-core';
import { SettingsPage } from './settings-page';
import type { Shell } from './shell';
import { FormDialog } from './volumes-page';

export class RegistriesSettings {
  readonly settings: SettingsPage;
  readonly shell: Shell;

  constructor(readonly page: Page) {
    this.settings = new SettingsPage(page);
    this.shell = this.settings.shell;
  }

  get root(): Locator {
    return this.page.getByTestId('settings-registries');
  }

  async open(): Promise<void> {
    await this.settings.open('registries');
    await this.root.getByTestId('registries').waitFor();
  }

  /** A registry's row by its server ("docker.io", "127.0.0.1:5000"). */
  row(server: string): Locator {
    return this.root.locator(`li[data-registry="${server}"]`);
  }

  /** "Logged in as berth · encrypted with the system keychain", or "Not logged in". */
  loginText(server: string): Promise<string> {
    return this.row(server).getByTestId('registry-login').innerText();
  }

  get login(): LoginDialog {
    return new LoginDialog(this.page);
  }

  async add(): Promise<LoginDialog> {
    await this.root.getByTestId('registry-add').click();
    await this.login.root.waitFor();
    return this.login;
  }

  async browse(server: string): Promise<RegistryBrowser> {
    await this.row(server).getByTestId('registry-browse').click();
    const browser = new RegistryBrowser(this.page);
    await browser.root.waitFor();
    return browser;
  }
}

export class LoginDialog extends FormDialog {
  constructor(page: Page) {
    super(page, 'registry-login-dialog');
  }

  /** Fills the form: a private registry's server (when the dialog asks for one), user and password. */
  async fillIn(login: { server?: string; username: string; password: string }): Promise<void> {
    if (login.server !== undefined) {
      await this.root.getByTestId('login-kind-private').click();
      await this.fill('login-server', login.server);
    }
    await this.fill('login-username', login.username);
    await this.fill('login-password', login.password);
  }

  get refusal(): Locator {
    return this.root.getByTestId('login-refused');
  }
}

export class RegistryBrowser {
  constructor(readonly page: Page) {}

  get root(): Locator {
    return this.page.getByTestId('registry-page');
  }

  repository(name: string): Locator {
    return this.root.locator('.vt-row').filter({ has: this.page.locator(`[data-repository="${name}"]`) });
  }

  async openTags(name: string): Promise<Locator> {
    await this.repository(name).locator(`[data-repository="${name}"]`).click();
    const drawer = this.tags;
    await drawer.getByTestId('tags-summary').waitFor();
    return drawer;
  }

  get tags(): Locator {
    return this.page.getByTestId('tags-drawer');
  }

  tag(name: string): Locator {
    return this.tags.locator(`tr[data-tag="${name}"]`);
  }
}

export class HubSearch {
  constructor(readonly page: Page) {}

  get root(): Locator {
    return this.page.getByTestId('hub-search-dialog');
  }

  async search(term: string): Promise<void> {
    await this.root.getByTestId('hub-search-term').locator('input').fill(term);
    await this.root.getByTestId('hub-search-submit').click();
  }

  get offline(): Locator {
    return this.root.getByTestId('hub-search-offline');
  }
}
