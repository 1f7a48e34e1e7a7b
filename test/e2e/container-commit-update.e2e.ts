// Commit and update from the container page in Chromium against a real engine: the commit dialog checks change lines
// as typed, commits, and the new image's page opens with the CMD in its Overview; the limits dialog is prefilled from
// inspect, applies a new memory limit, and the Stats tab shows it.
import { describe, expect, it } from 'vitest';
import { testEngine, testLabels, uniqueName } from '../support/engine';
import { ContainerDetailPage } from './pages/container-detail-page';
import { ContainerTabsPage } from './pages/container-tabs-page';
import { FormDialog } from './pages/volumes-page';
import { useBerthApp } from './support/berth-app';
import { screenshotThemes } from './support/screenshots';

const app = useBerthApp();
const { docker, image } = testEngine();
const labels = testLabels();
const MIB = 1024 * 1024;

/** The message under a form item of the dialog (the data-test is on the item itself). */
const feedback = (dialog: FormDialog, testId: string) =>
  dialog.root.getByTestId(testId).locator('.n-form-item-feedback-wrapper');

async function runSleeper(name: string, extra: Record<string, unknown> = {}): Promise<string> {
  const command = ['sh', '-c', 'trap "exit 0" TERM; sleep 300 & wait'];
  const { id } = await app.api.client.call('containers.run', { spec: { image, name, command, labels, ...extra } });
  return id;
}

describe('Commit and update on the container page', () => {
  it('commits with a CMD change checked as typed; the new image opens with the CMD in its Overview', async () => {
    const name = uniqueName('commit-me');
    const id = await runSleeper(name);
    const page = new ContainerDetailPage(app.page);
    await page.open(id, name);
    await page.root.getByTestId('commit').click();
    const dialog = new FormDialog(app.page, 'commit-dialog');
    await dialog.root.waitFor();
    const reference = `${uniqueName('committed')}:v1`;
    await dialog.fill('commit-reference', reference);
    await dialog.fill('commit-message', 'made in the e2e test');
    await dialog.fill('commit-changes', 'CMD ["echo", "hello from commit"]\nRUN rm -rf /');
    await expect
      .poll(() => feedback(dialog, 'commit-changes').textContent())
      .toMatch(/^line 2: RUN cannot be committed/);
    expect(await dialog.submitButton.isDisabled()).toBe(true);
    await dialog.fill('commit-changes', `CMD ["echo", "hello from commit"]\nLABEL berth.test=${labels['berth.test']}`);
    await expect.poll(() => dialog.submitButton.isDisabled()).toBe(false);
    await screenshotThemes(app.page, 'container-commit');
    await dialog.submit();
    await app.page.locator('[data-test="command"]').filter({ hasText: 'echo hello from commit' }).waitFor();
    expect(decodeURIComponent(await app.page.evaluate(() => location.hash))).toMatch(/^#\/images\/sha256:[0-9a-f]{64}/);
    const inspect = await docker.getImage(reference).inspect();
    expect(inspect.Config.Cmd).toEqual(['echo', 'hello from commit']);
    expect(inspect.Comment).toBe('made in the e2e test');
  });

  it('updates the memory limit from the prefilled limits dialog; the Stats tab shows the new limit', async () => {
    const name = uniqueName('limit-me');
    const id = await runSleeper(name, { memory: '64m' });
    const tabs = new ContainerTabsPage(app.page);
    await tabs.open(id, 'stats');
    await tabs.waitForStats('live');
    await expect.poll(() => tabs.panel('memory').textContent()).toContain('limit 64 MiB');
    await app.page.getByTestId('update-limits').click();
    const dialog = new FormDialog(app.page, 'update-dialog');
    await dialog.root.waitFor();
    expect(await dialog.field('update-memory').inputValue()).toBe('64m');
    await dialog.fill('update-memory', '96x');
    await expect.poll(() => feedback(dialog, 'update-memory').textContent()).toMatch(/must be a number/);
    expect(await dialog.submitButton.isDisabled()).toBe(true);
    await dialog.fill('update-memory', '96m');
    await dialog.fill('update-memory-swap', '192m');
    await expect.poll(() => dialog.submitButton.isDisabled()).toBe(false);
    await screenshotThemes(app.page, 'container-limits');
    await dialog.submit();
    await dialog.waitClosed();
    await expect.poll(() => tabs.panel('memory').textContent()).toContain('limit 96 MiB');
    const host = (await docker.getContainer(id).inspect()).HostConfig;
    expect({ memory: host.Memory, swap: host.MemorySwap }).toEqual({ memory: 96 * MIB, swap: 192 * MIB });
    await screenshotThemes(app.page, 'container-stats-new-limit');
    expect(app.pageErrors).toEqual([]);
  });
});
