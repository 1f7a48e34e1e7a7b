// ANSI escape sequences in log text: SGR colours and styles into styled segments, everything else dropped.

/** A text style from SGR codes; colours are CSS colour values. */
export interface AnsiStyle {
  fg?: string;
  bg?: string;
  bold?: boolean;
  dim?: boolean;
  italic?: boolean;
  underline?: boolean;
  strike?: boolean;
  inverse?: boolean;
}

/** A run of visible text in one style (`style` is undefined for plain text). */
export interface AnsiSegment {
  text: string;
  style?: AnsiStyle;
}

export interface ParsedAnsi {
  segments: AnsiSegment[];
  /** True when the visible text was cut at `maxChars`. */
  truncated: boolean;
}

const ESC = '\x1b';

/** The 16 basic colours are theme variables, so light and dark themes can tune them. */
function basicColour(n: number): string {
  return `var(--ansi-${n})`;
}

const hex = (n: number) => n.toString(16).padStart(2, '0');

/** A colour of the xterm 256-colour palette; undefined when out of range. */
export function paletteColour(n: number): string | undefined {
  if (!Number.isInteger(n) || n < 0 || n > 255) return undefined;
  if (n < 16) return basicColour(n);
  if (n >= 232) {
    const level = 8 + (n - 232) * 10;
    return `#${hex(level)}${hex(level)}${hex(level)}`;
  }
  const cube = n - 16;
  const step = (v: number) => (v === 0 ? 0 : 55 + v * 40);
  return `#${hex(step(Math.floor(cube / 36)))}${hex(step(Math.floor(cube / 6) % 6))}${hex(step(cube % 6))}`;
}

function rgb(r: number | undefined, g: number | undefined, b: number | undefined): string | undefined {
  const ok = (v: number | undefined): v is number => v !== undefined && Number.isInteger(v) && v >= 0 && v <= 255;
  return ok(r) && ok(g) && ok(b) ? `#${hex(r)}${hex(g)}${hex(b)}` : undefined;
}

/**
 * An extended colour (after 38 or 48). `sub` holds colon sub-parameters when the code used them
 * ("38:2::255:0:0"); otherwise the colour is read from the following parameters. Returns the colour
 * and how many following parameters were consumed.
 */
function extendedColour(sub: number[], rest: number[][]): { colour?: string; used: number } {
  if (sub.length > 1) {
    if (sub[1] === 5) return { colour: paletteColour(sub[2] ?? -1), used: 0 };
    if (sub[1] === 2) {
      const [r, g, b] = sub.slice(-3);
      return { colour: sub.length >= 5 ? rgb(r, g, b) : undefined, used: 0 };
    }
    return { used: 0 };
  }
  const mode = rest[0]?.[0];
  if (mode === 5) return { colour: paletteColour(rest[1]?.[0] ?? -1), used: 2 };
  if (mode === 2) return { colour: rgb(rest[1]?.[0], rest[2]?.[0], rest[3]?.[0]), used: 4 };
  return { used: rest.length > 0 ? 1 : 0 };
}

/** Applies one SGR parameter list ("1;31", "38;5;208", "") to a style, returning the new style. */
export function applySgr(style: AnsiStyle, params: string): AnsiStyle {
  const list = (params === '' ? ['0'] : params.split(';')).map((p) =>
    p.split(':').map((s) => (s === '' ? 0 : Number(s))),
  );
  let next: AnsiStyle = { ...style };
  for (let i = 0; i < list.length; i++) {
    const sub = list[i]!;
    const code = sub[0]!;
    if (code === 0) next = {};
    else if (code === 1) next.bold = true;
    else if (code === 2) next.dim = true;
    else if (code === 3) next.italic = true;
    else if (code === 4) next.underline = sub[1] !== 0;
    else if (code === 7) next.inverse = true;
    else if (code === 9) next.strike = true;
    else if (code === 21) next.underline = true;
    else if (code === 22) next.bold = next.dim = false;
    else if (code === 23) next.italic = false;
    else if (code === 24) next.underline = false;
    else if (code === 27) next.inverse = false;
    else if (code === 29) next.strike = false;
    else if (code >= 30 && code <= 37) next.fg = basicColour(code - 30);
    else if (code === 39) delete next.fg;
    else if (code >= 40 && code <= 47) next.bg = basicColour(code - 40);
    else if (code === 49) delete next.bg;
    else if (code >= 90 && code <= 97) next.fg = basicColour(code - 90 + 8);
    else if (code >= 100 && code <= 107) next.bg = basicColour(code - 100 + 8);
    else if (code === 38 || code === 48) {
      const { colour, used } = extendedColour(sub, list.slice(i + 1));
      i += used;
      if (colour) next[code === 38 ? 'fg' : 'bg'] = colour;
    }
  }
  return clean(next);
}

