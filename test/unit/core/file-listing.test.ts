import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  compareFileEntries,
  fileListingCommand,
  normalizeBrowsePath,
  parseFileListing,
} from '../../../src-main/core/file-listing';
import { ParseError } from '../../../src-main/core/parse-error';

describe('parseFileListing', () => {
  it('parses files, folders, symlinks and others, folders first then by name', () => {
    const output = [
      'regular file|12|1700000000|644|./b.txt/',
      'directory|4096|1700000001|755|./zeta/',
      'symbolic link|8|1700000002|777|./link/',
      'regular empty file|0|1700000003|600|./a-empty/',
      'fifo|0|1700000004|644|./pipe/',
      'directory|4096|1700000005|1777|./alpha/',
      '->|sub/file|./link/',
      '',
    ].join('\n');
    expect(parseFileListing(output)).toEqual([
      { name: 'alpha', type: 'dir', size: 4096, modified: 1700000005, mode: '1777' },
      { name: 'zeta', type: 'dir', size: 4096, modified: 1700000001, mode: '755' },
      { name: 'a-empty', type: 'file', size: 0, modified: 1700000003, mode: '600' },
      { name: 'b.txt', type: 'file', size: 12, modified: 1700000000, mode: '644' },
      { name: 'link', type: 'symlink', size: 8, modified: 1700000002, mode: '777', linkTarget: 'sub/file' },
      { name: 'pipe', type: 'other', size: 0, modified: 1700000004, mode: '644' },
    ]);
  });

  it('keeps names with "|", spaces, "->" and newlines whole', () => {
    const output = [
      'regular file|1|1|644|./a|b|c/',
      'regular file|2|2|644|./with space /',
      'regular file|3|3|644|./x -> y/',
      'regular file|4|4|644|./two',
      'lines/',
    ].join('\n');
    expect(parseFileListing(output).map((e) => [e.name, e.size])).toEqual([
      ['a|b|c', 1],
      ['two\nlines', 4],
      ['with space ', 2],
      ['x -> y', 3],
    ]);
  });

  it('reads link targets holding "|", "/", " -> " and newlines, and leaves out empty ones', () => {
    const output = [
      'symbolic link|13|1|777|./l|1/',
      'symbolic link|5|1|777|./l2/',
      'symbolic link|5|1|777|./dangling/',
      '->|/weird -> x|y/|./l|1/',
      '->|a',
      'b/|./l2/',
      '->||./dangling/',
    ].join('\n');
    const entries = parseFileListing(output);
    expect(entries.map((e) => [e.name, e.linkTarget])).toEqual([
      ['dangling', undefined],
      ['l2', 'a\nb/'],
      ['l|1', '/weird -> x|y/'],
    ]);
  });

  it('ignores junk lines, a truncated last record and targets of names that are not symlinks', () => {
    const output = [
      'stat: cannot stat ./gone: No such file or directory',
      'regular file|1|1|644|./kept/',
      'garbage ending in a slash/',
      'directory|x|1|755|./bad-size/',
      'regular file|1|1|999|./bad-mode/',
      'regular file|1|1|644|./has/slash/',
      '->|target|./kept/',
      '->|target|./nobody/',
      'regular file|1|1|644|./truncat',
    ].join('\n');
    expect(parseFileListing(output)).toEqual([{ name: 'kept', type: 'file', size: 1, modified: 1, mode: '644' }]);
  });

  it('keeps a name that starts with a newline, though its first line ends in the "/" of "./"', () => {
    // Counterexample of the listing property test: the entry was dropped.
    const output = ['regular file|3|100|644|./', '>_|Z/', 'symbolic link|1|100|777|./', 'l/', '->|t|./', 'l/', ''].join(
      '\n',
    );
    expect(parseFileListing(output)).toEqual([
      { name: '\n>_|Z', type: 'file', size: 3, modified: 100, mode: '644' },
      { name: '\nl', type: 'symlink', size: 1, modified: 100, mode: '777', linkTarget: 't' },
    ]);
  });

  it('returns nothing for empty output', () => {
    expect(parseFileListing('')).toEqual([]);
  });
});

describe('compareFileEntries', () => {
  it('orders by code point, so case and locale do not change the order', () => {
    const names = ['b', 'B', 'a', '_', 'é'];
    const sorted = names
      .map((name) => ({ name, type: 'file' as const, size: 0, modified: 0, mode: '644' }))
      .sort(compareFileEntries)
      .map((e) => e.name);
    expect(sorted).toEqual(['B', '_', 'a', 'b', 'é']);
  });
});

describe('normalizeBrowsePath', () => {
  it.each([
    ['/', '/'],
    ['/a/b', '/a/b'],
    ['/a//b/', '/a/b'],
    ['/./a/./b/.', '/a/b'],
    ['/with space/x|y', '/with space/x|y'],
    ['/a/..b/c..', '/a/..b/c..'],
  ])('%s → %s', (input, expected) => {
    expect(normalizeBrowsePath(input)).toBe(expected);
  });

  it.each(['/..', '/a/../b', '/a/..', 'relative/path', ''])('refuses %j', (input) => {
    expect(() => normalizeBrowsePath(input)).toThrow(ParseError);
  });
});

describe('fileListingCommand', () => {
  it('passes the folder as a positional argument, never inside the script', () => {
    const command = fileListingCommand('/tmp/$(reboot)');
    expect(command.slice(0, 2)).toEqual(['sh', '-c']);
    expect(command.slice(3)).toEqual(['sh', '/tmp/$(reboot)']);
    expect(command[2]).not.toContain('reboot');
  });

  it('keeps the trailing newline of a link target, run by sh on a real folder', () => {
    // Counterexample of the listing property test: "$(readlink …)" dropped it.
    const dir = mkdtempSync(join(tmpdir(), 'berth-listing-'));
    try {
      symlinkSync('target\n\n', join(dir, 'link'));
      const [command = 'sh', ...args] = fileListingCommand(dir);
      expect(parseFileListing(execFileSync(command, args, { encoding: 'utf8' }))).toMatchObject([
        { name: 'link', type: 'symlink', linkTarget: 'target\n\n' },
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
