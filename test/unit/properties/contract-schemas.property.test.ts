// Properties of every contract method's argument schema, through the dispatcher: arbitrary JSON never throws,
// never reaches a handler unless valid, and every refusal is invalid-argument naming the field; the env entry limit.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createDispatcher, type Handlers } from '../../../src-main/api/dispatcher';
import { methodNames } from '../../../src-main/contract/api';
import { MAX_ENV_ENTRY_BYTES } from '../../../src-main/contract/limits';
import { envEntry } from '../../../src-main/contract/methods/common';
import { argumentsFor, expectNamedRefusal, isValidArgs } from '../../support/random-arguments';
import { RUNS } from './parse-outcome';

const reached: unknown[] = [];
const handlers = new Proxy({} as Handlers, {
  get: () => (args: unknown) => {
    reached.push(args);
    return null;
  },
});
const dispatch = createDispatcher(handlers, () => 'test');

describe('contract argument schemas (properties)', () => {
  it.each(methodNames)('%s: arbitrary JSON is answered, and a refusal names the field', async (method) => {
    await fc.assert(
      fc.asyncProperty(argumentsFor(method), async (args) => {
        reached.length = 0;
        const wire = JSON.parse(JSON.stringify({ args })) as { args?: unknown };
        const result = await dispatch(method, wire.args, { client: 'c' });
        const valid = isValidArgs(method, wire.args);
        expect(result.ok).toBe(valid);
        expect(reached).toHaveLength(valid ? 1 : 0);
        if (!result.ok) expectNamedRefusal(method, wire.args, result);
      }),
      { ...RUNS, numRuns: 150 },
    );
  });
});

describe('env entry limit (properties)', () => {
  it("accepts an entry exactly when Node's UTF-8 byte count is within the kernel's limit", () => {
    const char = fc.constantFrom('a', 'é', '€', '😀', '\ud800');
    fc.assert(
      fc.property(char, fc.integer({ min: -4, max: 4 }), (c, delta) => {
        const entry = `E=${c.repeat(Math.floor((MAX_ENV_ENTRY_BYTES - 2) / Buffer.byteLength(c)) + delta)}`;
        expect(envEntry.safeParse(entry).success).toBe(Buffer.byteLength(entry) <= MAX_ENV_ENTRY_BYTES);
      }),
      { ...RUNS, numRuns: 100 },
    );
  });
});
