import { describe, it, expect } from 'vitest';
import { StreamDemuxer, type DemuxFrame } from '../../../src-main/core/stream-demux';
import { ParseError } from '../../../src-main/core/parse-error';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Builds one multiplexed frame. */
function frame(type: number, payload: string | Uint8Array): Uint8Array {
  const data = typeof payload === 'string' ? encoder.encode(payload) : payload;
  const out = new Uint8Array(8 + data.length);
  out[0] = type;
  new DataView(out.buffer).setUint32(4, data.length, false);
  out.set(data, 8);
  return out;
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

function text(frames: DemuxFrame[]): Array<[string, string]> {
  return frames.map((f) => [f.stream, decoder.decode(f.data)]);
}

describe('StreamDemuxer', () => {
  it('splits one chunk holding several frames', () => {
    const demux = new StreamDemuxer();
    const frames = demux.push(concat(frame(1, 'out 1\n'), frame(2, 'err 1\n'), frame(1, 'out 2\n')));
    expect(text(frames)).toEqual([
      ['stdout', 'out 1\n'],
      ['stderr', 'err 1\n'],
      ['stdout', 'out 2\n'],
    ]);
    expect(demux.pendingBytes).toBe(0);
  });

  it.each<[number, 'stdin' | 'stdout' | 'stderr']>([
    [0, 'stdin'],
    [1, 'stdout'],
    [2, 'stderr'],
    [3, 'stderr'],
  ])('maps stream type %d to %s', (type, stream) => {
    expect(text(new StreamDemuxer().push(frame(type, 'x')))).toEqual([[stream, 'x']]);
  });

  it('yields the same frames for every way of splitting the input', () => {
    const input = concat(frame(1, 'hello'), frame(2, ''), frame(2, 'world!'), frame(1, 'é漢'));
    const expected = [
      ['stdout', 'hello'],
      ['stderr', 'world!'],
      ['stdout', 'é漢'],
    ];
    for (let a = 0; a <= input.length; a++) {
      for (let b = a; b <= input.length; b++) {
        const demux = new StreamDemuxer();
        const frames = [
          ...demux.push(input.subarray(0, a)),
          ...demux.push(input.subarray(a, b)),
          ...demux.push(input.subarray(b)),
        ];
        expect(text(frames)).toEqual(expected);
        expect(demux.pendingBytes).toBe(0);
      }
    }
  });

  it('handles input fed one byte at a time', () => {
    const input = concat(frame(1, 'abc'), frame(2, 'de'));
    const demux = new StreamDemuxer();
    const frames: DemuxFrame[] = [];
    const frameEnds = [0, 11, 21]; // 8-byte header + 3, then + 2
    input.forEach((byte, i) => {
      frames.push(...demux.push(Uint8Array.of(byte)));
      const received = i + 1;
      const consumed = Math.max(...frameEnds.filter((end) => end <= received));
      expect(demux.pendingBytes).toBe(received - consumed);
    });
    expect(text(frames)).toEqual([
      ['stdout', 'abc'],
      ['stderr', 'de'],
    ]);
  });

  it('reports pending bytes of a partial header and of a partial payload', () => {
    const demux = new StreamDemuxer();
    const whole = frame(1, '0123456789');
    expect(demux.push(whole.subarray(0, 5))).toEqual([]);
    expect(demux.pendingBytes).toBe(5);
    expect(demux.push(whole.subarray(5, 12))).toEqual([]);
    expect(demux.pendingBytes).toBe(12);
    expect(text(demux.push(whole.subarray(12)))).toEqual([['stdout', '0123456789']]);
    expect(demux.pendingBytes).toBe(0);
  });

  it('keeps a partial frame after complete ones in the same chunk', () => {
    const demux = new StreamDemuxer();
    const second = frame(2, 'second');
    expect(text(demux.push(concat(frame(1, 'first'), second.subarray(0, 10))))).toEqual([['stdout', 'first']]);
    expect(demux.pendingBytes).toBe(10);
    expect(text(demux.push(second.subarray(10)))).toEqual([['stderr', 'second']]);
  });

  it('skips frames with an empty payload', () => {
    const demux = new StreamDemuxer();
    expect(demux.push(concat(frame(1, ''), frame(2, '')))).toEqual([]);
    expect(demux.pendingBytes).toBe(0);
  });

  it('returns nothing for an empty chunk', () => {
    const demux = new StreamDemuxer();
    expect(demux.push(new Uint8Array(0))).toEqual([]);
    expect(demux.pendingBytes).toBe(0);
  });

  it('passes binary payloads through byte for byte', () => {
    const payload = Uint8Array.from({ length: 300 }, (_, i) => i % 256);
    const input = frame(1, payload);
    const demux = new StreamDemuxer();
    const frames = [...demux.push(input.subarray(0, 100)), ...demux.push(input.subarray(100))];
    expect(frames).toHaveLength(1);
    expect(Array.from(frames[0]?.data ?? [])).toEqual(Array.from(payload));
  });

  it('reads sizes as unsigned 32-bit big-endian', () => {
    const demux = new StreamDemuxer();
    const header = Uint8Array.of(1, 0, 0, 0, 0x80, 0, 0x01, 0x02);
    expect(demux.push(header)).toEqual([]);
    expect(demux.pendingBytes).toBe(8);
  });

  it('handles a payload larger than 64 KiB split in many chunks', () => {
    const payload = 'x'.repeat(200_000);
    const input = frame(2, payload);
    const demux = new StreamDemuxer();
    const frames: DemuxFrame[] = [];
    for (let i = 0; i < input.length; i += 4096) frames.push(...demux.push(input.subarray(i, i + 4096)));
    expect(frames).toHaveLength(1);
    expect(frames[0]?.stream).toBe('stderr');
    expect(frames[0]?.data.length).toBe(200_000);
    expect(decoder.decode(frames[0]?.data)).toBe(payload);
  });

  it('rejects an unknown stream type, e.g. raw TTY output', () => {
    const demux = new StreamDemuxer();
    expect(() => demux.push(encoder.encode('hello world\n'))).toThrow(
      new ParseError('invalid multiplexed stream header "68 65 6c 6c 6f 20 77 6f": unknown stream type 104'),
    );
  });

  it('rejects stream type 4', () => {
    expect(() => new StreamDemuxer().push(frame(4, 'x'))).toThrow(ParseError);
  });
});
