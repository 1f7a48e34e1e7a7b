// Splits the Engine's multiplexed attach/logs stream (non-TTY containers) into stdout/stderr frames.
//
// Each frame is an 8-byte header [stream type, 0, 0, 0, payload size as uint32 big-endian]
// followed by the payload. Stream types: 0 stdin, 1 stdout, 2 stderr, 3 daemon error (→ stderr).

import { ParseError } from './parse-error';

export type DemuxStream = 'stdin' | 'stdout' | 'stderr';

export interface DemuxFrame {
  stream: DemuxStream;
  /** Payload bytes; may share memory with a pushed chunk when the frame sat inside one chunk. */
  data: Uint8Array;
}

const HEADER_BYTES = 8;
const STREAMS: readonly DemuxStream[] = ['stdin', 'stdout', 'stderr', 'stderr'];

/** Incremental demultiplexer: push chunks as they arrive, get back every completed frame. */
export class StreamDemuxer {
  /** Received chunks not yet consumed; the first one is consumed from `offset`. */
  private chunks: Uint8Array[] = [];
  private offset = 0;
  private buffered = 0;
  /** Stream and payload size of the frame whose payload is awaited (size -1: reading a header). */
  private stream: DemuxStream = 'stdout';
  private size = -1;

  /**
   * Adds a chunk (split anywhere, even inside a header) and returns the frames it completes, in
   * order. Frames with an empty payload are skipped.
   * @throws ParseError when a header has an unknown stream type (e.g. the stream was a TTY's).
   */
  push(chunk: Uint8Array): DemuxFrame[] {
    if (chunk.length > 0) {
      // A plain view: subarray() on a Node Buffer costs several times more than on a Uint8Array.
      this.chunks.push(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.length));
      this.buffered += chunk.length;
    }
    const frames: DemuxFrame[] = [];
    for (;;) {
      if (this.size < 0) {
        if (this.buffered < HEADER_BYTES) break;
        this.readHeader();
      }
      if (this.buffered < this.size) break;
      const data = this.take(this.size);
      if (data.length > 0) frames.push({ stream: this.stream, data });
      this.size = -1;
    }
    return frames;
  }

  /** Bytes received but not yet returned in a frame, including a partial header. */
  get pendingBytes(): number {
    return this.buffered + (this.size < 0 ? 0 : HEADER_BYTES);
  }

  /** Reads the next header; most of the time it sits inside one chunk and is read in place. */
  private readHeader(): void {
    const first = this.chunks[0]!;
    const header = first.length - this.offset >= HEADER_BYTES ? first : this.take(HEADER_BYTES);
    const at = header === first ? this.offset : 0;
    const type = header[at]!;
    const stream = STREAMS[type];
    if (stream === undefined) {
      const bytes = Array.from(header.subarray(at, at + HEADER_BYTES), (b) => b.toString(16).padStart(2, '0'));
      throw new ParseError(`invalid multiplexed stream header "${bytes.join(' ')}": unknown stream type ${type}`);
    }
    this.stream = stream;
    this.size = ((header[at + 4]! << 24) >>> 0) + (header[at + 5]! << 16) + (header[at + 6]! << 8) + header[at + 7]!;
    if (header === first) this.advance(HEADER_BYTES);
  }

  /** Removes and returns the next `count` buffered bytes; the caller checked they are there. */
  private take(count: number): Uint8Array {
    const first = this.chunks[0];
    if (first !== undefined && first.length - this.offset >= count) {
      const view = first.subarray(this.offset, this.offset + count);
      this.advance(count);
      return view;
    }
    const out = new Uint8Array(count);
    let filled = 0;
    while (filled < count) {
      const chunk = this.chunks[0] as Uint8Array;
      const piece = chunk.subarray(this.offset, this.offset + count - filled);
      out.set(piece, filled);
      filled += piece.length;
      this.advance(piece.length);
    }
    return out;
  }

  private advance(count: number): void {
    this.offset += count;
    this.buffered -= count;
    const first = this.chunks[0];
    if (first !== undefined && this.offset === first.length) {
      this.chunks.shift();
      this.offset = 0;
    }
  }
}
