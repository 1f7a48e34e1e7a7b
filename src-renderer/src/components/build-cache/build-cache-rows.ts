// The build cache table's rows (search, the kind filter, sorting by size and last use) and how a record is named.
import type { BuildCacheRecord } from '../../../../src-main/contract/dto/build-cache';
import type { TableRow, TableSort } from '../table-types';

export type BuildCacheFilter = 'all' | 'steps' | 'cache-mounts' | 'unused';

const KIND_LABELS: Record<BuildCacheRecord['kind'], string> = {
  step: 'Step',
  'cache-mount': 'Cache mount',
  context: 'Build context',
  base: 'Base image',
  frontend: 'Frontend',
  internal: 'BuildKit',
  other: 'Other',
};

export const kindLabel = (r: BuildCacheRecord) => KIND_LABELS[r.kind];

/** The step that made a record, else what it is ("Build context: local source for context"). */
export function recordTitle(r: BuildCacheRecord): string {
  if (r.step) return r.step;
  return r.description ? `${kindLabel(r)}: ${r.description.trim()}` : `${kindLabel(r)} ${r.id.slice(0, 12)}`;
}

function matches(r: BuildCacheRecord, search: string): boolean {
  const q = search.trim().toLowerCase();
  if (!q) return true;
  return [r.step, r.stage, r.description, r.type, r.id, r.mountTarget].some((text) => text?.toLowerCase().includes(q));
}

const FILTERS: Record<BuildCacheFilter, (r: BuildCacheRecord) => boolean> = {
  all: () => true,
  steps: (r) => r.kind === 'step',
  'cache-mounts': (r) => r.kind === 'cache-mount',
  unused: (r) => !r.inUse,
};

const lastUsedMs = (r: BuildCacheRecord) => Date.parse(r.lastUsedAt ?? r.createdAt) || 0;
const byTitle = (a: BuildCacheRecord, b: BuildCacheRecord) => recordTitle(a).localeCompare(recordTitle(b));

const SORTERS: Record<string, (a: BuildCacheRecord, b: BuildCacheRecord) => number> = {
  step: byTitle,
  kind: (a, b) => kindLabel(a).localeCompare(kindLabel(b)) || byTitle(a, b),
  size: (a, b) => a.size - b.size || byTitle(a, b),
  lastUsed: (a, b) => lastUsedMs(a) - lastUsedMs(b) || byTitle(a, b),
  created: (a, b) => (Date.parse(a.createdAt) || 0) - (Date.parse(b.createdAt) || 0) || byTitle(a, b),
  usage: (a, b) => a.usageCount - b.usageCount || byTitle(a, b),
};

export function buildCacheRows(
  items: BuildCacheRecord[],
  options: { search: string; filter: BuildCacheFilter; sort: TableSort | undefined },
): TableRow<BuildCacheRecord>[] {
  const sorter = SORTERS[options.sort?.key ?? 'size'] ?? SORTERS.size!;
  const direction = options.sort?.order === 'descend' ? -1 : 1;
  return items
    .filter(FILTERS[options.filter])
    .filter((r) => matches(r, options.search))
    .sort((a, b) => sorter(a, b) * direction)
    .map((r) => ({ key: r.id, kind: 'item', depth: 0, data: r }));
}

/** Records an age prune would remove: unused, last used more than `hours` ago. */
export function olderThan(items: BuildCacheRecord[], hours: number, now = Date.now()): BuildCacheRecord[] {
  return items.filter((r) => !r.inUse && now - lastUsedMs(r) > hours * 3_600_000);
}
