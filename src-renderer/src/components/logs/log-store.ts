// Log lines held compactly for a million-line viewer: no object per line, just packed strings and typed arrays.
import type { LogBatch } from '../../../../src-main/contract/dto/streams';
import { stripAnsi } from './ansi';

/** Lines gathered in the open tail before it is packed into a chunk. */
export const CHUNK_LINES = 4096;
/** A batch of at least this many lines is packed on arrival, without passing through the tail. */
const DIRECT_LINES = 256;
/** A tail holding this many characters is packed early, so no chunk string grows huge. */
const CHUNK_CHARS = 4 * 1024 * 1024;
/** Most lines kept by default; older chunks are dropped beyond it (the page height stays within browser limits). */
export const DEFAULT_MAX_LINES = 1_500_000;

/** Strings joined with "\n" and their start offsets: string i is text.slice(starts[i], starts[i + 1] - 1). */
interface Packed {
  text: string;
  starts: Uint32Array;
}

function pack(strings: readonly string[]): Packed {
  const starts = new Uint32Array(strings.length + 1);
  let at = 0;
  for (let i = 0; i < strings.length; i++) {
    starts[i] = at;
    at += strings[i]!.length + 1;
  }
  starts[strings.length] = at;
  return { text: strings.join('\n'), starts };
}

const unpack = (p: Packed, i: number): string => p.text.slice(p.starts[i], p.starts[i + 1]! - 1);

interface Chunk {
  /** Absolute number of the first line (counting dropped lines). */
  first: number;
  count: number;
  lines: Packed;
  stderr: Uint8Array;
  stamps?: Packed;
  /** Indices (in the chunk, ascending) of the lines holding an escape sequence. */
  ansiLines: Int32Array;
}

/** A run of consecutive lines as stored: one packed string, or the open tail's array. */
export type LogSpan =
  | { kind: 'packed'; first: number; count: number; text: string; starts: Uint32Array; ansiLines: Int32Array }
  | { kind: 'list'; first: number; count: number; lines: readonly string[] };

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

/**
 * Holds lines as sealed chunks (one joined string, offsets, a stderr flag byte per line) plus an open
 * tail of plain arrays. Indices are 0..length-1 over the kept lines; dropping old chunks shifts them.
 */
export class LogStore {
  private chunks: Chunk[] = [];
  private tail: string[] = [];
  private tailStderr: number[] = [];
  private tailStamps: string[] = [];
  private tailChars = 0;
  /** Absolute number of the first kept line. */
  private base = 0;
  private end = 0;

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

  /**
   * Adds lines at the end; returns how many old lines were dropped to stay within the limit. A big batch
   * arriving with the tail empty is packed at once, so its strings never live long enough to be promoted.
   */
  append(batch: LogBatch): number {
    const { lines, timestamps } = batch;
    if (!(this.tail.length === 0 && lines.length >= DIRECT_LINES && this.packDirect(batch))) {
      const stderr = new Set(batch.stderr);
      for (let i = 0; i < lines.length; i++) {
        const text = lines[i]!;
        this.tail.push(text);
        this.tailStderr.push(stderr.has(i) ? 1 : 0);
        if (timestamps !== undefined || this.tailStamps.length > 0) {
          while (this.tailStamps.length < this.tail.length - 1) this.tailStamps.push('');
          this.tailStamps.push(timestamps?.[i] ?? '');
        }
        this.tailChars += text.length + 1;
        this.end++;
        if (this.tail.length >= this.chunkLines || this.tailChars >= CHUNK_CHARS) this.seal();
      }
    }
    return this.trim();
  }

  /** Forgets every line. */
  clear(): void {
    this.chunks = [];
    this.tail = [];
    this.tailStderr = [];
    this.tailStamps = [];
    this.tailChars = 0;
    this.base = this.end;
  }

  text(i: number): string {
    const { chunk, j } = this.locate(i);
    return chunk ? unpack(chunk.lines, j) : (this.tail[j] ?? '');
  }

  isStderr(i: number): boolean {
    const { chunk, j } = this.locate(i);
    return chunk ? chunk.stderr[j] === 1 : this.tailStderr[j] === 1;
  }

  /** The engine's RFC 3339 timestamp of line i, when the session asked for timestamps. */
  timestamp(i: number): string | undefined {
    const { chunk, j } = this.locate(i);
    const stamp = chunk ? (chunk.stamps ? unpack(chunk.stamps, j) : '') : (this.tailStamps[j] ?? '');
    return stamp === '' ? undefined : stamp;
  }

  /** The stored run holding line i (for searching many lines at once). */
  spanAt(i: number): LogSpan {
    const { chunk } = this.locate(i);
    if (chunk) {
      const { text, starts } = chunk.lines;
      const first = chunk.first - this.base;
      return { kind: 'packed', first, count: chunk.count, text, starts, ansiLines: chunk.ansiLines };
    }
    const first = this.end - this.tail.length - this.base;
    return { kind: 'list', first, count: this.tail.length, lines: this.tail };
  }

  /**
   * The lines as plain text pieces to concatenate (escape sequences removed, each line ended by "\n"),
   * each prefixed by its timestamp when `withStamps` is set. Plain chunks are passed on whole.
   */
  exportText(withStamps: boolean): string[] {
    const pieces: string[] = [];
    const line = (text: string, stamp: string | undefined) =>
      pieces.push(withStamps && stamp ? `${stamp} ${stripAnsi(text)}\n` : `${stripAnsi(text)}\n`);
    for (const chunk of this.chunks) {
      if (chunk.ansiLines.length === 0 && !(withStamps && chunk.stamps)) pieces.push(chunk.lines.text, '\n');
      else for (let j = 0; j < chunk.count; j++) line(unpack(chunk.lines, j), chunk.stamps && unpack(chunk.stamps, j));
    }
    this.tail.forEach((text, j) => line(text, this.tailStamps[j]));
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
  private packDirect(batch: LogBatch): boolean {
    const { lines } = batch;
    let chars = 0;
    for (let i = 0; i < lines.length; i++) chars += lines[i]!.length + 1;
    if (chars >= CHUNK_CHARS) return false;
    const stderr = new Uint8Array(lines.length);
    for (const i of batch.stderr) stderr[i] = 1;
    this.end += lines.length;
    this.addChunk(lines, stderr, batch.timestamps);
    return true;
  }

  private seal(): void {
    if (this.tail.length === 0) return;
    const stamps = this.tailStamps.length > 0 ? this.tailStamps : undefined;
    while (stamps && stamps.length < this.tail.length) stamps.push('');
    this.addChunk(this.tail, Uint8Array.from(this.tailStderr), stamps);
    this.tail = [];
    this.tailStderr = [];
    this.tailStamps = [];
    this.tailChars = 0;
  }

  /** Adds the chunk of the last `texts.length` lines (the count in `end` already includes them). */
  private addChunk(texts: readonly string[], stderr: Uint8Array, stamps: readonly string[] | undefined): void {
    const lines = pack(texts);
    const chunk: Chunk = {
      first: this.end - texts.length,
      count: texts.length,
      lines,
      stderr,
      ansiLines: linesWithEscapes(lines),
    };
    if (stamps) chunk.stamps = pack(stamps);
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
    return dropped;
  }
}
