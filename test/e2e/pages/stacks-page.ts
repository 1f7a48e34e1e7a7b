// Page objects for the Stacks list, the "Up from a file" and Down dialogs, and a stack's own page.
import type { Locator, Page } from 'playwright-core';
import { Shell } from './shell';
import { FormDialog } from './volumes-page';

/** A stack action's progress (StackProgress.vue), wherever it is shown. */
export class StackProgress {
  constructor(readonly root: Locator) {}

  /** done, failed, cancelled or running. */
  phase(): Promise<string | null> {
    return this.root.getAttribute('data-phase');
  }

  async waitEnded(timeout = 120_000): Promise<string | null> {
    await this.root.locator(':scope:not([data-phase="running"])').waitFor({ timeout });
    return this.phase();
  }

  /** The progress rows as the page shows them: object and latest status, in order. */
  rows(): Promise<Array<{ object: string; status: string }>> {
    return this.root.locator('[data-test="progress-row"]').evaluateAll((els) =>
      els.map((e) => ({
        object: e.getAttribute('data-object') ?? '',
        status: e.querySelector('[data-test="progress-status"]')?.textContent?.trim() ?? '',
      })),
    );
  }

  row(object: string): Locator {
    return this.root.locator(`[data-test="progress-row"][data-object="${object}"]`);
  }

  get error(): Locator {
    return this.root.getByTestId('operation-error');
  }

  async rawOutput(): Promise<string> {
    await this.root.getByTestId('toggle-raw-output').click();
    return (await this.root.getByTestId('raw-output').textContent()) ?? '';
  }

  async cancel(): Promise<void> {
    await this.root.getByTestId('operation-cancel').click();
  }
}

/** "Up from a file": the form, then the preview, then up's progress. */
export class UpDialog extends FormDialog {
  constructor(page: Page) {
    super(page, 'stack-up-dialog');
  }

  /** form, preview or up. */
  step(): Promise<string | null> {
    return this.root.getAttribute('data-step');
  }

  async fillForm(options: { files: string[]; envFile?: string; profiles?: string[]; project?: string }): Promise<void> {
    await this.fill('up-files', options.files.join('\n'));
    if (options.envFile) await this.fill('up-env-file', options.envFile);
    if (options.profiles) await this.fill('up-profiles', options.profiles.join(', '));
    if (options.project) await this.fill('up-project', options.project);
  }

  /** Submits the form and waits for the preview (or the CLI's error under the form). */
  async preview(): Promise<void> {
    await this.submit();
    await this.root.locator('[data-test="stack-preview"], [data-test="preview-error"]').first().waitFor();
  }

  get previewPanel(): Locator {
    return this.root.getByTestId('stack-preview');
  }

  get previewError(): Locator {
    return this.root.getByTestId('preview-error');
  }

  /** A section of the preview: services, plan, networks, volumes or secrets. */
  section(name: 'services' | 'plan' | 'networks' | 'volumes' | 'secrets'): Locator {
    return this.previewPanel.getByTestId(`preview-${name}`);
  }

  previewServices(): Promise<string[]> {
    return this.section('services')
      .locator('[data-service]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-service') ?? ''));
  }

  /** The plan for a project that exists: service and action, in order. */
  plan(): Promise<Array<{ service: string; action: string }>> {
    return this.section('plan')
      .locator('[data-action]')
      .evaluateAll((els) =>
        els.map((e) => ({
          service: e.getAttribute('data-service') ?? '',
          action: e.getAttribute('data-action') ?? '',
        })),
      );
  }

  /** The variables flagged as not set. */
  unresolved(): Promise<string[]> {
    return this.previewPanel
      .getByTestId('unresolved')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-variable') ?? ''));
  }

  get warnings(): Locator {
    return this.previewPanel.getByTestId('preview-warning');
  }

  async rawConfig(): Promise<string> {
    await this.previewPanel.getByTestId('toggle-preview-raw').click();
    return (await this.previewPanel.getByTestId('preview-raw').textContent()) ?? '';
  }

  /** Submits the preview: up starts. */
  async up(): Promise<StackProgress> {
    await this.submit();
    const progress = new StackProgress(this.root.getByTestId('stack-progress'));
    await progress.root.waitFor();
    return progress;
  }
}

/** Down's confirmation: what goes, by category, and the volumes checkbox. */
export class DownDialog extends FormDialog {
  constructor(page: Page) {
    super(page, 'stack-down-dialog');
  }

  async alsoVolumes(): Promise<void> {
    await this.root.getByTestId('down-volumes').click();
  }

  /** Names listed per category (containers, networks, volumes). */
  listed(category: 'containers' | 'networks' | 'volumes'): Promise<string[]> {
    return this.root
      .locator(`[data-test="down-removal"][data-category="${category}"] [data-name]`)
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-name') ?? ''));
  }

  get progress(): StackProgress {
    return new StackProgress(this.root.getByTestId('stack-progress'));
  }
}

export class StacksPage {
  readonly shell: Shell;

  constructor(readonly page: Page) {
    this.shell = new Shell(page);
  }

  get root(): Locator {
    return this.page.getByTestId('stacks-page');
  }

  async open(): Promise<void> {
    await this.shell.goto('stacks');
  }

  row(name: string): Locator {
    return this.root.locator('.vt-row').filter({ has: this.page.locator(`[data-stack="${name}"]`) });
  }

