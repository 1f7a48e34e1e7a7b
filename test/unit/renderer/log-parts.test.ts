// A rendered log line: ANSI runs split at search matches, the current match marked, long lines cut.
import { describe, expect, it } from 'vitest';
import { lineParts } from '../../../src-renderer/src/components/logs/log-parts';

describe('lineParts', () => {
  it('splits styled runs where matches begin and end', () => {
    const { parts } = lineParts('one \x1b[31mtwo three\x1b[0m four', [
      { start: 2, end: 6, current: false },
      { start: 9, end: 12, current: true },
    ]);
    expect(parts).toEqual([
      { text: 'on' },
      { text: 'e ', mark: 'match' },
      { text: 'tw', css: { color: 'var(--ansi-1)' }, mark: 'match' },
      { text: 'o t', css: { color: 'var(--ansi-1)' } },
      { text: 'hre', css: { color: 'var(--ansi-1)' }, mark: 'current' },
      { text: 'e', css: { color: 'var(--ansi-1)' } },
      { text: ' four' },
    ]);
  });

  it('keeps the visible text whole', () => {
    const text = 'a\x1b[1mbc\x1b[0mdefg';
    const { parts } = lineParts(text, [{ start: 0, end: 7, current: false }]);
    expect(parts.map((p) => p.text).join('')).toBe('abcdefg');
  });

  it('cuts long lines and reports it', () => {
    const { parts, truncated } = lineParts('x'.repeat(50), [{ start: 8, end: 12, current: true }], 10);
    expect(parts).toEqual([{ text: 'x'.repeat(8) }, { text: 'xx', mark: 'current' }]);
    expect(truncated).toBe(true);
  });

  it('gives no parts for an empty line', () => {
    expect(lineParts('', [])).toEqual({ parts: [], truncated: false });
  });
});
