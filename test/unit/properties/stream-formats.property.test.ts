// Properties of the engine's stream formats: multiplexed frames and lines survive any chunking, tar headers the
// real tar writes are recognised, and random bytes give an answer or a ParseError.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LineAssembler } from '../../../src-main/core/line-assembler';
import { StreamDemuxer } from '../../../src-main/core/stream-demux';
import { isTarHeaderBlock } from '../../../src-main/core/tar-header';
import { parseOutcome, RUNS } from './parse-outcome';

/** `bytes` cut at the given points (each taken modulo its length). */
function chunked(bytes: Uint8Array, cuts: number[]): Uint8Array[] {
  const points = [...new Set(cuts.map((c) => (bytes.length ? c % bytes.length : 0)))].sort((a, b) => a - b);
  return [0, ...points].map((from, i) => bytes.subarray(from, [...points, bytes.length][i]));
}

function frame(type: number, payload: Uint8Array): Uint8Array {
  const out = new Uint8Array(8 + payload.length);
  out[0] = type;
  new DataView(out.buffer).setUint32(4, payload.length);
  out.set(payload, 8);
  return out;
}

const concat = (parts: Uint8Array[]) => Uint8Array.from(parts.flatMap((p) => [...p]));
const cuts = fc.array(fc.nat(), { maxLength: 12 });

describe('StreamDemuxer (properties)', () => {
  it('gives back every non-empty frame, in order, however the stream is cut', () => {
    const frames = fc.array(fc.tuple(fc.constantFrom(0, 1, 2, 3), fc.uint8Array({ maxLength: 40 })), { maxLength: 8 });
    fc.assert(
      fc.property(frames, cuts, (sent, at) => {
        const demuxer = new StreamDemuxer();
        const got = chunked(concat(sent.map(([t, p]) => frame(t, p))), at).flatMap((chunk) => demuxer.push(chunk));
        const names = ['stdin', 'stdout', 'stderr', 'stderr'];
        expect(got.map((f) => [f.stream, [...f.data]])).toEqual(
          sent.filter(([, p]) => p.length > 0).map(([t, p]) => [names[t], [...p]]),
        );
        expect(demuxer.pendingBytes).toBe(0);
      }),
      RUNS,
    );
  });

  it('answers random bytes with frames or a ParseError', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), cuts, (bytes, at) => {
        const demuxer = new StreamDemuxer();
        parseOutcome(() => chunked(bytes, at).flatMap((chunk) => demuxer.push(chunk)));
      }),
      RUNS,
    );
  });
});

describe('LineAssembler (properties)', () => {
  it('gives the same lines from UTF-8 bytes cut anywhere, pieces never over the bound', () => {
    const text = fc.string({ unit: fc.constantFrom('a', 'é', '€', '😀', '\n', '\r', '\r\n'), maxLength: 60 });
    fc.assert(
      fc.property(text, cuts, fc.integer({ min: 2, max: 8 }), (input, at, max) => {
        const whole = new LineAssembler({ maxLineLength: 1000 });
        const expected = [...whole.push(input), ...whole.flush()];
        const bytes = new TextEncoder().encode(input);
        const pieces = new LineAssembler({ maxLineLength: 1000 });
        expect([...chunked(bytes, at).flatMap((c) => pieces.push(c)), ...pieces.flush()]).toEqual(expected);
        const bounded = new LineAssembler({ maxLineLength: max });
        const short = [...chunked(bytes, at).flatMap((c) => bounded.push(c)), ...bounded.flush()];
        for (const line of short) expect(line.length).toBeLessThanOrEqual(max);
        expect(short.join('')).toBe(expected.join(''));
      }),
      RUNS,
    );
  });
});

describe('isTarHeaderBlock (properties)', () => {
  it('recognises the first block of archives the real tar writes, and answers random blocks', () => {
    const names = fc.sample(
      fc
        .string({ unit: fc.constantFrom(...'abcXYZ019_.- é'.split('')), minLength: 1, maxLength: 40 })
        .filter((n) => !/^\.+$/.test(n)),
      { numRuns: 20, seed: 13 },
    );
    const dir = mkdtempSync(join(tmpdir(), 'berth-tar-property-'));
    try {
      for (const [i, name] of names.entries()) {
        writeFileSync(join(dir, name), 'x'.repeat(i * 37));
        const archive = execFileSync('tar', ['-cf', '-', '-C', dir, '--', name]);
        expect(isTarHeaderBlock(archive), name).toBe(true);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 0, maxLength: 600 }), (block) => {
        expect(typeof isTarHeaderBlock(block)).toBe('boolean');
      }),
      RUNS,
    );
  });
});
