// Builders that pair a method's argument schema with its result type, and an event with its payload.
import type { z } from 'zod';

export interface MethodDef<S extends z.ZodType, R> {
  args: S;
  /** Type-only marker: never read at run time. */
  result?: R;
}

/** `method<Result>()(argsSchema)`: the result type is given, the argument type comes from the schema. */
export function method<R>() {
  return <S extends z.ZodType>(args: S): MethodDef<S, R> => ({ args });
}

export interface EventDef<P> {
  /** Type-only marker: never read at run time. */
  payload?: P;
}

export function event<P>(): EventDef<P> {
  return {};
}
