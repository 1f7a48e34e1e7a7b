// The Files tab's table rows: folders first, then sorted by the chosen column (name, size or modified).
import type { FileEntry } from '../../../../../src-main/contract/dto/files';
import type { TableRow, TableSort } from '../../table-types';

const byName = (a: FileEntry, b: FileEntry) => (a.name === b.name ? 0 : a.name < b.name ? -1 : 1);

const SORTERS: Record<string, (a: FileEntry, b: FileEntry) => number> = {
  name: byName,
  size: (a, b) => a.size - b.size || byName(a, b),
  modified: (a, b) => a.modified - b.modified || byName(a, b),
};

/** Folders always come first (in either direction), like a file manager; no sort means by name. */
export function fileRows(entries: FileEntry[], sort: TableSort | undefined): TableRow<FileEntry>[] {
  const sorter = SORTERS[sort?.key ?? 'name'] ?? byName;
  const direction = sort?.order === 'descend' ? -1 : 1;
  return [...entries]
    .sort((a, b) => Number(b.type === 'dir') - Number(a.type === 'dir') || sorter(a, b) * direction)
    .map((entry) => ({ key: entry.name, kind: 'item', depth: 0, data: entry }));
}
