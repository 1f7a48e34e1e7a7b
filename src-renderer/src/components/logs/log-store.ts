// Log lines held compactly for a million-line viewer: no object per line, just packed strings and typed arrays.
import type { LogBatch } from '../../../../src-main/contract/dto/streams';
import { stripAnsi } from './ansi';
import { packStamps, type StampColumn } from './log-stamps';
import { pack, unpack, type Packed } from './packed-strings';

/** Lines gathered in the open tail before it is packed into a chunk. */
export const CHUNK_LINES = 4096;
/** A batch of at least this many lines is packed on arrival, without passing through the tail. */
const DIRECT_LINES = 256;
/** A tail holding this many characters is packed early, so no chunk string grows huge. */
const CHUNK_CHARS = 4 * 1024 * 1024;
/** Most lines kept by default; older chunks are dropped beyond it (the page height stays within browser limits). */
export const DEFAULT_MAX_LINES = 1_500_000;

/** Bits of a line's flag byte: written to stderr, ended by "\r\n", or without a line end (LogBatch.open). */
const STDERR = 1;
const CRLF = 2;
const OPEN = 4;

/** What goes into a downloaded log. */
export interface ExportOptions {
  /** Each line's timestamp before it (and before each partial message of a long line), as `docker logs -t`. */
  timestamps: boolean;
  /** Keep the ANSI escape sequences the container wrote. */
  ansi: boolean;
  /** In a merged log: the text put before each line by its source (e.g. "web-1 | "), by source index. */
  prefixes?: readonly string[];
}

interface Chunk {
  /** Absolute number of the first line (counting dropped lines). */
  first: number;
  count: number;
  lines: Packed;
  /** One byte of STDERR, CRLF and OPEN bits per line. */
  flags: Uint8Array;
  stamps?: StampColumn;
  /** In a merged log: each line's source index (LogBatch.sources). */
  sources?: Uint16Array;
  /** Indices (in the chunk, ascending) of the lines holding an escape sequence. */
  ansiLines: Int32Array;
  /** Some line is not ended by a plain "\n" or was made of partial messages: exported line by line. */
  special: boolean;
}

/** A run of consecutive lines as stored: one packed string, or the open tail's array. */
export type LogSpan = (
  | { kind: 'packed'; text: string; starts: Uint32Array; ansiLines: Int32Array }
  | { kind: 'list'; lines: readonly string[] }
) & { first: number; count: number; sources?: ArrayLike<number> };

const ESC = '\x1b';

/** The lines of a packed chunk that hold an escape sequence (found with indexOf, not line by line). */
function linesWithEscapes({ text, starts }: Packed): Int32Array {
  const found: number[] = [];
  let j = 0;
  for (let at = text.indexOf(ESC); at >= 0; at = text.indexOf(ESC, starts[j + 1])) {
    while (starts[j + 1]! <= at) j++;
    found.push(j);
  }
  return Int32Array.from(found);
}

/** The flag byte of each line of a batch. */
function lineFlags(batch: LogBatch): Uint8Array {
  const flags = new Uint8Array(batch.lines.length);
  for (const i of batch.stderr) flags[i]! |= STDERR;
  for (const i of batch.crlf ?? []) flags[i]! |= CRLF;
  for (const i of batch.open ?? []) flags[i]! |= OPEN;
  return flags;
}

/** `text` with "stamp " put back where each partial message began. */
function withPartialStamps(text: string, at: readonly number[], stamp: string): string {
  let out = '';
  let from = 0;
  for (const offset of at) {
    out += `${text.slice(from, offset)}${stamp} `;
    from = offset;
  }
  return out + text.slice(from);
}

/**
 * Holds lines as sealed chunks (one joined string, offsets, a stderr flag byte per line) plus an open
 * tail of plain arrays. Indices are 0..length-1 over the kept lines; dropping old chunks shifts them.
 */
export class LogStore {
  private chunks: Chunk[] = [];
  private tail: string[] = [];
  private tailFlags: number[] = [];
  private tailStamps: string[] = [];
  private tailSources: number[] = [];
  private tailChars = 0;
  /** Absolute number of the first kept line. */
  private base = 0;
  private end = 0;
  /** Where the partial messages of a long line began, by absolute line number (few lines have them). */
  private partials = new Map<number, readonly number[]>();
  private droppedLines = 0;
  private clearedLines = 0;

  private readonly maxLines: number;
  private readonly chunkLines: number;

