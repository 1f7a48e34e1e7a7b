// Page object for an image's page and its Advice tab: opened from the Images list, a Dockerfile path typed, findings.
import type { Locator, Page } from 'playwright-core';
import { ImagesPage } from './images-page';

export class ImageAdvicePage {
  constructor(readonly page: Page) {}

  /** Opens the image's page by double-clicking its row on the Images page, then its Advice tab. */
  async open(ref: string): Promise<void> {
    const images = new ImagesPage(this.page);
    await images.open();
    await images.search(ref.replace(/:[^:/]*$/, ''));
    await images.row(ref).dblclick();
    await this.page.getByTestId('image-facts').waitFor();
    await this.page.getByTestId('tab-advice').click();
    await this.pathInput.waitFor();
  }

  get pathInput(): Locator {
    return this.page.getByTestId('dockerfile-path').locator('input');
  }

  /** Types `path` and presses Enter. */
  async openDockerfile(path: string): Promise<void> {
    await this.pathInput.fill(path);
    await this.pathInput.press('Enter');
  }

  get advice(): Locator {
    return this.page.getByTestId('dockerfile-advice');
  }

  finding(rule: string): Locator {
    return this.advice.locator(`[data-test="advice-finding"][data-rule="${rule}"]`);
  }
}
