// Choices of the logs toolbar: how much history to load, and the name of a downloaded log file.

export type LogRange = 'tail-100' | 'tail-1000' | 'tail-10000' | 'all' | 'since-10m' | 'since-1h' | 'since-1d';

export const DEFAULT_RANGE: LogRange = 'tail-1000';

export const LOG_RANGES: ReadonlyArray<{ value: LogRange; label: string }> = [
  { value: 'tail-100', label: 'Last 100 lines' },
  { value: 'tail-1000', label: 'Last 1,000 lines' },
  { value: 'tail-10000', label: 'Last 10,000 lines' },
  { value: 'since-10m', label: 'Last 10 minutes' },
  { value: 'since-1h', label: 'Last hour' },
  { value: 'since-1d', label: 'Last day' },
  { value: 'all', label: 'All lines' },
];

export function isLogRange(value: unknown): value is LogRange {
  return LOG_RANGES.some((r) => r.value === value);
}

/** The `tail`/`since` arguments of `logs.open` for a range. */
export function rangeRequest(range: LogRange): { tail?: number; since?: string } {
  if (range === 'all') return {};
  const [kind, amount] = range.split('-') as ['tail' | 'since', string];
  return kind === 'tail' ? { tail: Number(amount) } : { since: amount };
}

const pad = (n: number) => String(n).padStart(2, '0');

/** "web-1_2024-05-01_14-03-09.log": the container's name and the local time of the download. */
export function logFileName(container: string, now: Date): string {
  const safe = container.replace(/[^A-Za-z0-9_.-]+/g, '-').replace(/^[-.]+/, '') || 'container';
  const date = `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
  const time = `${pad(now.getHours())}-${pad(now.getMinutes())}-${pad(now.getSeconds())}`;
  return `${safe}_${date}_${time}.log`;
}
