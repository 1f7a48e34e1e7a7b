// Properties of sizes and CPU counts (docker's RAMInBytes and --cpus) and of the VM resource fields built on them.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatBytes, parseByteSize, parseCpus } from '../../../src-main/core/bytes';
import {
  parseIdlePauseSeconds,
  parseMachineCpus,
  parseMachineDiskGiB,
  parseMachineMemoryMiB,
} from '../../../src-main/core/machine-resources';
import { parseOutcome, RUNS } from './parse-outcome';

const sizeChars = fc.string({ unit: fc.constantFrom(...'0123456789. kKmMgGtTpPbBi-e+x'.split('')), maxLength: 24 });
const anyText = fc.oneof(fc.string({ unit: 'binary', maxLength: 40 }), sizeChars);
const UNITS = { k: 1, m: 2, g: 3, t: 4 } as const;

describe('byte sizes and CPUs (properties)', () => {
  it('answers any string with a safe whole number of bytes or a ParseError', () => {
    fc.assert(
      fc.property(anyText, (input) => {
        const outcome = parseOutcome(() => parseByteSize(input));
        if ('value' in outcome) {
          expect(Number.isSafeInteger(outcome.value)).toBe(true);
          expect(outcome.value).toBeGreaterThanOrEqual(0);
        }
      }),
      RUNS,
    );
  });

  it('reads every unit as a power of 1024, in any case and with b, i or ib after it', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 4096 }),
        fc.constantFrom(...(Object.keys(UNITS) as (keyof typeof UNITS)[])),
        fc.constantFrom('', 'b', 'i', 'ib', 'B', 'iB'),
        fc.boolean(),
        (n, unit, after, upper) => {
          const text = `${n}${upper ? unit.toUpperCase() : unit}${after}`;
          expect(parseByteSize(text)).toBe(n * 1024 ** UNITS[unit]);
        },
      ),
      RUNS,
    );
  });

  it('gives NanoCPUs for decimals with up to 9 fractional digits, a ParseError for anything else', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1024 }), fc.integer({ min: 0, max: 999_999_999 }), (whole, nanos) => {
        fc.pre(whole + nanos > 0);
        const fraction = String(nanos).padStart(9, '0');
        expect(parseCpus(`${whole}.${fraction}`)).toBe(whole * 1e9 + nanos);
      }),
      RUNS,
    );
    fc.assert(
      fc.property(anyText, (input) => {
        const outcome = parseOutcome(() => parseCpus(input));
        if ('value' in outcome) expect(outcome.value).toBeGreaterThan(0);
      }),
      RUNS,
    );
  });

  it('formats any byte count up to 2^53 as a number and a unit', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER, noNaN: true }),
        fc.boolean(),
        (bytes, binary) => {
          expect(formatBytes(bytes, { binary })).toMatch(/^-?\d+(\.\d)? (B|[kMGTPE]B|[KMGTPE]iB)$/);
        },
      ),
      RUNS,
    );
  });
});

describe('VM resource fields (properties)', () => {
  it('answer any text with a value in range or a ParseError', () => {
    fc.assert(
      fc.property(
        anyText,
        fc.integer({ min: 1, max: 256 }),
        fc.integer({ min: 512, max: 1 << 20 }),
        (input, cpus, mib) => {
          const c = parseOutcome(() => parseMachineCpus(input, cpus));
          if ('value' in c) expect(c.value).toBeGreaterThanOrEqual(1);
          if ('value' in c) expect(c.value).toBeLessThanOrEqual(cpus);
          const m = parseOutcome(() => parseMachineMemoryMiB(input, mib));
          if ('value' in m) expect(m.value).toBeLessThanOrEqual(mib);
          const d = parseOutcome(() => parseMachineDiskGiB(input));
          if ('value' in d) expect(Number.isSafeInteger(d.value)).toBe(true);
          const idle = parseOutcome(() => parseIdlePauseSeconds(input));
          if ('value' in idle) expect(Number.isSafeInteger(idle.value)).toBe(true);
        },
      ),
      RUNS,
    );
  });
});
