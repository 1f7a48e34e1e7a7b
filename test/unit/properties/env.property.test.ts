// Properties of `-e` values and env files: round trips through formatEnv, and a ParseError for anything else.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatEnv, parseEnvFile, parseEnvLine } from '../../../src-main/core/env';
import { parseOutcome, RUNS } from './parse-outcome';

/** A name docker keeps: no "=", no whitespace, not starting with "#" (a comment in a file). */
const name = fc
  .string({ minLength: 1, maxLength: 20 })
  .filter((n) => !/[=\s]/.test(n) && !n.startsWith('#') && !n.startsWith('\uFEFF'));
/** A value on one line (an env file has no multi-line values), without a trailing "\r". */
const value = fc.string({ maxLength: 40 }).filter((v) => !/[\n\r]/.test(v));

describe('env parsing (properties)', () => {
  it('parses KEY=value back to the same pair, "=" in the value included', () => {
    fc.assert(
      fc.property(name, value, (n, v) => {
        expect(parseEnvLine(`${n}=${v}`)).toEqual([n, v]);
      }),
      RUNS,
    );
  });

  it('reads back an env file written from entries by formatEnv', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(name, value), { maxLength: 10 }), fc.constantFrom('\n', '\r\n'), (entries, eol) => {
        const file = formatEnv(entries).join(eol);
        expect(parseEnvFile(file)).toEqual(entries);
      }),
      RUNS,
    );
  });

  it('answers any line or file with entries or a ParseError', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => {
        parseOutcome(() => parseEnvLine(text, () => 'looked-up'));
        const file = parseOutcome(() => parseEnvFile(text));
        if ('error' in file) expect(file.error).toMatch(/^line \d+: /);
      }),
      RUNS,
    );
  });
});
