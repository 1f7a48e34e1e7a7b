// Builds the volumes table's rows: search, the in-use filter, sorting; and how a volume is named on screen.
import type { Volume } from '../../../../src-main/contract/dto/volumes';
import type { TableRow, TableSort } from '../table-types';
import { compareNames } from '../../format';

export type VolumeFilter = 'all' | 'in-use' | 'unused';

/** What to call a volume: anonymous ones (64 hex digits) by their first 12 characters. */
export function volumeLabel(v: Pick<Volume, 'name' | 'anonymous'>): string {
  return v.anonymous && v.name.length > 12 ? v.name.slice(0, 12) : v.name;
}

export function matchesVolume(v: Volume, search: string): boolean {
  const q = search.trim().toLowerCase();
  if (!q) return true;
  return (
    v.name.toLowerCase().includes(q) ||
    v.driver.toLowerCase().includes(q) ||
    v.usedBy.some((u) => u.name.toLowerCase().includes(q))
  );
}

const byName = (a: Volume, b: Volume) => Number(a.anonymous) - Number(b.anonymous) || compareNames(a.name, b.name);

/** Creation time in unix ms; 0 when the driver does not report it. */
const createdMs = (v: Volume) => Date.parse(v.createdAt ?? '') || 0;

const SORTERS: Record<string, (a: Volume, b: Volume) => number> = {
  name: byName,
  driver: (a, b) => a.driver.localeCompare(b.driver) || byName(a, b),
  size: (a, b) => (a.size ?? -1) - (b.size ?? -1) || byName(a, b),
  usedBy: (a, b) => a.usedBy.length - b.usedBy.length || byName(a, b),
  created: (a, b) => createdMs(a) - createdMs(b) || byName(a, b),
};

export function volumeRows(
  items: Volume[],
  options: { search: string; filter: VolumeFilter; sort: TableSort | undefined },
): TableRow<Volume>[] {
  const sorter = SORTERS[options.sort?.key ?? 'name'] ?? byName;
  const direction = options.sort?.order === 'descend' ? -1 : 1;
  return items
    .filter((v) => options.filter === 'all' || (options.filter === 'in-use') === v.usedBy.length > 0)
    .filter((v) => matchesVolume(v, options.search))
    .sort((a, b) => sorter(a, b) * direction)
    .map((v) => ({ key: v.name, kind: 'item', depth: 0, data: v }));
}