  /** @param options.maxLines most lines kept; @param options.chunkLines lines per packed chunk. */
  constructor(options: { maxLines?: number; chunkLines?: number } = {}) {
    this.maxLines = options.maxLines ?? DEFAULT_MAX_LINES;
    this.chunkLines = options.chunkLines ?? CHUNK_LINES;
  }

  get length(): number {
    return this.end - this.base;
  }

  /** Old lines dropped to stay within the most lines kept, since the last reset. */
  get dropped(): number {
    return this.droppedLines;
  }

  /** Lines the user cleared from the view, since the last reset. */
  get cleared(): number {
    return this.clearedLines;
  }

  /**
   * Adds lines at the end; returns how many old lines were dropped to stay within the limit. A big batch
   * arriving with the tail empty is packed at once, so its strings never live long enough to be promoted.
   */
  append(batch: LogBatch): number {
    const { lines, timestamps, sources } = batch;
    for (const p of batch.partials ?? []) this.partials.set(this.end + p.line, p.at);
    const flags = lineFlags(batch);
    if (!(this.tail.length === 0 && lines.length >= DIRECT_LINES && this.packDirect(batch, flags))) {
      for (let i = 0; i < lines.length; i++) {
        const text = lines[i]!;
        this.tail.push(text);
        this.tailFlags.push(flags[i]!);
        if (timestamps !== undefined || this.tailStamps.length > 0) {
          while (this.tailStamps.length < this.tail.length - 1) this.tailStamps.push('');
          this.tailStamps.push(timestamps?.[i] ?? '');
        }
        if (sources !== undefined) this.tailSources.push(sources[i]!);
        this.tailChars += text.length + 1;
        this.end++;
        if (this.tail.length >= this.chunkLines || this.tailChars >= CHUNK_CHARS) this.seal();
      }
    }
    return this.trim();
  }

  /** Forgets every line (the user cleared the view: counted in `cleared`). */
  clear(): void {
    this.clearedLines += this.length;
    this.chunks = [];
    this.tail = [];
    this.tailFlags = [];
    this.tailStamps = [];
    this.tailSources = [];
    this.tailChars = 0;
    this.partials = new Map();
    this.base = this.end;
  }

  /** Forgets every line and what was dropped or cleared, for a new load. */
  reset(): void {
    this.clear();
    this.droppedLines = 0;
    this.clearedLines = 0;
  }

  text(i: number): string {
    const { chunk, j } = this.locate(i);
    return chunk ? unpack(chunk.lines, j) : (this.tail[j] ?? '');
  }

  isStderr(i: number): boolean {
    const { chunk, j } = this.locate(i);
    return ((chunk ? chunk.flags[j]! : this.tailFlags[j]!) & STDERR) !== 0;
  }

  /** Line i has no line end and a next line: the engine sent the two as one (a line cut at 16 MiB). */
  goesOn(i: number): boolean {
    const { chunk, j } = this.locate(i);
    return ((chunk ? chunk.flags[j]! : this.tailFlags[j]!) & OPEN) !== 0 && i + 1 < this.length;
  }

  /** The engine's RFC 3339 timestamp of line i, when the session asked for timestamps. */
  timestamp(i: number): string | undefined {
    const { chunk, j } = this.locate(i);
    const stamp = chunk ? (chunk.stamps?.at(j) ?? '') : (this.tailStamps[j] ?? '');
    return stamp === '' ? undefined : stamp;
  }

  /** The source index of line i, in a merged log. */
  source(i: number): number | undefined {
    const { chunk, j } = this.locate(i);
    return chunk ? chunk.sources?.[j] : this.tailSources[j];
  }

  /** The stored run holding line i (for searching many lines at once). */
  spanAt(i: number): LogSpan {
    const { chunk } = this.locate(i);
    if (chunk) {
      const { text, starts } = chunk.lines;
      const first = chunk.first - this.base;
      const span: LogSpan = { kind: 'packed', first, count: chunk.count, text, starts, ansiLines: chunk.ansiLines };
      if (chunk.sources) span.sources = chunk.sources;
      return span;
    }
    const first = this.end - this.tail.length - this.base;
    const span: LogSpan = { kind: 'list', first, count: this.tail.length, lines: this.tail };
    if (this.tailSources.length > 0) span.sources = this.tailSources;
    return span;
  }

