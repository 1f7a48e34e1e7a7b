// Reassembles text chunks (bytes or strings) into complete lines, with a bound on line length.

/** Default longest line, in UTF-16 code units, before it is emitted in pieces. */
const DEFAULT_MAX_LINE_LENGTH = 64 * 1024;

/**
 * Turns chunks into lines split on "\n", dropping one trailing "\r" per line (unless `keepCr`). UTF-8
 * characters split across byte chunks are decoded correctly. A line longer than `maxLineLength` is
 * emitted in pieces of that length (never splitting a surrogate pair), so memory stays bounded; `cuts`
 * tells which pieces were cut so.
 */
export class LineAssembler {
  private readonly maxLineLength: number;
  private readonly keepCr: boolean;
  private readonly decoder = new TextDecoder('utf-8');
  private partial = '';
  private lastCuts: number[] = [];

  /**
   * @param options.maxLineLength longest line in UTF-16 code units; default 65536.
   * @param options.keepCr keep the "\r" of a "\r\n" line end in the line.
   */
  constructor(options?: { maxLineLength?: number; keepCr?: boolean }) {
    const max = options?.maxLineLength ?? DEFAULT_MAX_LINE_LENGTH;
    if (!Number.isInteger(max) || max < 2) {
      throw new RangeError(`maxLineLength must be an integer >= 2, got ${max}`);
    }
    this.maxLineLength = max;
    this.keepCr = options?.keepCr ?? false;
  }

  /** Indices, in what the last push or flush returned, of the pieces cut at maxLineLength (their line goes on). */
  get cuts(): readonly number[] {
    return this.lastCuts;
  }

  /** Adds a chunk and returns the lines it completes, without their line ends. */
  push(chunk: Uint8Array | string): string[] {
    const text =
      typeof chunk === 'string' ? this.decoder.decode() + chunk : this.decoder.decode(chunk, { stream: true });
    const pieces = (this.partial + text).split('\n');
    this.partial = pieces.pop() ?? '';
    const lines: string[] = [];
    if (this.lastCuts.length > 0) this.lastCuts = [];
    for (const piece of pieces) this.emit(this.keepCr ? piece : stripCr(piece), lines, true);
    // A trailing "\r" may be the start of a line end, so it does not count towards the bound yet.
    const known = this.partial.endsWith('\r') ? this.partial.length - 1 : this.partial.length;
    if (known > this.maxLineLength) {
      const rest = this.emit(this.partial.slice(0, known), lines, false);
      this.partial = rest + this.partial.slice(known);
    }
    return lines;
  }

  /** Ends the input: returns the partial last line, if it is not empty, and resets. */
  flush(): string[] {
    const rest = this.partial + this.decoder.decode();
    const last = this.keepCr ? rest : stripCr(rest);
    this.partial = '';
    const lines: string[] = [];
    if (this.lastCuts.length > 0) this.lastCuts = [];
    if (last !== '') this.emit(last, lines, true);
    return lines;
  }

  /**
   * Appends `line` to `lines` in pieces of at most maxLineLength. When `complete` is false, only
   * pieces followed by more than maxLineLength code units are emitted; the rest is returned.
   */
  private emit(line: string, lines: string[], complete: boolean): string {
    let rest = line;
    while (rest.length > this.maxLineLength) {
      const cut = isHighSurrogate(rest.charCodeAt(this.maxLineLength - 1))
        ? this.maxLineLength - 1
        : this.maxLineLength;
      this.lastCuts.push(lines.length);
      lines.push(rest.slice(0, cut));
      rest = rest.slice(cut);
    }
    if (complete) {
      lines.push(rest);
      return '';
    }
    return rest;
  }
}

function stripCr(line: string): string {
  return line.endsWith('\r') ? line.slice(0, -1) : line;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}
