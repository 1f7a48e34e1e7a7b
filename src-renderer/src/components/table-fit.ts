// Which columns fit a table of a given width: optional columns give way, highest priority number first. Pure.
import type { TableColumn } from './table-types';

/** The least width of a column's track in px: "120px" → 120, "minmax(150px, 2fr)" → 150, anything else 0. */
export function leastWidth(width: string): number {
  const px = /^(?:minmax\()?\s*(\d+(?:\.\d+)?)px/.exec(width);
  return px ? Number(px[1]) : 0;
}

/**
 * The columns to draw in `available` px (besides `reserved` px such as a checkbox column), in their order. A width of
 * 0 (not measured yet) keeps them all.
 */
export function fittingColumns(columns: TableColumn[], available: number, reserved = 0): TableColumn[] {
  if (available <= 0) return columns;
  let total = reserved + columns.reduce((sum, c) => sum + leastWidth(c.width), 0);
  const dropped = new Set<string>();
  const optional = columns.filter((c) => c.priority !== undefined).sort((a, b) => b.priority! - a.priority!);
  for (const column of optional) {
    if (total <= available) break;
    dropped.add(column.key);
    total -= leastWidth(column.width);
  }
  return columns.filter((c) => !dropped.has(c.key));
}
