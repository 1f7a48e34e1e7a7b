// Splits the RFC 3339 timestamp the engine puts before each log line (and each piece of a long one) when timestamps are asked for.

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

/**
 * Lines shorter than this hold no partial message: the engine cuts a long line into messages of 16 KiB
 * (moby's log copier), at least 5,461 UTF-16 code units each, and never less than 1,024.
 */
const MIN_PARTIAL_LINE = 1024;

/**
 * A long line reaches the engine's log driver as partial messages, and `docker logs -t` writes the line's
 * timestamp again before each piece: "T aaaaT bbbb" (the text after the first "T "). Returns the line whole
 * ("aaaabbbb") with the offsets where the pieces began (`[4]`), or undefined when the line is one message.
 */
export function joinPartials(text: string, timestamp: string): { text: string; partials: number[] } | undefined {
  if (text.length < MIN_PARTIAL_LINE) return undefined;
  const marker = `${timestamp} `;
  let at = text.indexOf(marker);
  if (at < 0) return undefined;
  const pieces: string[] = [];
  const partials: number[] = [];
  let from = 0;
  let length = 0;
  while (at >= 0) {
    pieces.push(text.slice(from, at));
    length += at - from;
    partials.push(length);
    from = at + marker.length;
    at = text.indexOf(marker, from);
  }
  pieces.push(text.slice(from));
  return { text: pieces.join(''), partials };
}
