// The networks table's rows and delete planning: search, sort, first IPv4 subnet, refusals for built-in and busy networks.
import { describe, expect, it } from 'vitest';
import type { NetworkSummary } from '../../../src-main/contract/dto/networks';
import { planNetworkDelete } from '../../../src-renderer/src/components/networks/network-delete';
import { networkRows, primaryIpam } from '../../../src-renderer/src/components/networks/network-rows';

function network(name: string, extra: Partial<NetworkSummary> = {}): NetworkSummary {
  return {
    id: `${name}-id`,
    name,
    driver: 'bridge',
    scope: 'local',
    internal: false,
    attachable: false,
    ipv6: false,
    ipam: [],
    created: '2024-01-01T00:00:00Z',
    labels: {},
    options: {},
    builtIn: false,
    containerCount: 0,
    ...extra,
  };
}

describe('networkRows', () => {
  const items = [
    network('bridge', { builtIn: true, ipam: [{ subnet: '172.17.0.0/16', gateway: '172.17.0.1' }], containerCount: 3 }),
    network('backend', { ipam: [{ subnet: 'fd00::/64' }, { subnet: '10.5.0.0/24', gateway: '10.5.0.1' }] }),
    network('host', { builtIn: true, driver: 'host' }),
  ];

  it('sorts by name or container count and searches names, drivers and subnets', () => {
    const keys = (search: string, key = 'name') =>
      networkRows(items, { search, sort: { key, order: 'ascend' } }).map((r) => r.data.name);
    expect(keys('')).toEqual(['backend', 'bridge', 'host']);
    expect(keys('', 'containers')).toEqual(['backend', 'host', 'bridge']);
    expect(keys('10.5')).toEqual(['backend']);
    expect(keys('HOST')).toEqual(['host']);
  });

  it('shows the first IPv4 subnet', () => {
    expect(primaryIpam(items[1]!)).toEqual({ subnet: '10.5.0.0/24', gateway: '10.5.0.1' });
    expect(primaryIpam(items[2]!)).toEqual({ subnet: '', gateway: '' });
  });
});

describe('planNetworkDelete', () => {
  const bridge = network('bridge', { builtIn: true });
  const host = network('host', { builtIn: true });
  const busy = network('busy', { containerCount: 2 });
  const free = network('free');

  it('deletes custom networks and refuses built-in ones, saying why', () => {
    expect(planNetworkDelete([free])).toEqual({ deletable: [free], refused: [] });
    expect(planNetworkDelete([bridge]).refusal).toBe(
      'bridge is a built-in network; the engine needs it, so it cannot be deleted.',
    );
    const plan = planNetworkDelete([bridge, free, host]);
    expect(plan.deletable).toEqual([free]);
    expect(plan.refusal).toBe('bridge, host are built-in networks; the engine needs them, so they stay.');
  });

  it('warns about networks with containers attached', () => {
    expect(planNetworkDelete([busy, free]).warning).toBe(
      'busy has 2 containers attached; the engine refuses while a running container uses it, so disconnect them first.',
    );
  });
});
