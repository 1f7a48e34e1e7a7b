// Properties of image reference parsing: any string gives a reference or a ParseError; generated references round-trip.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { familiarImageReference, formatImageReference, parseImageReference } from '../../../src-main/core/image-ref';
import { assertAnswersQuoting, parseOutcome, RUNS } from './parse-outcome';

const alnum = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789'.split(''));
const word = (max: number) => fc.string({ unit: alnum, minLength: 1, maxLength: max });
/** A path component: lowercase words joined by ".", "_", "__" or "-". */
const component = fc
  .array(fc.tuple(fc.constantFrom('.', '_', '__', '-', '--'), word(6)), { maxLength: 2 })
  .chain((rest) => word(8).map((first) => first + rest.map(([sep, w]) => sep + w).join('')));
const domain = fc.oneof(
  fc.constant('localhost'),
  fc.tuple(word(8), word(4)).map(([a, b]) => `${a}.${b}`),
  fc.tuple(word(8), fc.integer({ min: 1, max: 65535 })).map(([a, port]) => `${a}:${port}`),
);
const tag = fc
  .tuple(
    fc.constantFrom('v', '1', '_', 'A'),
    fc.string({ unit: fc.constantFrom('a', 'Z', '9', '.', '-', '_'), maxLength: 20 }),
  )
  .map(([first, rest]) => first + rest);
const digest = fc.string({ unit: fc.constantFrom(...'0123456789abcdef'.split('')), minLength: 64, maxLength: 64 });
interface Parts {
  domain?: string;
  path: string[];
  tag?: string;
  digest?: string;
}
const parts: fc.Arbitrary<Parts> = fc
  .record(
    {
      domain,
      path: fc.array(component, { minLength: 1, maxLength: 3 }),
      tag,
      digest: digest.map((hex) => `sha256:${hex}`),
    },
    { requiredKeys: ['path'] },
  )
  // Without a registry, a first component that looks like a host would be read as one (docker's rule).
  .filter((p) => p.domain !== undefined || p.path.length === 1 || !/[.:]|^localhost$/.test(p.path[0] ?? ''))
  .filter((p) => (p.domain ?? 'docker.io/library').length + p.path.join('/').length < 250);

function render(p: Parts, path = p.path): string {
  return [
    p.domain ? `${p.domain}/` : '',
    path.join('/'),
    p.tag ? `:${p.tag}` : '',
    p.digest ? `@${p.digest}` : '',
  ].join('');
}
const reference = parts.map((p) => render(p));

describe('parseImageReference (properties)', () => {
  it('answers any string with a reference or a ParseError quoting it', () => {
    assertAnswersQuoting(fc.string({ unit: 'binary', maxLength: 300 }), parseImageReference);
  });

  it('parses every reference built by the grammar, and its full and familiar forms parse back to the same', () => {
    fc.assert(
      fc.property(reference, (text) => {
        const ref = parseImageReference(text);
        expect(parseImageReference(formatImageReference(ref))).toEqual(ref);
        expect(parseImageReference(familiarImageReference(ref))).toEqual(ref);
      }),
      RUNS,
    );
  });

  it('refuses an uppercase letter in the repository path, as docker does', () => {
    fc.assert(
      fc.property(parts, (p) => {
        const last = p.path.at(-1) ?? '';
        const upper = render(p, [...p.path.slice(0, -1), last.toUpperCase()]);
        fc.pre(/[a-z]/.test(last));
        expect(parseOutcome(() => parseImageReference(upper))).toHaveProperty('error');
      }),
      RUNS,
    );
  });
});
