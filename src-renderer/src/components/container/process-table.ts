// The Processes tab's table: `docker top` titles as columns with widths that suit them, processes as rows.
import type { ProcessList } from '../../../../src-main/contract/dto/containers';
import type { TableColumn, TableRow } from '../table-types';

/** Columns holding a command line take the rest of the width. */
const COMMAND = new Set(['CMD', 'COMMAND', 'ARGS']);
const NUMERIC = new Set(['PID', 'PPID', 'C', '%CPU', '%MEM', 'VSZ', 'RSS', 'NI', 'PRI']);
const WIDTHS: Record<string, string> = {
  USER: '110px',
  UID: '90px',
  STIME: '90px',
  START: '90px',
  TTY: '80px',
  TIME: '90px',
  STAT: '64px',
};

/** Columns that give way first on a narrow window (a higher number goes sooner); PID, USER and the command stay. */
const PRIORITY: Record<string, number> = { C: 6, STIME: 5, START: 5, TTY: 4, PPID: 3, TIME: 2, UID: 1 };

/** Column keys are the positions ("c0", "c1", …): titles may repeat or hold characters unfit for a key. */
export function processColumns(titles: readonly string[]): TableColumn[] {
  return titles.map((title, i) => {
    const upper = title.toUpperCase();
    const column: TableColumn = {
      key: `c${i}`,
      title,
      width: COMMAND.has(upper) ? 'minmax(240px, 1fr)' : (WIDTHS[upper] ?? (NUMERIC.has(upper) ? '76px' : '110px')),
    };
    if (NUMERIC.has(upper)) column.align = 'right';
    if (PRIORITY[upper] !== undefined) column.priority = PRIORITY[upper];
    return column;
  });
}

/** One row per process, keyed by its PID when there is a PID column. */
export function processRows(list: ProcessList): TableRow<string[]>[] {
  const pid = list.titles.findIndex((t) => t.toUpperCase() === 'PID');
  return list.processes.map((cells, i) => ({
    key: pid >= 0 && cells[pid] ? `pid-${cells[pid]}` : `row-${i}`,
    kind: 'item',
    depth: 0,
    data: cells,
  }));
}
