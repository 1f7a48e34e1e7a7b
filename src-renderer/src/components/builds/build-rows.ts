// The Builds table's rows: newest first, searched by tag, context, Dockerfile or state, filtered by result.
import type { BuildState, BuildSummary } from '../../../../src-main/contract/dto/builds';
import type { TableRow, TableSort } from '../table-types';

export type BuildFilter = 'all' | BuildState;

const SORTERS: Record<string, (a: BuildSummary, b: BuildSummary) => number> = {
  when: (a, b) => Date.parse(a.startedAt) - Date.parse(b.startedAt),
  duration: (a, b) => (a.durationMs ?? Infinity) - (b.durationMs ?? Infinity),
  result: (a, b) => a.state.localeCompare(b.state),
  context: (a, b) => a.request.context.localeCompare(b.request.context),
};

function matches(build: BuildSummary, search: string): boolean {
  const q = search.trim().toLowerCase();
  if (!q) return true;
  const { request } = build;
  return [...request.tags, request.context, request.dockerfile, build.state, request.target ?? ''].some((text) =>
    text.toLowerCase().includes(q),
  );
}

export function buildRows(
  items: BuildSummary[],
  options: { search: string; filter: BuildFilter; sort: TableSort | undefined },
): TableRow<BuildSummary>[] {
  const sorter = SORTERS[options.sort?.key ?? 'when'] ?? SORTERS.when!;
  const direction = (options.sort?.order ?? 'descend') === 'descend' ? -1 : 1;
  return items
    .filter((b) => (options.filter === 'all' || b.state === options.filter) && matches(b, options.search))
    .sort((a, b) => sorter(a, b) * direction)
    .map((b) => ({ key: b.id, kind: 'item', depth: 0, data: b }));
}

/** How the table and dialogs name a build: its first tag, else its context folder's name. */
export function buildLabel(build: Pick<BuildSummary, 'request'>): string {
  return build.request.tags[0] ?? build.request.context.split(/[\\/]/).filter(Boolean).pop() ?? build.request.context;
}
