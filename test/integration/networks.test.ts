// Networks through Berth's API: create with subnet and gateway, IPs from it, connect with aliases,
// disconnect, built-ins protected, removal and prune.
import { execFileSync } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { rejectionOf } from '../support/errors';
import { useTestApi } from '../support/api';
import { containerOutput } from '../support/container-output';
import { testEngine, testLabels, uniqueName } from '../support/engine';

const api = useTestApi();
const { docker, image } = testEngine();
const labels = testLabels();

/** A /24 in 10.x.y.0 unlikely to clash with other runs' networks. */
function randomSubnet(): { subnet: string; prefix: string } {
  const prefix = `10.${randomInt(100, 250)}.${randomInt(0, 255)}`;
  return { subnet: `${prefix}.0/24`, prefix };
}

const sleeper = (name: string, network?: string) =>
  api.client.call('containers.run', {
    spec: { image, name, command: ['sleep', '300'], labels, ...(network ? { network } : {}) },
  });

describe('networks', () => {
  it('creates a bridge network with subnet, gateway and IP range, and gives a container an IP in it', async () => {
    const { subnet, prefix } = randomSubnet();
    const name = uniqueName('net');
    const created = await api.client.call('networks.create', {
      name,
      subnet,
      gateway: `${prefix}.1`,
      ipRange: `${prefix}.128/25`,
      internal: true,
      attachable: true,
      labels,
    });
    expect(created).toMatchObject({ name, driver: 'bridge', internal: true, attachable: true, builtIn: false });
    expect(created.ipam).toEqual([{ subnet, gateway: `${prefix}.1`, ipRange: `${prefix}.128/25` }]);

    const container = uniqueName('member');
    const { id } = await sleeper(container, name);
    const detail = await api.client.call('networks.inspect', { id: name });
    expect(detail.containers).toHaveLength(1);
    expect(detail.containers[0]).toMatchObject({ containerId: id, containerName: container });
    const ip = detail.containers[0]?.ipv4Address ?? '';
    expect(ip).toMatch(new RegExp(`^${prefix.replace(/\./g, '\\.')}\\.(\\d+)/24$`));
    expect(Number(ip.split('/')[0]?.split('.')[3])).toBeGreaterThanOrEqual(128);
    expect((await api.client.call('networks.list', {})).find((n) => n.name === name)?.containerCount).toBe(1);
  });

  it('connects a container with aliases and a fixed address, and disconnects it', async () => {
    const { subnet, prefix } = randomSubnet();
    const name = uniqueName('link');
    await api.client.call('networks.create', { name, subnet, labels });
    const container = uniqueName('joiner');
    const { id } = await sleeper(container);
    await api.client.call('networks.connect', {
      network: name,
      container,
      aliases: ['db', 'primary'],
      ipv4Address: `${prefix}.42`,
    });
    const endpoint = (await api.client.call('networks.inspect', { id: name })).containers.find(
      (c) => c.containerId === id,
    );
    expect(endpoint?.ipv4Address).toBe(`${prefix}.42/24`);
    expect(endpoint?.aliases).toEqual(expect.arrayContaining(['db', 'primary']));

    const peer = uniqueName('peer');
    const { id: peerId } = await api.client.call('containers.run', {
      spec: { image, name: peer, network: name, command: ['sh', '-c', 'ping -c 1 -W 5 db && echo reached'], labels },
    });
    await docker.getContainer(peerId).wait();
    const output = (await containerOutput(docker.getContainer(peerId))).stdout;
    expect(output).toContain('reached');

    await api.client.call('networks.disconnect', { network: name, container });
    expect((await api.client.call('networks.inspect', { id: name })).containers.some((c) => c.containerId === id)).toBe(
      false,
    );
  });

  // ipvlan is not tested: this machine's kernel has no ipvlan module.
  it('creates a macvlan network on a parent link the test made', async () => {
    const driver = 'macvlan';
    const parent = `bt${randomInt(0, 1e9).toString(36)}`.slice(0, 15);
    execFileSync('ip', ['link', 'add', parent, 'type', 'veth', 'peer', 'name', `${parent}p`]);
    try {
      const { subnet, prefix } = randomSubnet();
      const name = uniqueName(driver);
      const created = await api.client.call('networks.create', {
        name,
        driver,
        subnet,
        gateway: `${prefix}.1`,
        options: { parent },
        labels,
      });
      expect(created).toMatchObject({ driver, options: { parent } });
      const { id } = await sleeper(uniqueName(`${driver}-member`), name);
      const endpoint = (await api.client.call('networks.inspect', { id: name })).containers[0];
      expect(endpoint?.containerId).toBe(id);
      expect(endpoint?.ipv4Address.startsWith(`${prefix}.`)).toBe(true);
      await api.client.call('containers.remove', { id, force: true });
      await api.client.call('networks.remove', { id: name });
    } finally {
      execFileSync('ip', ['link', 'delete', parent]);
    }
  });

  it('refuses to delete built-in networks and names taken', async () => {
    for (const id of ['bridge', 'host', 'none']) {
      const error = await rejectionOf(api.client.call('networks.remove', { id }));
      expect(error.code).toBe('invalid-argument');
      expect(error.message).toContain('built-in');
    }
    const taken = await rejectionOf(api.client.call('networks.create', { name: 'bridge' }));
    expect(taken.code).toBe('conflict');
    const name = uniqueName('dupe');
    await api.client.call('networks.create', { name, labels });
    expect((await rejectionOf(api.client.call('networks.create', { name, labels }))).code).toBe('conflict');
  });

  it('validates subnets and gateways before calling the engine', async () => {
    const bad = await rejectionOf(
      api.client.call('networks.create', { name: uniqueName('bad'), subnet: '10.0.0.0', labels }),
    );
    expect(bad.message).toMatch(/subnet: must be a CIDR/);
    const lonely = await rejectionOf(
      api.client.call('networks.create', { name: uniqueName('bad'), gateway: '10.0.0.1', labels }),
    );
    expect(lonely.message).toMatch(/subnet: a gateway or IP range needs a subnet/);
  });

  it('removes a network, refusing while a container is attached', async () => {
    const name = uniqueName('busy');
    await api.client.call('networks.create', { name, labels });
    const { id } = await sleeper(uniqueName('attached'), name);
    const busy = await rejectionOf(api.client.call('networks.remove', { id: name }));
    expect(busy.message).toMatch(/active endpoints/);
    await api.client.call('containers.remove', { id, force: true });
    await api.client.call('networks.remove', { id: name });
    expect((await rejectionOf(api.client.call('networks.inspect', { id: name }))).code).toBe('not-found');
  });

  it('prunes exactly the unused labelled networks', async () => {
    const pruneLabels = { ...labels, 'berth.prune': uniqueName('net') };
    const filter = Object.entries(pruneLabels).map(([k, v]) => `${k}=${v}`);
    const unused = await api.client.call('networks.create', { name: uniqueName('unused'), labels: pruneLabels });
    const used = await api.client.call('networks.create', { name: uniqueName('used'), labels: pruneLabels });
    await sleeper(uniqueName('holder'), used.name);
    const result = await api.client.call('networks.prune', { labels: filter });
    expect(result.removed).toEqual([{ id: unused.id, name: unused.name }]);
    expect((await api.client.call('networks.inspect', { id: used.id })).name).toBe(used.name);
  });
});
