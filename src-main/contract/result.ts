// How results and errors cross a transport: a plain object, never a thrown exception.

export type ErrorCode =
  | 'invalid-argument'
  | 'unknown-method'
  | 'forbidden'
  | 'not-found'
  | 'conflict'
  | 'engine-error'
  | 'engine-unavailable'
  | 'cancelled'
  /** The host, the engine or a container lacks what the call needs (e.g. a shell); the message says what. */
  | 'unsupported'
  /** A registry refused the credentials (wrong user name, password or token); the message is its own. */
  | 'unauthorized'
  | 'internal';

export interface WireError {
  code: ErrorCode;
  message: string;
  /** HTTP status the engine answered with, for engine errors. */
  status?: number;
}

export type WireResult<T> = { ok: true; value: T } | { ok: false; error: WireError };

/** An error that came back over a transport, thrown again on the client side. */
export class BerthError extends Error {
  readonly code: ErrorCode;
  readonly status?: number;

  constructor(error: WireError) {
    super(error.message);
    this.name = 'BerthError';
    this.code = error.code;
    if (error.status !== undefined) this.status = error.status;
  }
}

/** Returns the value of a result, or throws its error as a BerthError. */
export function unwrap<T>(result: WireResult<T>): T {
  if (result.ok) return result.value;
  throw new BerthError(result.error);
}
