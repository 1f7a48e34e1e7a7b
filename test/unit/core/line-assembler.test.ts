import { describe, it, expect } from 'vitest';
import { LineAssembler } from '../../../src-main/core/line-assembler';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('LineAssembler', () => {
  it('splits a chunk into complete lines and keeps the partial last line', () => {
    const lines = new LineAssembler();
    expect(lines.push('a\nb\nc')).toEqual(['a', 'b']);
    expect(lines.push('d\n')).toEqual(['cd']);
    expect(lines.flush()).toEqual([]);
  });

  it('accepts bytes and strings', () => {
    const lines = new LineAssembler();
    expect(lines.push(bytes('one\ntw'))).toEqual(['one']);
    expect(lines.push('o\n')).toEqual(['two']);
  });

  it('keeps empty lines', () => {
    expect(new LineAssembler().push('\n\na\n\n')).toEqual(['', '', 'a', '']);
  });

  it('returns nothing until a newline arrives', () => {
    const lines = new LineAssembler();
    expect(lines.push('abc')).toEqual([]);
    expect(lines.push('')).toEqual([]);
    expect(lines.push(new Uint8Array(0))).toEqual([]);
    expect(lines.flush()).toEqual(['abc']);
  });

  it.each<[string, string[]]>([
    ['a\r\nb\r\n', ['a', 'b']],
    ['a\r\r\n', ['a\r']],
    ['a\rb\n', ['a\rb']],
    ['\r\n', ['']],
    ['\r\r\n', ['\r']],
  ])('strips one trailing carriage return: %j', (input, expected) => {
    expect(new LineAssembler().push(input)).toEqual(expected);
  });

  it('strips a carriage return that arrives in a separate chunk from its newline', () => {
    const lines = new LineAssembler();
    expect(lines.push('a\r')).toEqual([]);
    expect(lines.push('\nb')).toEqual(['a']);
  });

  it('decodes a multi-byte character split across chunks', () => {
    const input = bytes('é漢😀\n');
    for (let cut = 0; cut <= input.length; cut++) {
      const lines = new LineAssembler();
      expect([...lines.push(input.subarray(0, cut)), ...lines.push(input.subarray(cut))]).toEqual(['é漢😀']);
    }
  });

  it('decodes input fed one byte at a time', () => {
    const lines = new LineAssembler();
    const out = Array.from(bytes('ü1\n😀2\n')).flatMap((byte) => lines.push(Uint8Array.of(byte)));
    expect(out).toEqual(['ü1', '😀2']);
  });

  it('flushes the partial line, then is empty', () => {
    const lines = new LineAssembler();
    lines.push('tail');
    expect(lines.flush()).toEqual(['tail']);
    expect(lines.flush()).toEqual([]);
    expect(lines.push('next\n')).toEqual(['next']);
  });

  it('flushes a partial line without its trailing carriage return', () => {
    const lines = new LineAssembler();
    lines.push('x\r');
    expect(lines.flush()).toEqual(['x']);
    lines.push('\r');
    expect(lines.flush()).toEqual([]);
  });

  it('flushes an incomplete UTF-8 sequence as a replacement character', () => {
    const lines = new LineAssembler();
    expect(lines.push(Uint8Array.of(0x61, 0xe6, 0xbc))).toEqual([]);
    expect(lines.flush()).toEqual(['a\uFFFD']);
  });

  it('replaces invalid UTF-8', () => {
    expect(new LineAssembler().push(Uint8Array.of(0xff, 0x0a))).toEqual(['\uFFFD']);
  });

  it('ends a pending byte sequence when a string chunk follows', () => {
    const lines = new LineAssembler();
    lines.push(Uint8Array.of(0xe6));
    expect(lines.push('x\n')).toEqual(['\uFFFDx']);
  });

  describe('maxLineLength', () => {
    it('emits a long complete line in pieces', () => {
      expect(new LineAssembler({ maxLineLength: 4 }).push('abcdefghij\nk\n')).toEqual(['abcd', 'efgh', 'ij', 'k']);
    });

    it('keeps a line of exactly the maximum whole', () => {
      expect(new LineAssembler({ maxLineLength: 4 }).push('abcd\n')).toEqual(['abcd']);
    });

    it('emits full pieces of a long partial line before its newline arrives', () => {
      const lines = new LineAssembler({ maxLineLength: 4 });
      expect(lines.push('abcd')).toEqual([]);
      expect(lines.push('e')).toEqual(['abcd']);
      expect(lines.push('fghijkl')).toEqual(['efgh']);
      expect(lines.push('\n')).toEqual(['ijkl']);
    });

    it('gives the same pieces however the input is split', () => {
      const input = 'abcdefghij\r\nxyzw\r\n0123456789abc';
      const whole = new LineAssembler({ maxLineLength: 4 });
      const expected = [...whole.push(input), ...whole.flush()];
      expect(expected).toEqual(['abcd', 'efgh', 'ij', 'xyzw', '0123', '4567', '89ab', 'c']);
      for (let cut = 0; cut <= input.length; cut++) {
        const lines = new LineAssembler({ maxLineLength: 4 });
        expect([...lines.push(input.slice(0, cut)), ...lines.push(input.slice(cut)), ...lines.flush()]).toEqual(
          expected,
        );
      }
    });

    it('does not count a trailing carriage return towards the maximum', () => {
      const lines = new LineAssembler({ maxLineLength: 4 });
      expect(lines.push('abcd\r')).toEqual([]);
      expect(lines.push('\n')).toEqual(['abcd']);
    });

    it('never splits a surrogate pair', () => {
      expect(new LineAssembler({ maxLineLength: 4 }).push('abc😀de\n')).toEqual(['abc', '😀de']);
    });

    it('tells which pieces were cut, for the last push or flush only', () => {
      const lines = new LineAssembler({ maxLineLength: 4 });
      expect(lines.push('abcdefghij\nk\nlmnopq')).toEqual(['abcd', 'efgh', 'ij', 'k', 'lmno']);
      expect(lines.cuts).toEqual([0, 1, 4]);
      expect(lines.push('\n')).toEqual(['pq']);
      expect(lines.cuts).toEqual([]);
      lines.push('rstuvw');
      expect(lines.flush()).toEqual(['vw']);
      expect(lines.cuts).toEqual([]);
    });

    it('bounds the default at 64 KiB code units', () => {
      const lines = new LineAssembler();
      const out = lines.push('y'.repeat(64 * 1024 * 2 + 1));
      expect(out.map((line) => line.length)).toEqual([65536, 65536]);
      expect(lines.flush()).toEqual(['y']);
    });

    it.each([0, 1, 2.5, NaN])('rejects %d', (maxLineLength) => {
      expect(() => new LineAssembler({ maxLineLength })).toThrow(
        new RangeError(`maxLineLength must be an integer >= 2, got ${maxLineLength}`),
      );
    });
  });

  describe('keepCr', () => {
    it('keeps the carriage return of each line end, and of the last line', () => {
      const lines = new LineAssembler({ keepCr: true });
      expect(lines.push('a\r\nb\nc\r\r\nd\r')).toEqual(['a\r', 'b', 'c\r\r']);
      expect(lines.flush()).toEqual(['d\r']);
    });
  });
});
