// Builds the containers table's rows: filter, sort, then compose projects as collapsible groups in place.
import type { ContainerSummary } from '../../../src-main/contract/dto/containers';
import type { TableRow, TableSort } from '../components/table-types';
import { compareNames } from '../format';

export interface ComposeGroup {
  project: string;
  containers: ContainerSummary[];
  running: number;
  collapsed: boolean;
}

export type ContainerRowData = ContainerSummary | ComposeGroup;

export function isGroup(data: ContainerRowData): data is ComposeGroup {
  return 'project' in data;
}

export function matchesSearch(c: ContainerSummary, search: string): boolean {
  const q = search.trim().toLowerCase();
  if (!q) return true;
  return (
    c.name.toLowerCase().includes(q) ||
    c.image.toLowerCase().includes(q) ||
    c.id.startsWith(q) ||
    (c.composeProject ?? '').toLowerCase().includes(q)
  );
}

const SORTERS: Record<string, (a: ContainerSummary, b: ContainerSummary) => number> = {
  name: (a, b) => compareNames(a.name, b.name),
  image: (a, b) => a.image.localeCompare(b.image),
  state: (a, b) => a.state.localeCompare(b.state) || compareNames(a.name, b.name),
  created: (a, b) => a.created - b.created,
};

export interface RowOptions {
  search: string;
  runningOnly: boolean;
  sort: TableSort | undefined;
  collapsed: ReadonlySet<string>;
}

export function containerRows(items: ContainerSummary[], options: RowOptions): TableRow<ContainerRowData>[] {
  const visible = items.filter(
    (c) => (!options.runningOnly || c.state === 'running' || c.state === 'paused') && matchesSearch(c, options.search),
  );
  const sorter = SORTERS[options.sort?.key ?? 'name'] ?? SORTERS.name!;
  const direction = options.sort?.order === 'descend' ? -1 : 1;
  const sorted = [...visible].sort((a, b) => sorter(a, b) * direction);

  const byProject = new Map<string, ContainerSummary[]>();
  for (const c of sorted)
    if (c.composeProject) byProject.set(c.composeProject, [...(byProject.get(c.composeProject) ?? []), c]);

  const rows: TableRow<ContainerRowData>[] = [];
  const emitted = new Set<string>();
  for (const c of sorted) {
    if (!c.composeProject) {
      rows.push({ key: c.id, kind: 'item', depth: 0, data: c });
      continue;
    }
    if (emitted.has(c.composeProject)) continue;
    emitted.add(c.composeProject);
    const members = byProject.get(c.composeProject) ?? [];
    const collapsed = options.collapsed.has(c.composeProject);
    const group: ComposeGroup = {
      project: c.composeProject,
      containers: members,
      running: members.filter((m) => m.state === 'running').length,
      collapsed,
    };
    rows.push({ key: `project:${c.composeProject}`, kind: 'group', depth: 0, data: group });
    if (!collapsed) for (const m of members) rows.push({ key: m.id, kind: 'item', depth: 1, data: m });
  }
  return rows;
}

/** How many containers the rows stand for: those of collapsed groups included. */
export function containerCount(rows: TableRow<ContainerRowData>[]): number {
  return rows.reduce((n, row) => {
    if (row.kind === 'item') return n + 1;
    const group = row.data as ComposeGroup;
    return group.collapsed ? n + group.containers.length : n;
  }, 0);
}