  /**
   * The lines as the engine sent them, as pieces to concatenate: each with its own line end ("\n", "\r\n" or
   * none), timestamps and escape sequences as `options` ask. Chunks of plain lines are passed on whole.
   */
  exportLog(options: ExportOptions): string[] {
    const pieces: string[] = [];
    let open = false;
    const { prefixes } = options;
    const line = (abs: number, text: string, flags: number, stamp: string | undefined, source?: number) => {
      let out = text;
      if (options.timestamps && stamp) {
        const at = this.partials.get(abs);
        if (at) out = withPartialStamps(out, at, stamp);
        if (!open) out = `${stamp} ${out}`;
      }
      if (!options.ansi) out = stripAnsi(out);
      if (prefixes && source !== undefined && !open) out = `${prefixes[source] ?? ''}${out}`;
      pieces.push(flags & OPEN ? out : `${out}${flags & CRLF ? '\r\n' : '\n'}`);
      open = (flags & OPEN) !== 0;
    };
    for (const chunk of this.chunks) {
      const plain =
        !chunk.special &&
        !(options.timestamps && chunk.stamps) &&
        !(prefixes && chunk.sources) &&
        (options.ansi || !chunk.ansiLines.length);
      if (plain && !open) pieces.push(chunk.lines.text, '\n');
      else {
        for (let j = 0; j < chunk.count; j++) {
          const stamp = chunk.stamps?.at(j);
          line(chunk.first + j, unpack(chunk.lines, j), chunk.flags[j]!, stamp, chunk.sources?.[j]);
        }
      }
    }
    const tailStart = this.end - this.tail.length;
    this.tail.forEach((text, j) =>
      line(tailStart + j, text, this.tailFlags[j]!, this.tailStamps[j], this.tailSources[j]),
    );
    return pieces;
  }

  private locate(i: number): { chunk?: Chunk; j: number } {
    const abs = this.base + i;
    const tailStart = this.end - this.tail.length;
    if (abs >= tailStart) return { j: abs - tailStart };
    let lo = 0;
    let hi = this.chunks.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.chunks[mid]!.first <= abs) lo = mid;
      else hi = mid - 1;
    }
    const chunk = this.chunks[lo]!;
    return { chunk, j: abs - chunk.first };
  }

  /** Packs a whole batch as one chunk; false (nothing done) when it holds too many characters for one. */
  private packDirect(batch: LogBatch, flags: Uint8Array): boolean {
    const { lines } = batch;
    let chars = 0;
    for (let i = 0; i < lines.length; i++) chars += lines[i]!.length + 1;
    if (chars >= CHUNK_CHARS) return false;
    this.end += lines.length;
    this.addChunk(lines, flags, batch.timestamps, batch.sources);
    return true;
  }

  private seal(): void {
    if (this.tail.length === 0) return;
    const stamps = this.tailStamps.length > 0 ? this.tailStamps : undefined;
    while (stamps && stamps.length < this.tail.length) stamps.push('');
    const sources = this.tailSources.length > 0 ? this.tailSources : undefined;
    this.addChunk(this.tail, Uint8Array.from(this.tailFlags), stamps, sources);
    this.tail = [];
    this.tailFlags = [];
    this.tailStamps = [];
    this.tailSources = [];
    this.tailChars = 0;
  }

  /** Adds the chunk of the last `texts.length` lines (the count in `end` already includes them). */
  private addChunk(
    texts: readonly string[],
    flags: Uint8Array,
    stamps: readonly string[] | undefined,
    sources: readonly number[] | undefined,
  ): void {
    const lines = pack(texts);
    const first = this.end - texts.length;
    let special = false;
    for (let j = 0; j < flags.length && !special; j++) special = (flags[j]! & (CRLF | OPEN)) !== 0;
    if (!special && this.partials.size > 0) for (const at of this.partials.keys()) special ||= at >= first;
    const chunk: Chunk = { first, count: texts.length, lines, flags, ansiLines: linesWithEscapes(lines), special };
    if (stamps) chunk.stamps = packStamps(stamps);
    if (sources) chunk.sources = Uint16Array.from(sources);
    this.chunks.push(chunk);
  }

  private trim(): number {
    let dropped = 0;
    while (this.length > this.maxLines && this.chunks.length > 0) {
      const chunk = this.chunks.shift()!;
      const kept = Math.max(chunk.first, this.base);
      dropped += chunk.first + chunk.count - kept;
      this.base = chunk.first + chunk.count;
    }
    if (dropped > 0) for (const at of this.partials.keys()) if (at < this.base) this.partials.delete(at);
    this.droppedLines += dropped;
    return dropped;
  }
}
