// Properties of every contract method's argument schema, through the dispatcher: arbitrary JSON never throws,
// never reaches a handler unless valid, and every refusal is invalid-argument naming the field.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createDispatcher, type Handlers } from '../../../src-main/api/dispatcher';
import { methodNames, methods, type MethodName } from '../../../src-main/contract/api';
import { RUNS } from './parse-outcome';

const reached: unknown[] = [];
const handlers = new Proxy({} as Handlers, {
  get: () => (args: unknown) => {
    reached.push(args);
    return null;
  },
});
const dispatch = createDispatcher(handlers, () => 'test');

/** The schema's own field names (for arguments that are almost right), or none for a non-object schema. */
function fieldsOf(method: MethodName): string[] {
  const schema = methods[method].args as z.ZodType;
  return schema instanceof z.ZodObject ? Object.keys(schema.shape as object) : [];
}

/** JSON values, with strings biased toward the edges schemas care about. */
const value = fc.letrec((tie) => ({
  leaf: fc.oneof(
    fc.jsonValue({ maxDepth: 1 }),
    fc.constantFrom('', ' ', '/', 'a', 'x'.repeat(600), '-1', 'sha256:', '..', '\u0000', 'reset', 'C:\\a.zip'),
    fc.constantFrom(-1, 0, 1.5, 1e308, Number.MAX_SAFE_INTEGER + 2, 10_001),
  ),
  node: fc.oneof(
    { depthSize: 'small' },
    tie('leaf'),
    fc.array(tie('node'), { maxLength: 3 }),
    fc.dictionary(fc.string({ maxLength: 6 }), tie('node'), { maxKeys: 3 }),
  ),
})).node;

function argsFor(method: MethodName) {
  const fields = fieldsOf(method);
  const almost = fc.dictionary(fc.constantFrom(...fields, 'extra', '__proto__', 'constructor'), value, {
    maxKeys: fields.length + 1,
  });
  return fc.oneof(value, almost);
}

/** What a refusal says: `${method}: field: problem; field: problem`. */
function refusalFields(method: MethodName, message: string): string[] {
  expect(message.startsWith(`${method}: `)).toBe(true);
  return message
    .slice(method.length + 2)
    .split('; ')
    .map((part) => part.slice(0, part.indexOf(': ')));
}

describe('contract argument schemas (properties)', () => {
  it.each(methodNames)('%s: arbitrary JSON is answered, and a refusal names the field', async (method) => {
    const fields = fieldsOf(method);
    await fc.assert(
      fc.asyncProperty(argsFor(method), async (args) => {
        reached.length = 0;
        const wire = JSON.parse(JSON.stringify({ args })) as { args?: unknown };
        const result = await dispatch(method, wire.args, { client: 'c' });
        const valid = methods[method].args.safeParse(wire.args ?? {}).success;
        expect(result.ok).toBe(valid);
        expect(reached).toHaveLength(valid ? 1 : 0);
        if (result.ok) return;
        expect(result.error.code).toBe('invalid-argument');
        const isObject = typeof wire.args === 'object' && wire.args !== null && !Array.isArray(wire.args);
        for (const field of refusalFields(method, result.error.message)) {
          const root = field.split(/[.[]/)[0] ?? '';
          // "arguments" is the whole value: not an object, or an unknown key the message then quotes.
          if (field === 'arguments') expect(!isObject || /Unrecognized key/.test(result.error.message)).toBe(true);
          else expect(fields).toContain(root);
        }
      }),
      { ...RUNS, numRuns: 150 },
    );
  });
});
