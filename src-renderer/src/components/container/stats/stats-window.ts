// The Stats tab's rolling window: samples turned into chart points, rates from cumulative counters, old points dropped.
import type { StatsSample } from '../../../../../src-main/contract/dto/streams';

/** Seconds of history the charts show (the stats session replays up to five minutes). */
export const WINDOW_SECONDS = 5 * 60;
/** Narrowest time span the charts show, so the first readings are not squeezed against the right edge. */
export const MIN_SPAN_SECONDS = 30;

/** One point of every chart, at one sample time. Rates are null for the first sample (nothing to compare with). */
export interface StatsPoint {
  /** Unix seconds (fractional) of the reading. */
  t: number;
  /** Percent of one CPU (200 = two full CPUs). */
  cpu: number;
  /** Bytes, without page cache. */
  memory: number;
  /** Bytes; the engine reports the host's memory when the container has no limit. */
  memoryLimit: number;
  /** Bytes per second. */
  rxRate: number | null;
  txRate: number | null;
  readRate: number | null;
  writeRate: number | null;
}

/** Columns for uPlot: x (unix seconds) first, then one array per series, all the same length. */
export interface StatsColumns {
  t: number[];
  cpu: number[];
  memory: number[];
  memoryLimit: number[];
  rx: Array<number | null>;
  tx: Array<number | null>;
  read: Array<number | null>;
  write: Array<number | null>;
}

/**
 * Per-second rate of a cumulative counter between two readings `seconds` apart. A counter that
 * went backwards was reset (the container restarted, an interface went away): the rate is 0.
 */
export function counterRate(previous: number, current: number, seconds: number): number | null {
  if (!(seconds > 0)) return null;
  return current >= previous ? (current - previous) / seconds : 0;
}

/** Unix seconds of a sample's ISO time; undefined for an unreadable or zero time (a stopped container's). */
export function sampleTime(sample: Pick<StatsSample, 'read'>): number | undefined {
  const ms = Date.parse(sample.read);
  return Number.isFinite(ms) && ms > 0 ? ms / 1000 : undefined;
}

/**
 * The x range of the charts for points at times `t` (unix seconds, ascending): ending at the newest,
 * spanning the history there is, at least half a minute and at most the window; ending at `now` when empty.
 */
export function visibleRange(t: number[], now: number): [number, number] {
  const newest = t.at(-1) ?? now;
  const span = Math.min(WINDOW_SECONDS, Math.max(MIN_SPAN_SECONDS, newest - (t[0] ?? newest)));
  return [newest - span, newest];
}

export class StatsWindow {
  private readonly points: StatsPoint[] = [];
  private previous: { t: number; sample: StatsSample } | undefined;
  private last: StatsSample | undefined;

  constructor(private readonly seconds = WINDOW_SECONDS) {}

  /**
   * Adds a sample; one not newer than the last (a replayed sample seen live already, or an
   * unreadable time) is ignored. Returns whether it was added.
   */
  add(sample: StatsSample): boolean {
    const t = sampleTime(sample);
    if (t === undefined || (this.previous && t <= this.previous.t)) return false;
    const prev = this.previous;
    const rate = (key: 'networkRx' | 'networkTx' | 'blockRead' | 'blockWrite') =>
      prev ? counterRate(prev.sample[key], sample[key], t - prev.t) : null;
    this.points.push({
      t,
      cpu: sample.cpuPercent,
      memory: sample.memoryUsage,
      memoryLimit: sample.memoryLimit,
      rxRate: rate('networkRx'),
      txRate: rate('networkTx'),
      readRate: rate('blockRead'),
      writeRate: rate('blockWrite'),
    });
    this.previous = { t, sample };
    this.last = sample;
    this.trim(t);
    return true;
  }

  /** Drops points older than the window before `now` (unix seconds). */
  trim(now: number): void {
    const oldest = now - this.seconds;
    let drop = 0;
    while (drop < this.points.length && this.points[drop]!.t < oldest) drop++;
    if (drop > 0) this.points.splice(0, drop);
  }

  clear(): void {
    this.points.length = 0;
    this.previous = undefined;
    this.last = undefined;
  }

  get size(): number {
    return this.points.length;
  }

  /** The newest sample as the engine sent it. */
  get latestSample(): StatsSample | undefined {
    return this.last;
  }

  /** The point at `index`, or the newest one. */
  point(index?: number): StatsPoint | undefined {
    return this.points[index ?? this.points.length - 1];
  }

  columns(): StatsColumns {
    const p = this.points;
    return {
      t: p.map((x) => x.t),
      cpu: p.map((x) => x.cpu),
      memory: p.map((x) => x.memory),
      memoryLimit: p.map((x) => x.memoryLimit),
      rx: p.map((x) => x.rxRate),
      tx: p.map((x) => x.txRate),
      read: p.map((x) => x.readRate),
      write: p.map((x) => x.writeRate),
    };
  }
}
