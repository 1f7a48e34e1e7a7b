// Properties of `-v` and `--tmpfs` specs: any string gives a mount or a ParseError; generated specs parse to what they say.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseTmpfsSpec, parseVolumeSpec } from '../../../src-main/core/mount-spec';
import { assertAnswersQuoting, parseOutcome, RUNS } from './parse-outcome';

const segment = fc.string({ unit: fc.constantFrom(...'abcXYZ019_.-'.split('')), minLength: 1, maxLength: 8 });
const absolute = fc.array(segment, { minLength: 1, maxLength: 4 }).map((parts) => `/${parts.join('/')}`);
const volumeName = fc
  .tuple(
    fc.constantFrom('a', 'Z', '7'),
    fc.string({ unit: fc.constantFrom('a', '0', '_', '.', '-'), minLength: 1, maxLength: 20 }),
  )
  .map(([first, rest]) => first + rest);
const specChars = fc.string({ unit: fc.constantFrom(...'/:,=abroZznocpy0123456789msize'.split('')), maxLength: 40 });

describe('parseVolumeSpec (properties)', () => {
  it('answers any string with a mount or a ParseError quoting it', () => {
    assertAnswersQuoting(fc.oneof(fc.string({ unit: 'binary', maxLength: 80 }), specChars), parseVolumeSpec);
  });

  it('reads named volumes and binds with their read-only flag', () => {
    fc.assert(
      fc.property(
        fc.oneof(volumeName, absolute),
        absolute,
        fc.constantFrom('', ':ro', ':rw'),
        (source, target, mode) => {
          const mount = parseVolumeSpec(`${source}:${target}${mode}`);
          expect(mount).toMatchObject({
            type: source.startsWith('/') ? 'bind' : 'volume',
            source,
            target,
            readOnly: mode === ':ro',
          });
        },
      ),
      RUNS,
    );
  });
});

describe('parseTmpfsSpec (properties)', () => {
  it('answers any string with a mount or a ParseError', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 80 }), specChars), (spec) => {
        parseOutcome(() => parseTmpfsSpec(spec));
      }),
      RUNS,
    );
  });

  it('lifts size and octal mode out of the options', () => {
    fc.assert(
      fc.property(
        absolute,
        fc.integer({ min: 1, max: 4096 }),
        fc.integer({ min: 0, max: 0o7777 }),
        (target, mib, mode) => {
          expect(parseTmpfsSpec(`${target}:size=${mib}m,mode=${mode.toString(8)}`)).toEqual({
            type: 'tmpfs',
            target,
            sizeBytes: mib * 1024 * 1024,
            mode,
            options: [],
          });
        },
      ),
      RUNS,
    );
  });
});
