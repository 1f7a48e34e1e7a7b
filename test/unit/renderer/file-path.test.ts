// The volume file browser's paths: breadcrumb, child and parent paths, ls-style permissions.
import { describe, expect, it } from 'vitest';
import { breadcrumb, childPath, parentPath, permissions } from '../../../src-renderer/src/components/volumes/file-path';

describe('file paths', () => {
  it('splits a path into breadcrumb parts under the volume', () => {
    expect(breadcrumb('/', 'data')).toEqual([{ label: 'data', path: '/' }]);
    expect(breadcrumb('/a/b c/', 'data')).toEqual([
      { label: 'data', path: '/' },
      { label: 'a', path: '/a' },
      { label: 'b c', path: '/a/b c' },
    ]);
  });

  it('goes down and up', () => {
    expect(childPath('/', 'etc')).toBe('/etc');
    expect(childPath('/etc/', 'x')).toBe('/etc/x');
    expect(parentPath('/a/b')).toBe('/a');
    expect(parentPath('/a')).toBe('/');
    expect(parentPath('/')).toBe('/');
  });

  it('writes permissions as ls does', () => {
    expect(permissions('dir', '755')).toBe('drwxr-xr-x');
    expect(permissions('file', '644')).toBe('-rw-r--r--');
    expect(permissions('symlink', '777')).toBe('lrwxrwxrwx');
    expect(permissions('dir', '1777')).toBe('drwxrwxrwt');
    expect(permissions('file', '4755')).toBe('-rwsr-xr-x');
    expect(permissions('file', '2644')).toBe('-rw-r-Sr--');
  });
});
