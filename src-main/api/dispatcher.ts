// The server side of every transport: check the method, validate the arguments, run the handler, wrap the result.
import type { z } from 'zod';
import { isMethodName, methods, type MethodName, type ParsedArgsOf, type ResultOf } from '../contract/api';
import { MAX_ARGS_LENGTH } from '../contract/limits';
import type { WireResult } from '../contract/result';
import type { EngineDisk } from '../core/disk-full';
import { toWireError } from './errors';

/** Who is calling: one id per transport connection (a window, a WebSocket), owner of its sessions. */
export interface CallContext {
  client: string;
}

export type Handlers = {
  [M in MethodName]: (args: ParsedArgsOf<M>, context: CallContext) => Promise<ResultOf<M>> | ResultOf<M>;
};

export type Dispatch = (method: unknown, args: unknown, context: CallContext) => Promise<WireResult<unknown>>;

/** "spec.ports[1]" from a schema issue path. */
function fieldName(path: ReadonlyArray<PropertyKey>): string {
  return path.reduce<string>(
    (name, key) => (typeof key === 'number' ? `${name}[${key}]` : name ? `${name}.${String(key)}` : String(key)),
    '',
  );
}

export function describeIssues(error: z.ZodError): string {
  return error.issues.map((issue) => `${fieldName(issue.path) || 'arguments'}: ${issue.message}`).join('; ');
}

/** Why `args` cannot be a call's arguments at all (too large, or not JSON data), before any schema looks at them. */
function unfitArguments(args: unknown): string | undefined {
  let length: number | undefined;
  try {
    length = JSON.stringify(args)?.length;
  } catch {
    length = undefined;
  }
  if (length === undefined) return 'arguments: must be JSON data (no cycles, functions or big integers)';
  if (length > MAX_ARGS_LENGTH) {
    const mib = (n: number) => `${Math.ceil((n / 1024 / 1024) * 10) / 10} MiB`;
    return `arguments: are too large (${mib(length)} of JSON, at most ${mib(MAX_ARGS_LENGTH)})`;
  }
  return undefined;
}

/** `engineDisk` says where the engine keeps its data, for the message when that disk is full. */
export function createDispatcher(
  handlers: Handlers,
  endpointName: () => string,
  engineDisk: () => EngineDisk = () => 'engine-disk',
): Dispatch {
  return async (method, args, context) => {
    if (!isMethodName(method)) {
      return { ok: false, error: { code: 'unknown-method', message: `unknown method "${String(method)}"` } };
    }
    const unfit = unfitArguments(args ?? {});
    if (unfit) return { ok: false, error: { code: 'invalid-argument', message: `${method}: ${unfit}` } };
    const parsed = methods[method].args.safeParse(args ?? {});
    if (!parsed.success) {
      return { ok: false, error: { code: 'invalid-argument', message: `${method}: ${describeIssues(parsed.error)}` } };
    }
    try {
      const handler = handlers[method] as (a: unknown, c: CallContext) => Promise<unknown> | unknown;
      const value = await handler(parsed.data, context);
      return { ok: true, value: value ?? null };
    } catch (error) {
      return { ok: false, error: toWireError(error, endpointName(), engineDisk()) };
    }
  };
}
