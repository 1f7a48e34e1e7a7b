import { describe, it, expect } from 'vitest';
import { ParseError } from '../../../src-main/core/parse-error';

describe('ParseError', () => {
  it('is an Error with its own name and the given message', () => {
    const error = new ParseError('invalid port "abc"');
    expect(error).toBeInstanceOf(Error);
    expect(error).toBeInstanceOf(ParseError);
    expect(error.name).toBe('ParseError');
    expect(error.message).toBe('invalid port "abc"');
  });
});
