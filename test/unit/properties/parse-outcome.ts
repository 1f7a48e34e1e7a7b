// Property-test helpers: run a core parser on arbitrary input; a ParseError is its answer, any other throw fails the property.
import fc from 'fast-check';
import { expect } from 'vitest';
import { ParseError } from '../../../src-main/core/parse-error';

/** `{ value }` or `{ error }` (a ParseError's message); rethrows anything that is not a ParseError. */
export function parseOutcome<T>(parse: () => T): { value: T } | { error: string } {
  try {
    return { value: parse() };
  } catch (error) {
    if (error instanceof ParseError) return { error: error.message };
    throw error;
  }
}

/** Options shared by every property: a fixed seed so a failure replays, and enough runs to find edge cases. */
export const RUNS = { numRuns: 500, seed: 13 } as const;

/** Property: `parse` answers every input `inputs` gives with a value or a ParseError that quotes the input. */
export function assertAnswersQuoting(inputs: fc.Arbitrary<string>, parse: (input: string) => unknown): void {
  fc.assert(
    fc.property(inputs, (input) => {
      const outcome = parseOutcome(() => parse(input));
      if ('error' in outcome) expect(outcome.error).toContain(`"${input}"`);
    }),
    RUNS,
  );
}
