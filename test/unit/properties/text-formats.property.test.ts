// Properties of the small text formats: daemon.json reading, log-line timestamps, shell quoting, IP addresses, browse paths.
import { execFileSync } from 'node:child_process';
import { isIPv4 as nodeIsIPv4, isIPv6 as nodeIsIPv6 } from 'node:net';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readDaemonJson } from '../../../src-main/core/daemon-json';
import { normalizeBrowsePath } from '../../../src-main/core/file-listing';
import { isIPv4, isIPv6 } from '../../../src-main/core/ip-address';
import { joinPartials, splitTimestamp } from '../../../src-main/core/log-line';
import { shellCommand } from '../../../src-main/core/shell-quote';
import { parseOutcome, RUNS } from './parse-outcome';

describe('readDaemonJson (properties)', () => {
  it('reads back any JSON object it was given, and names what anything else is', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (object) => {
        const reading = readDaemonJson(JSON.stringify(object));
        expect(reading).toEqual({ ok: true, value: JSON.parse(JSON.stringify(object)) });
      }),
      RUNS,
    );
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'binary' }),
          fc.jsonValue().map((v) => JSON.stringify(v) ?? ''),
        ),
        (text) => {
          const reading = readDaemonJson(text);
          if (!reading.ok) expect(reading.problem === 'syntax' ? reading.message : reading.kind).not.toBe('');
        },
      ),
      RUNS,
    );
  });
});

describe('log-line timestamps (properties)', () => {
  const timestamp = fc
    .date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('2200-01-01T00:00:00Z'), noInvalidDate: true })
    .chain((d) =>
      fc
        .integer({ min: 0, max: 999_999 })
        .map((n) => d.toISOString().replace(/\.\d+Z$/, `.${d.getUTCMilliseconds()}${n}Z`)),
    );

  it('splits off a generated RFC 3339 timestamp and keeps the rest exactly', () => {
    fc.assert(
      fc.property(timestamp, fc.string({ unit: 'binary' }), (ts, text) => {
        expect(splitTimestamp(`${ts} ${text}`)).toEqual({ timestamp: ts, text });
      }),
      RUNS,
    );
  });

  it('never loses text: a line without a timestamp comes back whole, partial pieces join to the original', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 100 }), (line) => {
        const split = splitTimestamp(line);
        if (split.timestamp === undefined) expect(split.text).toBe(line);
        else
          expect(`${split.timestamp} ${split.text}`.startsWith(line.trimEnd()) || line === split.timestamp).toBe(true);
      }),
      RUNS,
    );
    fc.assert(
      fc.property(
        timestamp,
        fc.array(fc.string({ minLength: 1024, maxLength: 1100 }), { minLength: 2, maxLength: 3 }),
        (ts, pieces) => {
          fc.pre(pieces.every((p) => !p.includes(ts)));
          const joined = joinPartials(pieces.join(`${ts} `), ts);
          expect(joined?.text).toBe(pieces.join(''));
        },
      ),
      { ...RUNS, numRuns: 50 },
    );
  });
});

describe('shellQuote (properties)', () => {
  it('gives words that sh reads back exactly as they were', () => {
    const word = fc
      .string({
        unit: fc.oneof(
          fc.constantFrom(...'\'"\\$`!*?[] \t\n;&|<>(){}#~=%'.split('')),
          fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
        ),
        maxLength: 12,
      })
      .filter((w) => !w.includes('\0'));
    const samples = fc.sample(fc.array(word, { minLength: 1, maxLength: 6 }), { numRuns: 100, seed: 13 });
    // One sh run for all samples: each sample's words printed NUL-terminated, samples separated by a record mark.
    const script = samples.map((words) => `printf '%s\\0' ${shellCommand(words)}; printf '\\36'`).join('\n');
    const out = execFileSync('sh', ['-c', script], { encoding: 'utf8' });
    const read = out
      .split('\x1e')
      .slice(0, -1)
      .map((record) => record.split('\0').slice(0, -1));
    expect(read).toEqual(samples);
  });
});

describe('IP addresses (properties)', () => {
  it("agree with Node's own IPv4 and IPv6 checks on generated addresses and on noise", () => {
    const noise = fc.string({ unit: fc.constantFrom(...'0123456789abcdefABCDEF:.%/'.split('')), maxLength: 45 });
    fc.assert(
      fc.property(fc.oneof(fc.ipV4(), fc.ipV6(), fc.ipV4Extended(), noise), (text) => {
        expect(isIPv4(text)).toBe(nodeIsIPv4(text));
        expect(isIPv6(text)).toBe(nodeIsIPv6(text) && !text.includes('%'));
      }),
      RUNS,
    );
  });
});

describe('normalizeBrowsePath (properties)', () => {
  it('gives a canonical absolute path (idempotent) or a ParseError', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('/', '.', 'a', 'b', ' '), maxLength: 30 }), (path) => {
        const outcome = parseOutcome(() => normalizeBrowsePath(path));
        if ('value' in outcome) {
          expect(outcome.value).toMatch(/^\/(?:[^/]+(?:\/[^/]+)*)?$/);
          expect(normalizeBrowsePath(outcome.value)).toBe(outcome.value);
        }
      }),
      RUNS,
    );
  });
});
