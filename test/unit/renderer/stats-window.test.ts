// The Stats tab's maths: rates from cumulative counters, the rolling window, replay duplicates, chart columns and panels.
import { describe, expect, it } from 'vitest';
import type { StatsSample } from '../../../src-main/contract/dto/streams';
import {
  axisPercent,
  cpuCapacity,
  formatCpu,
  formatMemory,
  formatRate,
} from '../../../src-renderer/src/components/container/stats/stats-format';
import { statsPanels } from '../../../src-renderer/src/components/container/stats/stats-panels';
import {
  counterRate,
  MIN_SPAN_SECONDS,
  sampleTime,
  StatsWindow,
  visibleRange,
  WINDOW_SECONDS,
} from '../../../src-renderer/src/components/container/stats/stats-window';

const T0 = Date.parse('2024-05-01T10:00:00Z');
const MiB = 1024 * 1024;

function sample(second: number, extra: Partial<StatsSample> = {}): StatsSample {
  return {
    read: new Date(T0 + second * 1000).toISOString(),
    cpuPercent: 5,
    onlineCpus: 2,
    memoryUsage: 10 * MiB,
    memoryLimit: 512 * MiB,
    memoryPercent: 2,
    networkRx: 1000 * second,
    networkTx: 500 * second,
    blockRead: 0,
    blockWrite: 4096 * second,
    pids: 3,
    ...extra,
  };
}

describe('counterRate', () => {
  it('divides the growth by the seconds between readings', () => {
    expect(counterRate(1000, 3000, 2)).toBe(1000);
    expect(counterRate(5, 5, 1)).toBe(0);
  });

  it('treats a counter that went backwards as reset (rate 0), and no elapsed time as unknown', () => {
    expect(counterRate(9000, 100, 1)).toBe(0);
    expect(counterRate(1, 2, 0)).toBeNull();
    expect(counterRate(1, 2, -1)).toBeNull();
  });
});

describe('sampleTime', () => {
  it('reads ISO times as unix seconds, refusing the zero time a stopped container reports', () => {
    expect(sampleTime({ read: '2024-05-01T10:00:00.5Z' })).toBe(T0 / 1000 + 0.5);
    expect(sampleTime({ read: '0001-01-01T00:00:00Z' })).toBeUndefined();
    expect(sampleTime({ read: 'nonsense' })).toBeUndefined();
  });
});

describe('StatsWindow', () => {
  it('has no rates for the first sample and per-second rates after', () => {
    const w = new StatsWindow();
    w.add(sample(0));
    expect(w.point()).toMatchObject({ rxRate: null, txRate: null, readRate: null, writeRate: null, cpu: 5 });
    w.add(sample(2));
    expect(w.point()).toMatchObject({ rxRate: 1000, txRate: 500, readRate: 0, writeRate: 4096 });
    expect(w.point(0)?.t).toBe(T0 / 1000);
  });

  it('skips samples not newer than the last one (replayed ones already seen live)', () => {
    const w = new StatsWindow();
    expect(w.add(sample(1))).toBe(true);
    expect(w.add(sample(1))).toBe(false);
    expect(w.add(sample(0))).toBe(false);
    expect(w.add(sample(2, { read: '0001-01-01T00:00:00Z' }))).toBe(false);
    expect(w.size).toBe(1);
  });

  it('keeps only the last five minutes', () => {
    const w = new StatsWindow();
    for (let s = 0; s <= WINDOW_SECONDS + 60; s++) w.add(sample(s));
    const cols = w.columns();
    expect(cols.t[0]).toBe(T0 / 1000 + 60);
    expect(cols.t.at(-1)! - cols.t[0]!).toBe(WINDOW_SECONDS);
    expect(w.size).toBe(WINDOW_SECONDS + 1);
  });

  it('trims on demand, and a narrower window keeps less', () => {
    const w = new StatsWindow(10);
    for (let s = 0; s < 5; s++) w.add(sample(s));
    w.trim(T0 / 1000 + 12);
    expect(w.columns().t).toEqual([T0 / 1000 + 2, T0 / 1000 + 3, T0 / 1000 + 4]);
  });

  it('gives aligned columns for the charts and the newest sample as sent', () => {
    const w = new StatsWindow();
    w.add(sample(0));
    w.add(sample(1, { cpuPercent: 50, memoryUsage: 20 * MiB }));
    const cols = w.columns();
    expect(cols).toEqual({
      t: [T0 / 1000, T0 / 1000 + 1],
      cpu: [5, 50],
      memory: [10 * MiB, 20 * MiB],
      memoryLimit: [512 * MiB, 512 * MiB],
      rx: [null, 1000],
      tx: [null, 500],
      read: [null, 0],
      write: [null, 4096],
    });
    expect(w.latestSample?.cpuPercent).toBe(50);
    w.clear();
    expect(w.size).toBe(0);
    expect(w.latestSample).toBeUndefined();
    expect(w.add(sample(0))).toBe(true);
  });
});

