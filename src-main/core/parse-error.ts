// The single error type thrown by core parsers when user or engine input is malformed.

/** Thrown by core parsers; `message` is meant to be shown to the user as is and quotes the bad input. */
export class ParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ParseError';
  }
}
