// Troubleshoot › Snapshots in Chromium for Berth's VM (a real agent on a real qcow2 data disk; the VM is not booted):
// the list with its reasons, Take snapshot, and the Restore… and Delete… dialogs that name the snapshot and what goes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AgentMachineControl } from '../../src-main/machine/agent-machine-control';
import { createDiskSnapshot, listDiskSnapshots } from '../../src-main/machine/snapshots/disk-snapshots';
import { stoppedVmHome, type StoppedVmHome } from '../support/stopped-vm-agent';
import { TroubleshootPage } from './pages/troubleshoot-page';
import { useBerthApp } from './support/berth-app';
import { screenshotThemes } from './support/screenshots';

let vmHome: StoppedVmHome;
let control: AgentMachineControl;
beforeAll(async () => {
  vmHome = await stoppedVmHome();
  process.env.PATH = vmHome.env.PATH;
  control = await AgentMachineControl.follow(() => vmHome.agent(), vmHome.home);
});
afterAll(async () => {
  control?.dispose();
  await vmHome?.stop();
});
const app = useBerthApp({ machine: () => control });

const IMAGE = 'trixie built 2026-12-01 54bb9acfd51e';

describe('Troubleshoot › Snapshots of the data disk', () => {
  it('lists none, then the one Berth took before a new VM image and the one taken with Take snapshot', async () => {
    const page = new TroubleshootPage(app.page);
    await page.open();
    await page.snapshots.getByTestId('snapshots-empty').waitFor();
    await expect.poll(() => page.snapshots.textContent()).toContain('keeps the 3 newest of those');

    const threeDaysAgo = new Date(Date.now() - 3 * 24 * 3600 * 1000);
    await createDiskSnapshot(vmHome.home.dataDisk, 'before-vm-image', { at: threeDaysAgo, vmImage: IMAGE });
    // The VM is stopped: no restart to confirm.
    await page.snapshots.getByTestId('snapshot-take').click();
    await page.shell.toast('Snapshot taken').waitFor();
    await expect.poll(() => page.snapshotRows().count()).toBe(2);
    expect(await page.snapshotRows().nth(0).textContent()).toMatch(/^Taken by you(now|\d+ seconds? ago)/);
    expect(await page.snapshotRows().nth(1).textContent()).toContain(`Before a new VM image (${IMAGE})3 days ago`);
    await screenshotThemes(app.page, 'troubleshoot-snapshots');
  });

  it('asks before a restore, naming the snapshot and what is lost, then restores it', async () => {
    const page = new TroubleshootPage(app.page);
    const [, automatic] = await listDiskSnapshots(vmHome.home.dataDisk);
    const dialog = await page.askTo('restore', 1);
    expect(await dialog.getByTestId('snapshot-dialog-name').textContent()).toBe(automatic!.name);
    expect(await dialog.getByTestId('snapshot-restore-lost').textContent()).toContain(
      'every image, container and volume made since',
    );
    expect(await dialog.textContent()).toContain('The VM stays stopped.');
    expect(await dialog.getByTestId('dialog-submit').textContent()).toContain('Restore and lose later changes');
    await screenshotThemes(app.page, 'troubleshoot-snapshot-restore');
    await dialog.getByTestId('dialog-submit').click();
    await page.shell.toast('Snapshot restored').waitFor();
    await dialog.waitFor({ state: 'detached' });
    expect(await page.snapshotRows().count()).toBe(2);
  });

  it('asks before a delete, and the list is left without it', async () => {
    const page = new TroubleshootPage(app.page);
    const [manual, automatic] = await listDiskSnapshots(vmHome.home.dataDisk);
    const dialog = await page.askTo('delete', 0);
    expect(await dialog.getByTestId('snapshot-dialog-name').textContent()).toBe(manual!.name);
    await dialog.getByTestId('dialog-cancel').click();
    await dialog.waitFor({ state: 'detached' });
    expect(await page.snapshotRows().count()).toBe(2);

    await (await page.askTo('delete', 0)).getByTestId('dialog-submit').click();
    await page.shell.toast('Snapshot deleted').waitFor();
    await expect.poll(() => page.snapshotRows().count()).toBe(1);
    expect((await listDiskSnapshots(vmHome.home.dataDisk)).map((s) => s.name)).toEqual([automatic!.name]);
    expect((await app.appClient.call('machine.snapshots.list', {})).snapshots).toEqual([automatic]);
  });
});
