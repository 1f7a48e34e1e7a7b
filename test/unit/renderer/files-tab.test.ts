// The Files tab's pure pieces: paths and breadcrumbs, ls-style permissions, row order, host path checks.
import { describe, expect, it } from 'vitest';
import type { FileEntry } from '../../../src-main/contract/dto/files';
import {
  baseName,
  breadcrumbs,
  childPath,
  parentPath,
  permissionString,
} from '../../../src-renderer/src/components/container/files/file-paths';
import { fileRows } from '../../../src-renderer/src/components/container/files/file-rows';
import { hostPathError } from '../../../src-renderer/src/components/container/files/host-path';

describe('paths', () => {
  it('joins, goes up and names', () => {
    expect(childPath('/', 'etc')).toBe('/etc');
    expect(childPath('/etc', 'hosts')).toBe('/etc/hosts');
    expect(parentPath('/etc/ssl')).toBe('/etc');
    expect(parentPath('/etc')).toBe('/');
    expect(parentPath('/')).toBe('/');
    expect(baseName('/etc/hosts')).toBe('hosts');
    expect(baseName('/')).toBe('/');
  });

  it('splits a path into breadcrumbs that each open their folder', () => {
    expect(breadcrumbs('/')).toEqual([{ label: '/', path: '/' }]);
    expect(breadcrumbs('/usr/local/bin')).toEqual([
      { label: '/', path: '/' },
      { label: 'usr', path: '/usr' },
      { label: 'local', path: '/usr/local' },
      { label: 'bin', path: '/usr/local/bin' },
    ]);
  });
});

describe('permissionString', () => {
  it.each<[FileEntry['type'], string, string]>([
    ['dir', '755', 'drwxr-xr-x'],
    ['file', '644', '-rw-r--r--'],
    ['symlink', '777', 'lrwxrwxrwx'],
    ['dir', '1777', 'drwxrwxrwt'],
    ['file', '4755', '-rwsr-xr-x'],
    ['file', '2644', '-rw-r-Sr--'],
    ['dir', '1770', 'drwxrwx--T'],
    ['other', '600', '?rw-------'],
    ['file', '0', '----------'],
  ])('%s %s → %s', (type, mode, expected) => {
    expect(permissionString(type, mode)).toBe(expected);
  });

  it('leaves a mode that is not octal as it is', () => {
    expect(permissionString('file', 'rw')).toBe('rw');
  });
});

describe('fileRows', () => {
  const entry = (name: string, type: FileEntry['type'], size: number, modified: number): FileEntry => ({
    name,
    type,
    size,
    modified,
    mode: '644',
  });
  const entries = [
    entry('b.txt', 'file', 10, 300),
    entry('zdir', 'dir', 4096, 100),
    entry('a.txt', 'file', 99, 200),
    entry('adir', 'dir', 4096, 400),
    entry('link', 'symlink', 7, 50),
  ];
  const names = (sort: Parameters<typeof fileRows>[1]) => fileRows(entries, sort).map((r) => r.key);

  it('puts folders first in either direction', () => {
    expect(names(undefined)).toEqual(['adir', 'zdir', 'a.txt', 'b.txt', 'link']);
    expect(names({ key: 'name', order: 'descend' })).toEqual(['zdir', 'adir', 'link', 'b.txt', 'a.txt']);
    expect(names({ key: 'size', order: 'ascend' })).toEqual(['adir', 'zdir', 'link', 'b.txt', 'a.txt']);
    expect(names({ key: 'modified', order: 'descend' })).toEqual(['adir', 'zdir', 'b.txt', 'a.txt', 'link']);
  });

  it('makes item rows keyed by name', () => {
    expect(fileRows([entries[0]!], undefined)).toEqual([{ key: 'b.txt', kind: 'item', depth: 0, data: entries[0] }]);
  });
});

describe('hostPathError', () => {
  it('accepts absolute paths on POSIX and Windows hosts', () => {
    expect(hostPathError('/root/Downloads', '/x')).toBeUndefined();
    expect(hostPathError('  /tmp  ', '/x')).toBeUndefined();
    expect(hostPathError('C:\\Users\\me', '/x')).toBeUndefined();
  });

  it('asks for a path, and explains a relative one with an example', () => {
    expect(hostPathError('', '/x')).toBe('Enter a path');
    expect(hostPathError('   ', '/x')).toBe('Enter a path');
    expect(hostPathError('Downloads', '/home/you/Downloads')).toBe(
      'This must be an absolute path, such as /home/you/Downloads',
    );
  });
});
