// The engine's RFC 3339 (nanosecond) log timestamps: exact comparison, and the short local form shown in the viewer.

const RFC3339 = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d{1,9}))?(Z|[+-]\d\d:\d\d)$/;

/** Nanoseconds since the epoch, or undefined when `stamp` is not RFC 3339. */
export function stampNanos(stamp: string): bigint | undefined {
  const match = RFC3339.exec(stamp);
  if (!match) return undefined;
  const ms = Date.parse(`${match[1]}${match[3]}`);
  if (Number.isNaN(ms)) return undefined;
  return BigInt(ms) * 1_000_000n + BigInt((match[2] ?? '').padEnd(9, '0'));
}

/** Whether `stamp` is later than `boundary` (both RFC 3339); lines that cannot be told are kept. */
export function isAfter(stamp: string | undefined, boundary: string): boolean {
  const a = stamp === undefined ? undefined : stampNanos(stamp);
  const b = stampNanos(boundary);
  return a === undefined || b === undefined || a > b;
}

/** Whole unix seconds of an RFC 3339 time, rounded down (what the logs API's `since` takes). */
export function unixSeconds(stamp: string): number | undefined {
  const nanos = stampNanos(stamp);
  return nanos === undefined ? undefined : Number(nanos / 1_000_000_000n);
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** "2024-05-01 14:03:09.123" in local time, for the timestamp column; the input itself when unreadable. */
export function shortStamp(stamp: string): string {
  const nanos = stampNanos(stamp);
  if (nanos === undefined) return stamp;
  const d = new Date(Number(nanos / 1_000_000n));
  return (
    `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ` +
    `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`
  );
}
