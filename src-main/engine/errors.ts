// Errors the services raise on purpose; the API layer turns them (and engine errors) into wire errors.

/** A caller's argument is wrong; `field` names it, e.g. "spec.ports[1]". */
export class InvalidArgumentError extends Error {
  readonly field: string;

  constructor(field: string, message: string) {
    super(field ? `${field}: ${message}` : message);
    this.name = 'InvalidArgumentError';
    this.field = field;
  }
}

export class NotFoundError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NotFoundError';
  }
}

export class ConflictError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConflictError';
  }
}

/** The host, the engine or a container lacks something the operation needs; the message says what. */
export class UnsupportedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnsupportedError';
  }
}

export class CancelledError extends Error {
  constructor(message = 'cancelled') {
    super(message);
    this.name = 'CancelledError';
  }
}

/** Runs `parse` and reports a thrown parse error as an invalid argument named `field`. */
export function parseField<T>(field: string, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    throw new InvalidArgumentError(field, error instanceof Error ? error.message : String(error));
  }
}

/** The HTTP status and message of an error from dockerode, when it is one. */
export function engineErrorDetails(error: unknown): { status: number; message: string } | undefined {
  if (!(error instanceof Error)) return undefined;
  const status = (error as { statusCode?: unknown }).statusCode;
  if (typeof status !== 'number') return undefined;
  const json = (error as { json?: unknown }).json as { message?: unknown } | null | undefined;
  const fromJson = json && typeof json.message === 'string' ? json.message : undefined;
  const fromText = error.message.replace(/^\(HTTP code \d+\) [^-]*- /, '').trim();
  return { status, message: fromJson ?? fromText };
}
