// What one log line renders as: ANSI-styled runs split where search matches begin and end, cut to a length.
import { parseAnsi, styleToCss } from './ansi';

/** A search match on a line, in visible-text characters (`end` exclusive). */
export interface MatchRange {
  start: number;
  end: number;
  /** The match the search is on. */
  current: boolean;
}

export interface LogPart {
  text: string;
  /** Inline style from the line's ANSI codes. */
  css?: Record<string, string>;
  mark?: 'match' | 'current';
}

export interface LineParts {
  parts: LogPart[];
  /** The line had more visible text than `maxChars`. */
  truncated: boolean;
}

/**
 * Parses only as much of `text` as is shown (`maxChars` visible characters), then splits the styled
 * runs at the match boundaries. `matches` must be sorted and must not overlap.
 */
export function lineParts(text: string, matches: readonly MatchRange[], maxChars = Infinity): LineParts {
  const { segments, truncated } = parseAnsi(text, maxChars);
  const parts: LogPart[] = [];
  let offset = 0;
  let m = 0;
  for (const segment of segments) {
    const css = segment.style ? styleToCss(segment.style) : undefined;
    const end = offset + segment.text.length;
    let at = offset;
    while (at < end) {
      while (m < matches.length && matches[m]!.end <= at) m++;
      const match = matches[m];
      let next: number;
      let mark: LogPart['mark'];
      if (match && match.start <= at) {
        next = Math.min(end, match.end);
        mark = match.current ? 'current' : 'match';
      } else {
        next = match ? Math.min(end, match.start) : end;
      }
      const part: LogPart = { text: segment.text.slice(at - offset, next - offset) };
      if (css) part.css = css;
      if (mark) part.mark = mark;
      parts.push(part);
      at = next;
    }
    offset = end;
  }
  return { parts, truncated };
}
