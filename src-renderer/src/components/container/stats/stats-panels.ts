// What each of the Stats tab's four panels shows: its series, chart columns, and readings as numbers.
import type { StatsColumns, StatsPoint } from './stats-window';
import { cpuCapacity, formatCpu, formatMemory, formatRate } from './stats-format';
import { formatBytes } from '../../../../../src-main/core/bytes';
import type { StatsSample } from '../../../../../src-main/contract/dto/streams';

export interface ChartSeries {
  label: string;
  /** CSS custom property holding the colour, e.g. "--chart-cpu"; read at draw time so it follows the theme. */
  colorVar: string;
  /** Dashed, for reference lines such as a memory limit. */
  dash?: number[];
  /** Shade the area under the line. */
  fill?: boolean;
}

export interface Reading {
  label: string;
  value: string;
  /** The series' colour variable, for the swatch; omitted for a reading without a line. */
  colorVar?: string;
}

export type PanelKey = 'cpu' | 'memory' | 'network' | 'block';

export interface Panel {
  key: PanelKey;
  title: string;
  caption: string;
  readings: Reading[];
  series: ChartSeries[];
  /** x first, then one column per series. */
  data: [number[], ...Array<Array<number | null>>];
  /** Smallest top of the y axis: 1% CPU, 1 MiB memory, 1 kB/s. */
  minTop: number;
  unit: 'percent' | 'memory' | 'rate';
  /** Steps the y axis ticks may use; omitted for uPlot's decimal ones. */
  incrs?: number[];
}

/** Binary tick steps for memory (1 KiB … 512 GiB), so ticks read "64 MiB" rather than "61 MiB". */
export const MEMORY_TICKS = [1, 2, 3].flatMap((power) =>
  [1, 2, 4, 8, 16, 32, 64, 128, 256, 512].map((n) => n * 1024 ** power),
);

export interface PanelContext {
  columns: StatsColumns;
  /** The point the numbers describe: the newest, or the one under the pointer. */
  point: StatsPoint | undefined;
  /** The newest sample, for totals and the CPU count. */
  latest: StatsSample | undefined;
  /** The container's own memory limit in bytes (0: none) and CPU limit in nano CPUs (0: none). */
  memoryLimit: number;
  nanoCpus: number;
}

const MiB = 1024 * 1024;

export function statsPanels(c: PanelContext): Panel[] {
  const { columns: col, point: p, latest } = c;
  const limited = c.memoryLimit > 0;
  return [
    {
      key: 'cpu',
      title: 'CPU',
      caption: cpuCapacity(latest?.onlineCpus ?? 0, c.nanoCpus),
      readings: [{ label: 'Usage', value: formatCpu(p?.cpu), colorVar: '--chart-cpu' }],
      series: [{ label: 'CPU', colorVar: '--chart-cpu', fill: true }],
      data: [col.t, col.cpu],
      minTop: 1,
      unit: 'percent',
    },
    {
      key: 'memory',
      title: 'Memory',
      caption: limited ? `limit ${formatMemory(c.memoryLimit)}` : 'no limit',
      readings: [
        { label: 'Used', value: formatMemory(p?.memory), colorVar: '--chart-memory' },
        ...(limited && p
          ? [
              {
                label: 'Of limit',
                value: `${((p.memory / c.memoryLimit) * 100).toFixed(1)}%`,
                colorVar: '--chart-limit',
              },
            ]
          : []),
      ],
      series: [
        { label: 'Used', colorVar: '--chart-memory', fill: true },
        ...(limited ? [{ label: 'Limit', colorVar: '--chart-limit', dash: [5, 4] }] : []),
      ],
      data: limited ? [col.t, col.memory, col.t.map(() => c.memoryLimit)] : [col.t, col.memory],
      minTop: MiB,
      unit: 'memory',
      incrs: MEMORY_TICKS,
    },
    {
      key: 'network',
      title: 'Network',
      caption: latest ? `${formatBytes(latest.networkRx)} in · ${formatBytes(latest.networkTx)} out in total` : '',
      readings: [
        { label: 'In', value: formatRate(p?.rxRate), colorVar: '--chart-rx' },
        { label: 'Out', value: formatRate(p?.txRate), colorVar: '--chart-tx' },
      ],
      series: [
        { label: 'In', colorVar: '--chart-rx' },
        { label: 'Out', colorVar: '--chart-tx' },
      ],
      data: [col.t, col.rx, col.tx],
      minTop: 1000,
      unit: 'rate',
    },
    {
      key: 'block',
      title: 'Disk I/O',
      caption: latest
        ? `${formatBytes(latest.blockRead)} read · ${formatBytes(latest.blockWrite)} written in total`
        : '',
      readings: [
        { label: 'Read', value: formatRate(p?.readRate), colorVar: '--chart-read' },
        { label: 'Write', value: formatRate(p?.writeRate), colorVar: '--chart-write' },
      ],
      series: [
        { label: 'Read', colorVar: '--chart-read' },
        { label: 'Write', colorVar: '--chart-write' },
      ],
      data: [col.t, col.read, col.write],
      minTop: 1000,
      unit: 'rate',
    },
  ];
}
