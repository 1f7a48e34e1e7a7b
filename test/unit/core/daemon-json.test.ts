// Reading daemon.json text: an object, a syntax error with the parser's words, or what it is instead.
import { describe, expect, it } from 'vitest';
import { readDaemonJson } from '../../../src-main/core/daemon-json';

describe('readDaemonJson', () => {
  it('reads an object', () => {
    expect(readDaemonJson('{ "debug": true }')).toEqual({ ok: true, value: { debug: true } });
  });

  it("gives the parser's message for text that is not JSON", () => {
    expect(readDaemonJson('{ "debug": true, }')).toMatchObject({ ok: false, problem: 'syntax' });
  });

  it.each([
    ['[]', 'an array'],
    ['null', 'null'],
    ['"x"', 'a string'],
    ['3', 'a number'],
  ])('says what %s is instead of an object', (source, kind) => {
    expect(readDaemonJson(source)).toEqual({ ok: false, problem: 'kind', kind });
  });
});
