// The SGR parser: 16/256/truecolour, styles, resets, other escape sequences dropped, truncation.
import { describe, expect, it } from 'vitest';
import {
  applySgr,
  paletteColour,
  parseAnsi,
  stripAnsi,
  styleToCss,
} from '../../../src-renderer/src/components/logs/ansi';

describe('parseAnsi', () => {
  it('returns plain text as one unstyled segment', () => {
    expect(parseAnsi('hello <b>world</b>')).toEqual({ segments: [{ text: 'hello <b>world</b>' }], truncated: false });
  });

  it('styles text with the basic and bright colours and resets', () => {
    const { segments } = parseAnsi('a\x1b[31mred\x1b[0m b \x1b[1;94mbold bright\x1b[m');
    expect(segments).toEqual([
      { text: 'a' },
      { text: 'red', style: { fg: 'var(--ansi-1)' } },
      { text: ' b ' },
      { text: 'bold bright', style: { fg: 'var(--ansi-12)', bold: true } },
    ]);
  });

  it('reads 256-colour and truecolour foregrounds and backgrounds, with ; and : separators', () => {
    expect(parseAnsi('\x1b[38;5;208mx').segments[0]!.style).toEqual({ fg: '#ff8700' });
    expect(parseAnsi('\x1b[48;5;244mx').segments[0]!.style).toEqual({ bg: '#808080' });
    expect(parseAnsi('\x1b[38;5;3mx').segments[0]!.style).toEqual({ fg: 'var(--ansi-3)' });
    expect(parseAnsi('\x1b[38;2;10;20;255mx').segments[0]!.style).toEqual({ fg: '#0a14ff' });
    expect(parseAnsi('\x1b[48:2::1:2:3mx').segments[0]!.style).toEqual({ bg: '#010203' });
    expect(parseAnsi('\x1b[38:5:196mx').segments[0]!.style).toEqual({ fg: '#ff0000' });
    expect(parseAnsi('\x1b[43;30mx').segments[0]!.style).toEqual({ bg: 'var(--ansi-3)', fg: 'var(--ansi-0)' });
    expect(parseAnsi('\x1b[103mx').segments[0]!.style).toEqual({ bg: 'var(--ansi-11)' });
  });

  it('keeps the parameters after an extended colour', () => {
    expect(parseAnsi('\x1b[38;2;1;2;3;1mx').segments[0]!.style).toEqual({ fg: '#010203', bold: true });
    expect(parseAnsi('\x1b[38;5;9;4mx').segments[0]!.style).toEqual({ fg: 'var(--ansi-9)', underline: true });
  });

  it('ignores colours out of range', () => {
    expect(parseAnsi('\x1b[38;5;300mx').segments).toEqual([{ text: 'x' }]);
    expect(parseAnsi('\x1b[38;2;1;2;999mx').segments).toEqual([{ text: 'x' }]);
  });

  it('turns styles on and off one by one', () => {
    let style = applySgr({}, '1;2;3;4;7;9');
    expect(style).toEqual({ bold: true, dim: true, italic: true, underline: true, inverse: true, strike: true });
    style = applySgr(style, '22;23;24;27;29');
    expect(style).toEqual({});
    expect(applySgr({ fg: 'red', bg: 'blue' }, '39')).toEqual({ bg: 'blue' });
    expect(applySgr({ fg: 'red', bg: 'blue' }, '49')).toEqual({ fg: 'red' });
    expect(applySgr({ underline: true }, '4:0')).toEqual({});
    expect(applySgr({ bold: true }, '')).toEqual({});
  });

  it('drops cursor, erase, OSC and charset sequences without showing them', () => {
    const text = '\x1b[2K\x1b[1Gstart \x1b]8;;http://x\x07link\x1b]8;;\x1b\\ \x1b(Bend\x1b';
    expect(stripAnsi(text)).toBe('start link end');
  });

  it('cuts the visible text at maxChars and says so', () => {
    const { segments, truncated } = parseAnsi('ab\x1b[32mcdef\x1b[0mgh', 4);
    expect(segments).toEqual([{ text: 'ab' }, { text: 'cd', style: { fg: 'var(--ansi-2)' } }]);
    expect(truncated).toBe(true);
    expect(parseAnsi('abcd\x1b[0m', 4).truncated).toBe(false);
  });

  it('parses a 100,000-character line only as far as asked', () => {
    const huge = '\x1b[33m' + 'y'.repeat(100_000);
    const started = performance.now();
    const { segments, truncated } = parseAnsi(huge, 2000);
    expect(segments[0]!.text.length).toBe(2000);
    expect(truncated).toBe(true);
    expect(performance.now() - started).toBeLessThan(50);
  });

  it('keeps angle brackets and ampersands as text (rendering escapes them)', () => {
    expect(stripAnsi('\x1b[31m<script>&amp;</script>\x1b[0m')).toBe('<script>&amp;</script>');
  });
});

describe('paletteColour', () => {
  it('maps the cube and the grey ramp of the 256-colour palette', () => {
    expect(paletteColour(16)).toBe('#000000');
    expect(paletteColour(231)).toBe('#ffffff');
    expect(paletteColour(232)).toBe('#080808');
    expect(paletteColour(255)).toBe('#eeeeee');
    expect(paletteColour(256)).toBeUndefined();
  });
});

describe('styleToCss', () => {
  it('turns a style into inline CSS, swapping colours for inverse', () => {
    expect(styleToCss({ fg: '#f00', bold: true, italic: true, underline: true, strike: true, dim: true })).toEqual({
      color: '#f00',
      fontWeight: '600',
      fontStyle: 'italic',
      textDecoration: 'underline line-through',
      opacity: '0.65',
    });
    expect(styleToCss({ fg: '#f00', inverse: true })).toEqual({ color: 'var(--log-bg)', backgroundColor: '#f00' });
  });
});

describe('stripAnsi', () => {
  it('removes exactly what parseAnsi hides', () => {
    const samples = [
      'plain',
      '\x1b[31mred\x1b[0m and \x1b[1;4mbold\x1b[m',
      'cut \x1b[3',
      'osc \x1b]0;title\x07after \x1b]8;;u\x1b\\link',
      '\x1b(Bcharset \x1b',
      'bad \x1b[12\x01x',
    ];
    for (const text of samples) {
      expect(stripAnsi(text), JSON.stringify(text)).toBe(
        parseAnsi(text)
          .segments.map((s) => s.text)
          .join(''),
      );
    }
  });
});
