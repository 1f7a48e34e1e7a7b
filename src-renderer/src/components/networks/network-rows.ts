// Builds the networks table's rows: search by name, driver, id or subnet; sort; built-in networks first on ties.
import type { NetworkSummary } from '../../../../src-main/contract/dto/networks';
import type { TableRow, TableSort } from '../table-types';
import { compareNames } from '../../format';

/** The first IPv4 subnet and gateway, which is what a person looks for; "" when there is none. */
export function primaryIpam(n: Pick<NetworkSummary, 'ipam'>): { subnet: string; gateway: string } {
  const ipv4 = n.ipam.find((c) => c.subnet?.includes('.')) ?? n.ipam[0];
  return { subnet: ipv4?.subnet ?? '', gateway: ipv4?.gateway ?? '' };
}

export function matchesNetwork(n: NetworkSummary, search: string): boolean {
  const q = search.trim().toLowerCase();
  if (!q) return true;
  return (
    n.name.toLowerCase().includes(q) ||
    n.driver.toLowerCase().includes(q) ||
    n.id.startsWith(q) ||
    n.ipam.some((c) => (c.subnet ?? '').includes(q))
  );
}

const SORTERS: Record<string, (a: NetworkSummary, b: NetworkSummary) => number> = {
  name: (a, b) => compareNames(a.name, b.name),
  driver: (a, b) => a.driver.localeCompare(b.driver) || compareNames(a.name, b.name),
  scope: (a, b) => a.scope.localeCompare(b.scope) || compareNames(a.name, b.name),
  containers: (a, b) => a.containerCount - b.containerCount || compareNames(a.name, b.name),
  created: (a, b) => Date.parse(a.created) - Date.parse(b.created),
};

export function networkRows(
  items: NetworkSummary[],
  options: { search: string; sort: TableSort | undefined },
): TableRow<NetworkSummary>[] {
  const sorter = SORTERS[options.sort?.key ?? 'name'] ?? SORTERS.name!;
  const direction = options.sort?.order === 'descend' ? -1 : 1;
  return items
    .filter((n) => matchesNetwork(n, options.search))
    .sort((a, b) => sorter(a, b) * direction)
    .map((n) => ({ key: n.id, kind: 'item', depth: 0, data: n }));
}
