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
  /** Header of the frame whose payload is awaited, once its 8 bytes have arrived. */
  private current: { stream: DemuxStream; size: number } | undefined;

  /**
   * Adds a chunk (split anywhere, even inside a header) and returns the frames it completes, in
   * order. Frames with an empty payload are skipped.
   * @throws ParseError when a header has an unknown stream type (e.g. the stream was a TTY's).
   */
  push(chunk: Uint8Array): DemuxFrame[] {
    if (chunk.length > 0) {
      this.chunks.push(chunk);
      this.buffered += chunk.length;
    }
    const frames: DemuxFrame[] = [];
    for (;;) {
      if (this.current === undefined) {
        if (this.buffered < HEADER_BYTES) break;
        this.current = this.readHeader();
      }
      if (this.buffered < this.current.size) break;
      const data = this.take(this.current.size);
      if (data.length > 0) frames.push({ stream: this.current.stream, data });
      this.current = undefined;
    }
    return frames;
  }

  /** Bytes received but not yet returned in a frame, including a partial header. */
  get pendingBytes(): number {
    return this.buffered + (this.current === undefined ? 0 : HEADER_BYTES);
  }

  private readHeader(): { stream: DemuxStream; size: number } {
    const header = this.take(HEADER_BYTES);
    const type = header[0] ?? 0;
    const stream = STREAMS[type];
    if (stream === undefined) {
      const hex = Array.from(header, (byte) => byte.toString(16).padStart(2, '0')).join(' ');
      throw new ParseError(`invalid multiplexed stream header "${hex}": unknown stream type ${type}`);
    }
    const size = new DataView(header.buffer, header.byteOffset, HEADER_BYTES).getUint32(4, false);
    return { stream, size };
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
