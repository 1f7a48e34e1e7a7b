// Network operations on the Engine API: list, create, inspect, connect, disconnect, remove, prune.
import type Dockerode from 'dockerode';
import type { NetworkDetail, NetworkSummary } from '../contract/dto/networks';
import type { PruneItem } from '../contract/dto/system';
import type { NetworkSpec } from '../contract/methods/networks';
import { isBerthContainer } from './berth-labels';
import { ConflictError, InvalidArgumentError } from './errors';
import { labelFilter } from './filters';
import { BUILT_IN_NETWORKS, toNetworkDetail, toNetworkSummary } from './mappers/networks';

export class NetworkService {
  constructor(private readonly docker: Dockerode) {}

  /**
   * Network id → the user's containers attached (the list API leaves Containers empty), leaving out
   * `without`. Berth's helpers (only ever on "none") do not count.
   */
  private async attachedCounts(without: ReadonlySet<string> = new Set()): Promise<Map<string, number>> {
    const counts = new Map<string, number>();
    for (const c of await this.docker.listContainers({ all: true })) {
      if (without.has(c.Id) || isBerthContainer(c.Labels)) continue;
      for (const n of Object.values(c.NetworkSettings?.Networks ?? {})) {
        if (n.NetworkID) counts.set(n.NetworkID, (counts.get(n.NetworkID) ?? 0) + 1);
      }
    }
    return counts;
  }

  async list(): Promise<NetworkSummary[]> {
    const [networks, counts] = await Promise.all([this.docker.listNetworks(), this.attachedCounts()]);
    return networks.map((n) => toNetworkSummary(n, counts.get(n.Id) ?? 0));
  }

  async create(spec: NetworkSpec): Promise<NetworkSummary> {
    if (BUILT_IN_NETWORKS.has(spec.name)) throw new ConflictError(`"${spec.name}" is a built-in network name`);
    const existing = await this.docker.listNetworks({ filters: { name: [spec.name] } });
    if (existing.some((n) => n.Name === spec.name))
      throw new ConflictError(`a network named "${spec.name}" already exists`);
    const config: Record<string, string> = {};
    if (spec.subnet) config.Subnet = spec.subnet;
    if (spec.gateway) config.Gateway = spec.gateway;
    if (spec.ipRange) config.IPRange = spec.ipRange;
    const network = await this.docker.createNetwork({
      Name: spec.name,
      Driver: spec.driver,
      Internal: spec.internal,
      Attachable: spec.attachable,
      EnableIPv6: spec.ipv6,
      Labels: spec.labels,
      Options: spec.options,
      CheckDuplicate: true,
      IPAM: { Driver: 'default', Config: Object.keys(config).length ? [config] : [] },
    });
    return toNetworkSummary(await network.inspect(), 0);
  }

  async inspect(id: string): Promise<NetworkDetail> {
    const info = (await this.docker.getNetwork(id).inspect()) as Dockerode.NetworkInspectInfo;
    const aliases = new Map<string, string[]>();
    await Promise.all(
      Object.keys(info.Containers ?? {}).map(async (containerId) => {
        const c = await this.docker
          .getContainer(containerId)
          .inspect()
          .catch(() => undefined);
        const endpoint = c?.NetworkSettings?.Networks?.[info.Name] as { Aliases?: string[] | null } | undefined;
        aliases.set(containerId, endpoint?.Aliases ?? []);
      }),
    );
    return toNetworkDetail(info, aliases);
  }

  async connect(args: { network: string; container: string; aliases: string[]; ipv4Address?: string }): Promise<void> {
    const endpoint: Record<string, unknown> = {};
    if (args.aliases.length) endpoint.Aliases = args.aliases;
    if (args.ipv4Address) endpoint.IPAMConfig = { IPv4Address: args.ipv4Address };
    await this.docker.getNetwork(args.network).connect({ Container: args.container, EndpointConfig: endpoint });
  }

  async disconnect(network: string, container: string, force: boolean): Promise<void> {
    await this.docker.getNetwork(network).disconnect({ Container: container, Force: force });
  }

  async remove(id: string): Promise<void> {
    const info = (await this.docker.getNetwork(id).inspect()) as Dockerode.NetworkInspectInfo;
    if (BUILT_IN_NETWORKS.has(info.Name)) {
      throw new InvalidArgumentError('id', `"${info.Name}" is a built-in network and cannot be deleted`);
    }
    await this.docker.getNetwork(info.Id).remove();
  }

  /** Custom local networks carrying all `labels` with no containers but those in `without` attached. */
  async prunable(labels: string[], without?: ReadonlySet<string>): Promise<PruneItem[]> {
    const [networks, counts] = await Promise.all([
      this.docker.listNetworks({ filters: { type: ['custom'], ...labelFilter(labels) } }),
      this.attachedCounts(without),
    ]);
    return networks
      .filter((n) => n.Scope === 'local' && !BUILT_IN_NETWORKS.has(n.Name) && !counts.has(n.Id))
      .map((n) => ({ id: n.Id, name: n.Name }));
  }

  async prune(labels: string[]): Promise<{ removed: PruneItem[] }> {
    const candidates = await this.prunable(labels);
    const byName = new Map(candidates.map((n) => [n.name, n]));
    const result = (await this.docker.pruneNetworks({ filters: labelFilter(labels) })) as {
      NetworksDeleted?: string[] | null;
    };
    return { removed: (result.NetworksDeleted ?? []).map((name) => byName.get(name) ?? { id: name, name }) };
  }
}
