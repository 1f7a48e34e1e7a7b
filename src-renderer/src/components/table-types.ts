// Types shared by VirtualTable and the pages that use it.

export interface TableColumn {
  key: string;
  title: string;
  /** CSS grid track: "120px", or "minmax(160px, 2fr)" for columns that take the rest. */
  width: string;
  sortable?: boolean;
  align?: 'left' | 'right' | 'center';
  /**
   * Columns with a priority give way when the table is too narrow for every column's least width: the highest
   * number first. Columns without one always stay.
   */
  priority?: number;
}

export type SortOrder = 'ascend' | 'descend';

export interface TableSort {
  key: string;
  order: SortOrder;
}

/** A row as the table draws it: an item, or a group header (e.g. a compose project). */
export interface TableRow<T> {
  key: string;
  kind: 'item' | 'group';
  /** 0 for top level, 1 inside a group. */
  depth: number;
  data: T;
}
