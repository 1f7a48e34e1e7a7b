// The Networks pages in Chromium against a real engine: create with a subnet validated as typed, connect a
// container with aliases and a fixed address, disconnect it, delete the network; built-in networks have no delete.
import { describe, expect, it } from 'vitest';
import { testEngine, testLabels, uniqueName, waitFor } from '../support/engine';
import { NetworksPage } from './pages/networks-page';
import { useBerthApp } from './support/berth-app';
import { screenshotThemes } from './support/screenshots';

const app = useBerthApp();
const { docker, image } = testEngine();
const labels = testLabels();
const labelLines = Object.entries(labels)
  .map(([k, v]) => `${k}=${v}`)
  .join('\n');

/** A random 10.x.y.0/24 away from the engine's default pools. */
function randomSubnet(): { subnet: string; prefix: string } {
  const x = 100 + Math.floor(Math.random() * 100);
  const y = Math.floor(Math.random() * 256);
  return { subnet: `10.${x}.${y}.0/24`, prefix: `10.${x}.${y}.` };
}

const networkExists = (name: string) =>
  docker.listNetworks({ filters: { name: [name] } }).then((list) => list.some((n) => n.Name === name));

describe('Networks pages', () => {
  it('creates a network with a subnet, connects and disconnects a container, and deletes the network', async () => {
    const page = new NetworksPage(app.page);
    await page.open();
    const name = uniqueName('net');
    const { subnet, prefix } = randomSubnet();

    const dialog = await page.openCreate();
    await dialog.fill('network-name', name);
    await dialog.fill('network-gateway', `${prefix}1`);
    await expect.poll(() => dialog.feedback('network-gateway').textContent()).toBe('A gateway needs a subnet');
    expect(await dialog.submitButton.isDisabled()).toBe(true);
    await dialog.fill('network-subnet', subnet.replace(/\.0\/24$/, '.7/24'));
    await expect.poll(() => dialog.feedback('network-subnet').textContent()).toContain(`Start at the network address`);
    await dialog.fill('network-subnet', subnet);
    await dialog.fill('network-gateway', '10.0.0.1');
    await expect.poll(() => dialog.feedback('network-gateway').textContent()).toBe(`Must lie inside ${subnet}`);
    await dialog.fill('network-gateway', `${prefix}1`);
    await dialog.fill('network-ip-range', `${prefix}128/25`);
    await dialog.fill('network-labels', labelLines);
    await expect.poll(() => dialog.submitButton.isDisabled()).toBe(false);
    await screenshotThemes(app.page, 'network-create-dialog');
    await dialog.submit();
    await dialog.waitClosed();

    await page.row(name).waitFor();
    expect(await page.cell(name, 'subnet').textContent()).toContain(subnet);
    const created = await docker.getNetwork(name).inspect();
    expect(created.IPAM?.Config).toEqual([{ Subnet: subnet, Gateway: `${prefix}1`, IPRange: `${prefix}128/25` }]);
    expect(created.Labels).toMatchObject(labels);

    const container = uniqueName('member');
    await app.api.client.call('containers.run', {
      spec: { image, name: container, command: ['sleep', '300'], labels },
    });

    const detail = await page.openDetail(name);
    expect(await detail.root.getByTestId('subnet').textContent()).toBe(subnet);
    const connect = await detail.openConnect(container);
    await connect.fill('connect-aliases', 'db primary');
    await connect.fill('connect-ip', '10.0.0.9');
    await expect.poll(() => connect.feedback('connect-ip').textContent()).toBe(`Must lie inside ${subnet}`);
    expect(await connect.submitButton.isDisabled()).toBe(true);
    await connect.fill('connect-ip', `${prefix}50`);
    await expect.poll(() => connect.submitButton.isDisabled()).toBe(false);
    await app.page.keyboard.press('Enter');
    await connect.waitClosed();

    const row = detail.endpoint(container);
    await row.waitFor();
    expect(await row.getByTestId('endpoint-ipv4').textContent()).toBe(`${prefix}50/24`);
    await expect.poll(() => row.getByTestId('endpoint-aliases').textContent()).toMatch(/db\s*primary/);
    const endpoint = (await docker.getContainer(container).inspect()).NetworkSettings.Networks[name];
    expect(endpoint?.IPAddress).toBe(`${prefix}50`);
    expect(endpoint?.Aliases).toEqual(expect.arrayContaining(['db', 'primary']));
    await screenshotThemes(app.page, 'network-detail');

    await detail.disconnect(container);
    expect(await detail.shell.dialog.textContent()).toContain(`Disconnect ${container} from ${name}?`);
    await detail.shell.confirm();
    await row.waitFor({ state: 'detached' });
    expect((await docker.getContainer(container).inspect()).NetworkSettings.Networks[name]).toBeUndefined();

    await page.open();
    await page.action(name, 'delete');
    expect(await page.shell.dialog.textContent()).toContain(`Delete the network ${name}?`);
    await page.shell.confirm();
    await page.row(name).waitFor({ state: 'detached' });
    await waitFor(async () => !(await networkExists(name)));
    expect(app.pageErrors).toEqual([]);
  });

  it('shows built-in networks without a delete action, saying why', async () => {
    const page = new NetworksPage(app.page);
    await page.open();
    await page.search('');
    for (const name of ['bridge', 'host', 'none']) {
      const row = page.row(name);
      await row.getByTestId('built-in').waitFor();
      await row.hover();
      await row.getByTestId('action-open').waitFor();
      expect(await row.getByTestId('action-delete').count()).toBe(0);
    }
    await page.row('bridge').hover();
    await page.row('bridge').getByTestId('built-in-lock').hover();
    await app.page.getByText('Built-in network: the engine needs it, so it cannot be deleted').waitFor();

    const detail = await page.openDetail('bridge');
    expect(await detail.root.getByTestId('delete').count()).toBe(0);
    await detail.root.getByTestId('built-in-lock').waitFor();
    expect(await networkExists('bridge')).toBe(true);
  });

  it('looks right in light and dark', async () => {
    const page = new NetworksPage(app.page);
    const { subnet } = randomSubnet();
    await app.api.client.call('networks.create', { name: uniqueName('backend'), subnet, labels });
    await app.api.client.call('networks.create', { name: uniqueName('frontend'), internal: true, labels });
    await page.open();
    await page.search('');
    await page.row('bridge').waitFor();
    await screenshotThemes(app.page, 'networks');
  });
});