describe('stats formatting', () => {
  it('formats CPU, memory and rates in human units', () => {
    expect(formatCpu(0.123)).toBe('0.12%');
    expect(formatCpu(153.26)).toBe('153.3%');
    expect(formatCpu(undefined)).toBe('—');
    expect(formatMemory(10 * MiB)).toBe('10 MiB');
    expect(formatMemory(null)).toBe('—');
    expect(formatRate(1500)).toBe('1.5 kB/s');
    expect(formatRate(null)).toBe('—');
    expect(axisPercent(12.345)).toBe('12.3%');
  });

  it('says what the CPU percentage is relative to', () => {
    expect(cpuCapacity(4, 0)).toBe('of 4 CPUs');
    expect(cpuCapacity(1, 0)).toBe('of 1 CPU');
    expect(cpuCapacity(4, 1_500_000_000)).toBe('limit 1.5 CPUs');
    expect(cpuCapacity(0, 0)).toBe('');
  });
});

describe('statsPanels', () => {
  const w = new StatsWindow();
  w.add(sample(0));
  w.add(sample(1, { memoryUsage: 64 * MiB }));
  const context = { columns: w.columns(), point: w.point(), latest: w.latestSample, nanoCpus: 0 };

  it('draws the memory limit as a second line only when the container has one', () => {
    const limited = statsPanels({ ...context, memoryLimit: 256 * MiB }).find((p) => p.key === 'memory')!;
    expect(limited.series.map((s) => s.label)).toEqual(['Used', 'Limit']);
    expect(limited.data[2]).toEqual([256 * MiB, 256 * MiB]);
    expect(limited.readings.map((r) => r.value)).toEqual(['64 MiB', '25.0%']);
    expect(limited.caption).toBe('limit 256 MiB');

    const unlimited = statsPanels({ ...context, memoryLimit: 0 }).find((p) => p.key === 'memory')!;
    expect(unlimited.series.map((s) => s.label)).toEqual(['Used']);
    expect(unlimited.data).toHaveLength(2);
    expect(unlimited.caption).toBe('no limit');
  });

  it('shows the rates of the described point and the totals of the newest sample', () => {
    const panels = statsPanels({ ...context, memoryLimit: 0 });
    expect(panels.map((p) => p.key)).toEqual(['cpu', 'memory', 'network', 'block']);
    const network = panels.find((p) => p.key === 'network')!;
    expect(network.readings).toEqual([
      { label: 'In', value: '1 kB/s', colorVar: '--chart-rx' },
      { label: 'Out', value: '500 B/s', colorVar: '--chart-tx' },
    ]);
    expect(network.caption).toBe('1 kB in · 500 B out in total');
    expect(panels[0]!.caption).toBe('of 2 CPUs');
    for (const p of panels) expect(p.data.every((col) => col.length === 2)).toBe(true);
  });

  it('shows dashes before the first reading', () => {
    const empty = new StatsWindow();
    const panels = statsPanels({
      columns: empty.columns(),
      point: undefined,
      latest: undefined,
      memoryLimit: 0,
      nanoCpus: 0,
    });
    expect(panels.flatMap((p) => p.readings.map((r) => r.value))).toEqual(['—', '—', '—', '—', '—', '—']);
  });
});

describe('visibleRange', () => {
  const now = T0 / 1000;

  it('ends at the newest point and spans at least half a minute', () => {
    expect(visibleRange([now - 5, now], now + 100)).toEqual([now - MIN_SPAN_SECONDS, now]);
  });

  it('spans the history there is, up to the window', () => {
    expect(visibleRange([now - 120, now], now)).toEqual([now - 120, now]);
    expect(visibleRange([now - 900, now], now)).toEqual([now - WINDOW_SECONDS, now]);
  });

  it('ends at now when there are no points', () => {
    expect(visibleRange([], now)).toEqual([now - MIN_SPAN_SECONDS, now]);
  });
});
