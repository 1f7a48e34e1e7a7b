// Engine API network JSON → contract DTOs.
import type Dockerode from 'dockerode';
import type { IpamConfig, NetworkDetail, NetworkEndpoint, NetworkSummary } from '../../contract/dto/networks';

/** Networks every engine creates itself; they cannot be removed. */
export const BUILT_IN_NETWORKS = new Set(['bridge', 'host', 'none']);

function ipamOf(n: Dockerode.NetworkInspectInfo): IpamConfig[] {
  return (n.IPAM?.Config ?? []).map((c) => {
    const ipam: IpamConfig = {};
    if (c.Subnet) ipam.subnet = c.Subnet;
    if (c.Gateway) ipam.gateway = c.Gateway;
    if (c.IPRange) ipam.ipRange = c.IPRange;
    return ipam;
  });
}

export function toNetworkSummary(n: Dockerode.NetworkInspectInfo, containerCount: number): NetworkSummary {
  return {
    id: n.Id,
    name: n.Name,
    driver: n.Driver,
    scope: n.Scope,
    internal: n.Internal ?? false,
    attachable: n.Attachable ?? false,
    ipv6: n.EnableIPv6 ?? false,
    ipam: ipamOf(n),
    created: n.Created,
    labels: n.Labels ?? {},
    options: n.Options ?? {},
    builtIn: BUILT_IN_NETWORKS.has(n.Name),
    containerCount,
  };
}

export function toNetworkDetail(n: Dockerode.NetworkInspectInfo, aliases: Map<string, string[]>): NetworkDetail {
  const containers: NetworkEndpoint[] = Object.entries(n.Containers ?? {}).map(([id, c]) => ({
    containerId: id,
    containerName: c.Name,
    ipv4Address: c.IPv4Address,
    ipv6Address: c.IPv6Address,
    macAddress: c.MacAddress,
    aliases: aliases.get(id) ?? [],
  }));
  return {
    ...toNetworkSummary(n, containers.length),
    containers,
    raw: n as unknown as Record<string, unknown>,
  };
}