  async waitForRow(name: string, timeout = 10_000): Promise<void> {
    await this.row(name).waitFor({ timeout });
  }

  rowNames(): Promise<string[]> {
    return this.root
      .locator('.vt-row [data-stack]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-stack') ?? ''));
  }

  /** The status shown in a row: its state (running, partial, stopped) and its words ("2 of 3 running"). */
  async status(name: string): Promise<{ state: string | null; text: string }> {
    const cell = this.row(name).getByTestId('stack-status');
    return { state: await cell.getAttribute('data-state'), text: (await cell.textContent())?.trim() ?? '' };
  }

  async search(text: string): Promise<void> {
    await this.root.getByTestId('search').locator('input').fill(text);
  }

  async action(name: string, action: 'open' | 'start' | 'stop' | 'restart' | 'down'): Promise<void> {
    const row = this.row(name);
    await row.hover();
    await row.getByTestId(`action-${action}`).click();
  }

  /** Selects rows by clicking their checkboxes, then a bulk action (start, stop, restart, down). */
  async bulk(names: string[], action: 'start' | 'stop' | 'restart' | 'down'): Promise<void> {
    for (const name of names) await this.row(name).getByTestId('select-row').click();
    await this.root.getByTestId(`bulk-${action}`).click();
  }

  get upButton(): Locator {
    return this.root.getByTestId('stack-up');
  }

  /** The notice shown when the compose CLI cannot run. */
  get composeMissing(): Locator {
    return this.root.getByTestId('compose-missing');
  }

  async openUp(): Promise<UpDialog> {
    await this.upButton.click();
    const dialog = new UpDialog(this.page);
    await dialog.root.waitFor();
    return dialog;
  }

  async openDown(name: string): Promise<DownDialog> {
    await this.action(name, 'down');
    const dialog = new DownDialog(this.page);
    await dialog.root.waitFor();
    return dialog;
  }

  async openDetail(name: string): Promise<StackDetailPage> {
    await this.row(name).locator(`[data-stack="${name}"]`).click();
    const detail = new StackDetailPage(this.page);
    await detail.waitFor(name);
    return detail;
  }
}

export class StackDetailPage {
  readonly shell: Shell;

  constructor(readonly page: Page) {
    this.shell = new Shell(page);
  }

  get root(): Locator {
    return this.page.getByTestId('stack-detail-page');
  }

  async waitFor(name: string): Promise<void> {
    await this.page.locator(`[data-test="stack-detail-page"][data-stack="${name}"]`).waitFor();
  }

  async status(): Promise<{ state: string | null; text: string }> {
    const cell = this.root.locator('.detail-header [data-test="stack-status"]');
    return { state: await cell.getAttribute('data-state'), text: (await cell.textContent())?.trim() ?? '' };
  }

  /** A header action's button: start, stop, restart, pull, build or down. */
  button(action: 'start' | 'stop' | 'restart' | 'pull' | 'build' | 'down'): Locator {
    return this.root.getByTestId(`stack-${action}`);
  }

  /** Runs a header action (not down) and returns its progress panel. */
  async run(action: 'start' | 'stop' | 'restart' | 'pull' | 'build'): Promise<StackProgress> {
    await this.button(action).click();
    return this.progress;
  }

  get progress(): StackProgress {
    return new StackProgress(this.root.getByTestId('stack-output').getByTestId('stack-progress'));
  }

  async openDown(): Promise<DownDialog> {
    await this.button('down').click();
    const dialog = new DownDialog(this.page);
    await dialog.root.waitFor();
    return dialog;
  }

  service(name: string): Locator {
    return this.root.locator(`[data-test="service"][data-service="${name}"]`);
  }

  serviceNames(): Promise<string[]> {
    return this.root
      .locator('[data-test="service"]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-service') ?? ''));
  }

  /** "2 of 3 running" of a service. */
  async serviceRunning(name: string): Promise<string> {
    return ((await this.service(name).getByTestId('service-running').textContent()) ?? '').trim();
  }

  /** The containers listed under the stack's services, by name. */
  containerNames(): Promise<string[]> {
    return this.root
      .getByTestId('stack-services')
      .locator('.vt-row [data-container]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-container') ?? ''));
  }

  containerRow(name: string): Locator {
    return this.root.locator('.vt-row').filter({ has: this.page.locator(`[data-container="${name}"]`) });
  }

  async scale(service: string, replicas: number): Promise<StackProgress> {
    const input = this.service(service).getByTestId('scale-input').locator('input');
    await input.fill(String(replicas));
    await input.blur();
    await this.service(service).getByTestId('scale').click();
    return this.progress;
  }

  async recreate(service: string): Promise<StackProgress> {
    await this.service(service).getByTestId('recreate').click();
    return this.progress;
  }

  /** Opens a container's logs or terminal from its row. */
  async containerAction(container: string, action: 'logs' | 'terminal'): Promise<void> {
    const row = this.containerRow(container);
    await row.hover();
    await row.getByTestId(`action-${action}`).click();
  }

  networks(): Promise<string[]> {
    return this.root
      .getByTestId('stack-networks')
      .locator('[data-network]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-network') ?? ''));
  }

  volumes(): Promise<string[]> {
    return this.root
      .getByTestId('stack-volumes')
      .locator('[data-volume]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-volume') ?? ''));
  }
}
