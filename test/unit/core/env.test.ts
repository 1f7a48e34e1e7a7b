import { describe, it, expect } from 'vitest';
import { formatEnv, parseEnvFile, parseEnvLine, type EnvLookup } from '../../../src-main/core/env';
import { ParseError } from '../../../src-main/core/parse-error';

const hostEnv: Record<string, string> = { HOME: '/home/me', EMPTY: '', 'WITH SPACE': 'x' };
const lookup: EnvLookup = (name) => hostEnv[name];

describe('parseEnvLine', () => {
  it.each<[string, [string, string]]>([
    ['KEY=value', ['KEY', 'value']],
    ['KEY=', ['KEY', '']],
    ['KEY=a=b=c', ['KEY', 'a=b=c']],
    ['KEY= spaced value ', ['KEY', ' spaced value ']],
    ['KEY="quoted"', ['KEY', '"quoted"']],
    ['lower_case.dots-1=v', ['lower_case.dots-1', 'v']],
    ['K=é ü 漢', ['K', 'é ü 漢']],
    ['#NOT_A_COMMENT=1', ['#NOT_A_COMMENT', '1']],
  ])('parses %j', (line, expected) => {
    expect(parseEnvLine(line, lookup)).toEqual(expected);
  });

  it('takes a bare name from lookup', () => {
    expect(parseEnvLine('HOME', lookup)).toEqual(['HOME', '/home/me']);
  });

  it('keeps a looked-up empty value', () => {
    expect(parseEnvLine('EMPTY', lookup)).toEqual(['EMPTY', '']);
  });

  it('drops a bare name that lookup does not know', () => {
    expect(parseEnvLine('MISSING', lookup)).toBeUndefined();
  });

  it('drops a bare name when there is no lookup', () => {
    expect(parseEnvLine('HOME')).toBeUndefined();
  });

  it('keeps KEY=value without a lookup', () => {
    expect(parseEnvLine('A=1')).toEqual(['A', '1']);
  });

  it.each<[string, string]>([
    ['', 'invalid environment variable "": name must not be empty'],
    ['=value', 'invalid environment variable "": name must not be empty'],
    ['MY KEY=v', 'invalid environment variable "MY KEY": name "MY KEY" must not contain whitespace'],
    [' KEY=v', 'invalid environment variable " KEY": name " KEY" must not contain whitespace'],
    ['KEY\t=v', 'invalid environment variable "KEY\t": name "KEY\t" must not contain whitespace'],
    ['WITH SPACE', 'invalid environment variable "WITH SPACE": name "WITH SPACE" must not contain whitespace'],
  ])('rejects %j', (line, message) => {
    expect(() => parseEnvLine(line, lookup)).toThrow(new ParseError(message));
  });
});

describe('parseEnvFile', () => {
  it('parses a typical file', () => {
    const text = [
      '# database settings',
      'DB_HOST=localhost',
      '',
      '   DB_PORT=5432',
      '\tDB_NAME="app"',
      "QUOTED='single'",
      'HOME',
      'MISSING',
      '  # indented comment',
      'URL=http://x/?a=1&b=2',
      'TRAILING=space  ',
      'EMPTY=',
    ].join('\n');
    expect(parseEnvFile(text, lookup)).toEqual([
      ['DB_HOST', 'localhost'],
      ['DB_PORT', '5432'],
      ['DB_NAME', '"app"'],
      ['QUOTED', "'single'"],
      ['HOME', '/home/me'],
      ['URL', 'http://x/?a=1&b=2'],
      ['TRAILING', 'space  '],
      ['EMPTY', ''],
    ]);
  });

  it('handles CRLF line ends', () => {
    expect(parseEnvFile('A=1\r\nB=2\r\n\r\n#c\r\nC\r\n', lookup)).toEqual([
      ['A', '1'],
      ['B', '2'],
    ]);
  });

  it('keeps a carriage return that is not at the end of the line', () => {
    expect(parseEnvFile('A=x\ry\n')).toEqual([['A', 'x\ry']]);
  });

  it('strips a UTF-8 byte order mark', () => {
    expect(parseEnvFile('\uFEFFA=1\nB=2')).toEqual([
      ['A', '1'],
      ['B', '2'],
    ]);
  });

  it('returns nothing for empty and comment-only files', () => {
    expect(parseEnvFile('')).toEqual([]);
    expect(parseEnvFile('\n\n  \n# only\n')).toEqual([]);
  });

  it('drops bare names without a lookup', () => {
    expect(parseEnvFile('HOME\nA=1')).toEqual([['A', '1']]);
  });

  it('keeps duplicates in order (the last one wins in the engine)', () => {
    expect(parseEnvFile('A=1\nA=2')).toEqual([
      ['A', '1'],
      ['A', '2'],
    ]);
  });

  it.each<[string, string]>([
    ['A=1\n=2', 'line 2: invalid environment variable "": name must not be empty'],
    [
      'A=1\n\n# c\nMY KEY=v',
      'line 4: invalid environment variable "MY KEY": name "MY KEY" must not contain whitespace',
    ],
    ['  BAD KEY', 'line 1: invalid environment variable "BAD KEY": name "BAD KEY" must not contain whitespace'],
    ['A=1\r\nB C=1\r\n', 'line 2: invalid environment variable "B C": name "B C" must not contain whitespace'],
  ])('names the line of an error in %j', (text, message) => {
    expect(() => parseEnvFile(text, lookup)).toThrow(new ParseError(message));
  });

  it('lets errors from lookup through unchanged', () => {
    const failing: EnvLookup = () => {
      throw new TypeError('boom');
    };
    expect(() => parseEnvFile('A', failing)).toThrow(new TypeError('boom'));
  });
});

describe('formatEnv', () => {
  it('joins names and values with "="', () => {
    expect(
      formatEnv([
        ['A', '1'],
        ['B', ''],
        ['C', 'x=y'],
      ]),
    ).toEqual(['A=1', 'B=', 'C=x=y']);
  });

  it('formats nothing as an empty list', () => {
    expect(formatEnv([])).toEqual([]);
  });

  it('round-trips through parseEnvLine', () => {
    const entries: Array<[string, string]> = [
      ['A', 'a=b'],
      ['B', ' '],
    ];
    expect(formatEnv(entries).map((line) => parseEnvLine(line))).toEqual(entries);
  });
});
