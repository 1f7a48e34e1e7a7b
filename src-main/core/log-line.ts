// Splits the RFC 3339 timestamp the engine puts before each log line when timestamps are asked for.

const TIMESTAMP_RE =
  /^(\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])T(?:[01]\d|2[0-3]):[0-5]\d:(?:[0-5]\d|60)(?:\.\d{1,9})?(?:Z|[+-](?:[01]\d|2[0-3]):[0-5]\d))(?: |$)/;

/**
 * "2024-01-02T03:04:05.123456789Z hello" → { timestamp: "2024-01-02T03:04:05.123456789Z", text: "hello" }.
 * The timestamp must be followed by one space or the end of the line; only that space is removed.
 * A line without a valid RFC 3339 (nano) prefix is returned whole as `text`.
 */
export function splitTimestamp(line: string): { timestamp?: string; text: string } {
  const match = TIMESTAMP_RE.exec(line);
  if (match?.[1] === undefined) return { text: line };
  return { timestamp: match[1], text: line.slice(match[0].length) };
}
