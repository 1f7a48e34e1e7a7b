// Random arguments for contract methods (fast-check): JSON biased toward the edges schemas check, objects using the
// method's own field names, and, for methods that take object ids, ids of objects that do not exist.
import fc from 'fast-check';
import { expect } from 'vitest';
import { z } from 'zod';
import { methods, type MethodName } from '../../src-main/contract/api';
import type { WireResult } from '../../src-main/contract/result';

/** The schema's own field names (for arguments that are almost right); none for a schema that is not an object. */
export function fieldsOf(method: MethodName): string[] {
  const schema = methods[method].args as z.ZodType;
  return schema instanceof z.ZodObject ? Object.keys(schema.shape as object) : [];
}

export function isValidArgs(method: MethodName, args: unknown): boolean {
  return methods[method].args.safeParse(args ?? {}).success;
}

/** JSON values, with strings and numbers biased toward the edges schemas care about. */
export const edgyJson: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
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

/** Any JSON, or an object of the method's fields (plus an extra key now and then) holding any JSON. */
export function argumentsFor(method: MethodName): fc.Arbitrary<unknown> {
  const fields = fieldsOf(method);
  const keys = fc.constantFrom(...fields, 'extra', '__proto__', 'constructor');
  return fc.oneof(edgyJson, fc.dictionary(keys, edgyJson, { maxKeys: fields.length + 1 }));
}

/** Arguments the method's schema refuses. */
export function invalidArgumentsFor(method: MethodName): fc.Arbitrary<unknown> {
  return argumentsFor(method).filter((args) => !isValidArgs(method, JSON.parse(JSON.stringify({ args })).args));
}

/** Fields that name an existing object (container, image, volume, network, session, stack). */
const ID_FIELDS = ['id', 'name', 'network', 'container', 'source', 'session'];
/** Methods whose `name` names what they create: given a fresh name, they would make it. */
const CREATING = new Set<MethodName>(['volumes.create', 'networks.create', 'volumes.import', 'volumes.clone']);

/** Fields a method needs besides its ids to get as far as the engine. */
const COMPLETIONS: Partial<Record<MethodName, Record<string, string>>> = { 'containers.update': { memory: '64m' } };

/**
 * `{ id: "<missing>" … }` for each method whose schema takes just ids of objects (every id field filled with a
 * name no object has); methods that create what they are named are left out.
 */
export function missingObjectArguments(missing: string): Array<[MethodName, Record<string, string>]> {
  return (Object.keys(methods) as MethodName[]).flatMap((method) => {
    const fields = fieldsOf(method).filter((field) => ID_FIELDS.includes(field));
    if (fields.length === 0 || CREATING.has(method)) return [];
    const args = { ...Object.fromEntries(fields.map((field) => [field, missing])), ...COMPLETIONS[method] };
    return isValidArgs(method, args) ? [[method, args] as [MethodName, Record<string, string>]] : [];
  });
}

/**
 * Asserts `result` refuses `args` as invalid-argument with "method: field: problem; …", each field one of the
 * method's own, or "arguments" for arguments that are no object (or carry a key the message then quotes).
 */
export function expectNamedRefusal(method: MethodName, args: unknown, result: unknown): void {
  expect(result).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
  const { message } = (result as Extract<WireResult<unknown>, { ok: false }>).error;
  expect(message.startsWith(`${method}: `), message).toBe(true);
  const isObject = typeof args === 'object' && args !== null && !Array.isArray(args);
  for (const part of message.slice(method.length + 2).split('; ')) {
    const field = part.slice(0, part.indexOf(': '));
    if (field === 'arguments')
      expect(!isObject || /Unrecognized key|too large|JSON data/.test(part), message).toBe(true);
    else expect(fieldsOf(method), message).toContain(field.split(/[.[]/)[0]);
  }
}
