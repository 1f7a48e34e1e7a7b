// The Processes table: columns from `docker top` titles, rows keyed by PID.
import { describe, expect, it } from 'vitest';
import { processColumns, processRows } from '../../../src-renderer/src/components/container/process-table';

describe('processColumns', () => {
  it('gives the command the rest of the width and right-aligns numbers', () => {
    const columns = processColumns(['UID', 'PID', 'PPID', 'C', 'STIME', 'TTY', 'TIME', 'CMD']);
    expect(columns.map((c) => c.key)).toEqual(['c0', 'c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'c7']);
    expect(columns[7]).toEqual({ key: 'c7', title: 'CMD', width: 'minmax(240px, 1fr)' });
    expect(columns[1]).toMatchObject({ title: 'PID', align: 'right', width: '76px' });
    expect(columns[4]).toMatchObject({ title: 'STIME', width: '90px' });
    expect(columns[4]!.align).toBeUndefined();
  });

  it('copes with titles it does not know', () => {
    expect(processColumns(['WCHAN'])[0]).toEqual({ key: 'c0', title: 'WCHAN', width: '110px' });
  });
});

describe('processRows', () => {
  it('keys rows by PID', () => {
    const rows = processRows({
      titles: ['UID', 'PID', 'CMD'],
      processes: [
        ['root', '1', 'sleep 300'],
        ['root', '7', 'sh'],
      ],
    });
    expect(rows.map((r) => r.key)).toEqual(['pid-1', 'pid-7']);
    expect(rows[0]!.data).toEqual(['root', '1', 'sleep 300']);
  });

  it('falls back to positions without a PID column', () => {
    expect(processRows({ titles: ['CMD'], processes: [['a'], ['b']] }).map((r) => r.key)).toEqual(['row-0', 'row-1']);
  });
});
