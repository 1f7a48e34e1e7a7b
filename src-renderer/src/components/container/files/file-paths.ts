// Paths in the Files tab: child and parent folders, breadcrumb segments, and `ls -l` style permissions.
import type { FileType } from '../../../../../src-main/contract/dto/files';

/** `name` inside the folder `dir` (an absolute, canonical path). */
export function childPath(dir: string, name: string): string {
  return dir === '/' ? `/${name}` : `${dir}/${name}`;
}

/** The folder holding `path`; "/" for "/" itself. */
export function parentPath(path: string): string {
  const cut = path.lastIndexOf('/');
  return cut <= 0 ? '/' : path.slice(0, cut);
}

/** The last segment of a path, "/" for the root. */
export function baseName(path: string): string {
  return path === '/' ? '/' : path.slice(path.lastIndexOf('/') + 1);
}

export interface Crumb {
  /** What the breadcrumb shows: "/" for the root, else the folder's name. */
  label: string;
  path: string;
}

/** "/usr/local/bin" → "/", "usr", "local", "bin", each with the path it opens. */
export function breadcrumbs(path: string): Crumb[] {
  const crumbs: Crumb[] = [{ label: '/', path: '/' }];
  let current = '';
  for (const segment of path.split('/').filter(Boolean)) {
    current += `/${segment}`;
    crumbs.push({ label: segment, path: current });
  }
  return crumbs;
}

const TYPE_CHAR: Record<FileType, string> = { dir: 'd', symlink: 'l', file: '-', other: '?' };

/**
 * Permissions as `ls -l` prints them: "drwxr-xr-x", "-rw-r--r--", "drwxrwxrwt" (sticky), "-rwsr-xr-x"
 * (set-uid); the octal mode as given when it is not octal digits.
 * @param mode octal permission bits, e.g. "755" or "1777"
 */
export function permissionString(type: FileType, mode: string): string {
  if (!/^[0-7]{1,4}$/.test(mode)) return mode;
  const bits = Number.parseInt(mode, 8);
  const triple = (shift: number, special: boolean, specialChar: string): string => {
    const r = bits & (4 << shift) ? 'r' : '-';
    const w = bits & (2 << shift) ? 'w' : '-';
    const x = bits & (1 << shift);
    const last = special ? (x ? specialChar : specialChar.toUpperCase()) : x ? 'x' : '-';
    return r + w + last;
  };
  return (
    TYPE_CHAR[type] +
    triple(6, (bits & 0o4000) !== 0, 's') +
    triple(3, (bits & 0o2000) !== 0, 's') +
    triple(0, (bits & 0o1000) !== 0, 't')
  );
}
