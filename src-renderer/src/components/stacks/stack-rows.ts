// Builds the stacks table's rows (search, sorting) and words a stack's status and its compose files.
import type { Stack } from '../../../../src-main/contract/dto/stacks';
import { compareNames } from '../../format';
import type { TableRow, TableSort } from '../table-types';

/** "Running", "2 of 3 running", "Stopped", or "No containers" for a project whose containers are all gone. */
export function stackStatusText(s: Pick<Stack, 'status' | 'running' | 'total'>): string {
  if (s.total === 0) return 'No containers';
  if (s.status === 'running') return s.total === 1 ? 'Running' : `All ${s.total} running`;
  if (s.status === 'partial') return `${s.running} of ${s.total} running`;
  return 'Stopped';
}

/** A compose file as short as it can be said: relative to the working folder when inside it, else its last two parts. */
export function composeFileLabel(path: string, workingDir?: string): string {
  if (workingDir) {
    const base = workingDir.replace(/[\\/]+$/, '');
    if (path.startsWith(`${base}/`) || path.startsWith(`${base}\\`)) return path.slice(base.length + 1);
  }
  const parts = path.split(/[\\/]/).filter(Boolean);
  return parts.length > 2 ? `…/${parts.slice(-2).join('/')}` : path;
}

export function matchesStack(s: Stack, search: string): boolean {
  const q = search.trim().toLowerCase();
  if (!q) return true;
  return (
    s.name.toLowerCase().includes(q) ||
    (s.workingDir ?? '').toLowerCase().includes(q) ||
    s.configFiles.some((f) => f.toLowerCase().includes(q)) ||
    s.services.some((v) => v.name.toLowerCase().includes(q) || v.image.toLowerCase().includes(q))
  );
}

const byName = (a: Stack, b: Stack) => compareNames(a.name, b.name);
/** Running share, so "all running" sorts above "1 of 3" above "stopped". */
const share = (s: Stack) => (s.total ? s.running / s.total : 0);

const SORTERS: Record<string, (a: Stack, b: Stack) => number> = {
  name: byName,
  status: (a, b) => share(a) - share(b) || a.running - b.running || byName(a, b),
  services: (a, b) => a.services.length - b.services.length || byName(a, b),
  files: (a, b) => (a.configFiles[0] ?? '').localeCompare(b.configFiles[0] ?? '') || byName(a, b),
  workingDir: (a, b) => (a.workingDir ?? '').localeCompare(b.workingDir ?? '') || byName(a, b),
};

export function stackRows(items: Stack[], options: { search: string; sort: TableSort | undefined }): TableRow<Stack>[] {
  const sorter = SORTERS[options.sort?.key ?? 'name'] ?? byName;
  const direction = options.sort?.order === 'descend' ? -1 : 1;
  return items
    .filter((s) => matchesStack(s, options.search))
    .sort((a, b) => sorter(a, b) * direction)
    .map((s) => ({ key: s.name, kind: 'item', depth: 0, data: s }));
}
