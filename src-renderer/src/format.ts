// Display formatting shared by every page: short ids, relative times, sizes.
import { formatBytes } from '../../src-main/core/bytes';

/** Ids are shown as 12 hex digits, without the "sha256:" prefix. */
export function shortId(id: string): string {
  return id.replace(/^sha256:/, '').slice(0, 12);
}

const UNITS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
  ['second', 1],
];
const relative = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });

/** "3 minutes ago" for a time in unix seconds. */
export function timeAgo(unixSeconds: number, now = Date.now()): string {
  const diff = unixSeconds - now / 1000;
  // The shared clock ticks every few seconds, so something made since its last tick looks a little ahead of it.
  if (diff > 0 && diff < 60) return 'just now';
  for (const [unit, seconds] of UNITS) {
    if (Math.abs(diff) >= seconds || unit === 'second') return relative.format(Math.round(diff / seconds), unit);
  }
  return '';
}

/** The exact local time, for tooltips. */
export function exactTime(unixSeconds: number): string {
  return new Date(unixSeconds * 1000).toLocaleString();
}

/** Unix seconds from an ISO 8601 time (the engine's inspect format). */
export function isoToUnix(iso: string): number {
  return Math.floor(Date.parse(iso) / 1000);
}

/** Human-readable size with one decimal, as the docker CLI prints it (MB, GB); "—" when not known. */
export function size(bytes: number | null | undefined): string {
  return bytes === undefined || bytes === null || bytes < 0 ? '—' : formatBytes(bytes);
}

/** Memory as limits are set (MiB, GiB). */
export function memory(bytes: number): string {
  return formatBytes(bytes, { binary: true });
}

/** "3 containers", "1 container". */
export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

const nameOrder = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/** Orders names A to Z with numbers in them by value ("web-2" before "web-10"). */
export function compareNames(a: string, b: string): number {
  return nameOrder.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}

/** A sorted copy of `names`, in `compareNames` order. */
export function sortNames(names: readonly string[]): string[] {
  return [...names].sort(compareNames);
}
