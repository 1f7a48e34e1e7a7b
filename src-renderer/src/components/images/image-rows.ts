// Builds the images table's rows: one per tag (as `docker images` lists them), search, usage filter, sort.
import type { ImageSummary } from '../../../../src-main/contract/dto/images';
import type { TableRow, TableSort } from '../table-types';

export type ImageFilter = 'all' | 'in-use' | 'unused' | 'dangling';

/** What one table row shows: an image under one of its tags, or an untagged image. */
export interface ImageRow {
  image: ImageSummary;
  /** The "repo:tag" this row stands for; undefined for an image without tags. */
  reference?: string;
  /** Repository, or "<none>" (a digest-only image shows the repository of its digest). */
  repository: string;
  /** Tag, or "<none>". */
  tag: string;
}

export const NONE = '<none>';

/** "localhost:5000/app:1" → { repository: "localhost:5000/app", tag: "1" }. */
export function splitReference(reference: string): { repository: string; tag: string } {
  const colon = reference.lastIndexOf(':');
  if (colon > reference.lastIndexOf('/'))
    return { repository: reference.slice(0, colon), tag: reference.slice(colon + 1) };
  return { repository: reference, tag: NONE };
}

/** One row per tag; an image without tags gets a single `<none>` row. */
export function rowsOfImage(image: ImageSummary): ImageRow[] {
  if (image.repoTags.length > 0) {
    return image.repoTags.map((reference) => ({ image, reference, ...splitReference(reference) }));
  }
  const digest = image.repoDigests[0];
  const repository = digest ? digest.slice(0, digest.indexOf('@')) || NONE : NONE;
  return [{ image, repository, tag: NONE }];
}

/** The row's stable key: image id and tag, so selection survives refreshes. */
export function rowKey(row: ImageRow): string {
  return `${row.image.id}|${row.reference ?? ''}`;
}

/** What to hand the API to act on the row: its tag, or the image id when it has none. */
export function rowTarget(row: ImageRow): string {
  return row.reference ?? row.image.id;
}

/** How the row is named to a person: its tag, or `<none>` with the short id. */
export function rowLabel(row: ImageRow): string {
  return row.reference ?? `${NONE} (${row.image.id.replace(/^sha256:/, '').slice(0, 12)})`;
}

export function matchesSearch(row: ImageRow, search: string): boolean {
  const q = search.trim().toLowerCase();
  if (!q) return true;
  return (
    row.repository.toLowerCase().includes(q) ||
    row.tag.toLowerCase().includes(q) ||
    row.image.id.replace(/^sha256:/, '').startsWith(q)
  );
}

export function matchesFilter(image: ImageSummary, filter: ImageFilter): boolean {
  if (filter === 'in-use') return image.containers > 0;
  if (filter === 'unused') return image.containers === 0;
  if (filter === 'dangling') return image.dangling;
  return true;
}

const byName = (a: ImageRow, b: ImageRow) => a.repository.localeCompare(b.repository) || a.tag.localeCompare(b.tag);

/** Primary orders per sortable column; ties always fall back to repository and tag, A to Z. */
const SORTERS: Record<string, (a: ImageRow, b: ImageRow) => number> = {
  repository: byName,
  tag: (a, b) => a.tag.localeCompare(b.tag),
  size: (a, b) => a.image.size - b.image.size,
  created: (a, b) => a.image.created - b.image.created,
  containers: (a, b) => a.image.containers - b.image.containers,
};

export interface ImageRowOptions {
  search: string;
  filter: ImageFilter;
  /** Newest first when unset. */
  sort: TableSort | undefined;
}

export function imageRows(items: readonly ImageSummary[], options: ImageRowOptions): TableRow<ImageRow>[] {
  const sorter = SORTERS[options.sort?.key ?? 'created'] ?? byName;
  const direction = options.sort ? (options.sort.order === 'descend' ? -1 : 1) : -1;
  return items
    .filter((image) => matchesFilter(image, options.filter))
    .flatMap(rowsOfImage)
    .filter((row) => matchesSearch(row, options.search))
    .sort((a, b) => sorter(a, b) * direction || byName(a, b))
    .map((row) => ({ key: rowKey(row), kind: 'item', depth: 0, data: row }));
}