/** Drops false flags so an empty style means plain text. */
function clean(style: AnsiStyle): AnsiStyle {
  const out: AnsiStyle = {};
  for (const [key, value] of Object.entries(style) as Array<[keyof AnsiStyle, string | boolean | undefined]>) {
    if (value) (out as Record<string, unknown>)[key] = value;
  }
  return out;
}

/**
 * Where the escape sequence starting at `start` (an ESC) ends, and its SGR parameters when it is
 * an SGR ("ESC [ ... m"). CSI, OSC (ended by BEL or ESC \) and two-character escapes are recognised;
 * an unfinished sequence runs to the end of the text.
 */
function readEscape(text: string, start: number): { end: number; sgr?: string } {
  const kind = text[start + 1];
  if (kind === '[') {
    let i = start + 2;
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c >= 0x40 && c <= 0x7e) {
        return text[i] === 'm' ? { end: i + 1, sgr: text.slice(start + 2, i) } : { end: i + 1 };
      }
      if (c < 0x20 || c > 0x3f) return { end: i };
      i++;
    }
    return { end: text.length };
  }
  if (kind === ']') {
    for (let i = start + 2; i < text.length; i++) {
      if (text[i] === '\x07') return { end: i + 1 };
      if (text[i] === ESC && text[i + 1] === '\\') return { end: i + 2 };
    }
    return { end: text.length };
  }
  let i = start + 1;
  while (i < text.length && text.charCodeAt(i) >= 0x20 && text.charCodeAt(i) <= 0x2f) i++;
  return { end: Math.min(i + 1, text.length) };
}

/**
 * Splits `text` into styled segments, keeping at most `maxChars` visible characters. Work stops at
 * the cut, so a huge line costs no more than what is shown.
 */
export function parseAnsi(text: string, maxChars = Infinity): ParsedAnsi {
  const segments: AnsiSegment[] = [];
  let style: AnsiStyle = {};
  let visible = 0;
  let pos = 0;
  const push = (piece: string): boolean => {
    if (piece === '') return true;
    const room = maxChars - visible;
    const taken = piece.length > room ? piece.slice(0, room) : piece;
    visible += taken.length;
    const keys = Object.keys(style).length;
    const last = segments[segments.length - 1];
    if (last && (keys === 0 ? !last.style : last.style === style)) last.text += taken;
    else if (taken !== '') segments.push(keys === 0 ? { text: taken } : { text: taken, style });
    return taken.length === piece.length;
  };
  while (pos < text.length) {
    const esc = text.indexOf(ESC, pos);
    if (!push(esc < 0 ? text.slice(pos) : text.slice(pos, esc))) return { segments, truncated: true };
    if (esc < 0) break;
    const { end, sgr } = readEscape(text, esc);
    if (sgr !== undefined) style = applySgr(style, sgr);
    pos = end;
  }
  return { segments, truncated: false };
}

/** The visible text: `text` without escape sequences (the same characters parseAnsi shows). */
export function stripAnsi(text: string): string {
  let esc = text.indexOf(ESC);
  if (esc < 0) return text;
  let out = '';
  let pos = 0;
  while (esc >= 0) {
    out += text.slice(pos, esc);
    pos = readEscape(text, esc).end;
    esc = text.indexOf(ESC, pos);
  }
  return out + text.slice(pos);
}

/** Whether `text` contains an escape sequence at all. */
export function hasAnsi(text: string): boolean {
  return text.includes(ESC);
}

/** Inline CSS for a style; inverse swaps foreground and background (defaults from the viewer's variables). */
export function styleToCss(style: AnsiStyle): Record<string, string> {
  const css: Record<string, string> = {};
  const fg = style.inverse ? (style.bg ?? 'var(--log-bg)') : style.fg;
  const bg = style.inverse ? (style.fg ?? 'var(--log-fg)') : style.bg;
  if (fg) css.color = fg;
  if (bg) css.backgroundColor = bg;
  if (style.bold) css.fontWeight = '600';
  if (style.dim) css.opacity = '0.65';
  if (style.italic) css.fontStyle = 'italic';
  const lines = [style.underline && 'underline', style.strike && 'line-through'].filter(Boolean);
  if (lines.length) css.textDecoration = lines.join(' ');
  return css;
}
