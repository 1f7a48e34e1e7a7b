// Paths inside a volume for the file browser: breadcrumb parts, child paths, and "drwxr-xr-x" permissions.
import type { FileEntry } from '../../../../src-main/contract/dto/files';

export interface Crumb {
  /** What the breadcrumb shows: the folder's name, or the volume for the root. */
  label: string;
  /** Absolute path inside the volume. */
  path: string;
}

/** "/a/b" → root, "a", "b"; the root crumb is labelled `rootLabel`. */
export function breadcrumb(path: string, rootLabel: string): Crumb[] {
  const parts = path.split('/').filter(Boolean);
  return [
    { label: rootLabel, path: '/' },
    ...parts.map((label, i) => ({ label, path: `/${parts.slice(0, i + 1).join('/')}` })),
  ];
}

export function childPath(dir: string, name: string): string {
  return `${dir.replace(/\/+$/, '')}/${name}`;
}

/** The folder above `path`; the root's parent is the root. */
export function parentPath(path: string): string {
  const parts = path.split('/').filter(Boolean);
  return `/${parts.slice(0, -1).join('/')}`;
}

const TYPE_CHAR: Record<FileEntry['type'], string> = { dir: 'd', symlink: 'l', file: '-', other: '?' };

/** `ls -l` style permissions from the type and octal mode: ("dir", "755") → "drwxr-xr-x". */
export function permissions(type: FileEntry['type'], mode: string): string {
  const bits = parseInt(mode, 8);
  if (Number.isNaN(bits)) return TYPE_CHAR[type];
  const rwx = [6, 3, 0]
    .map((shift) => {
      const b = (bits >> shift) & 7;
      return `${b & 4 ? 'r' : '-'}${b & 2 ? 'w' : '-'}${b & 1 ? 'x' : '-'}`;
    })
    .join('');
  const special = bits >> 9;
  const chars = rwx.split('');
  const mark = (index: number, on: boolean, letter: string) => {
    if (on) chars[index] = chars[index] === 'x' ? letter : letter.toUpperCase();
  };
  mark(2, (special & 4) !== 0, 's');
  mark(5, (special & 2) !== 0, 's');
  mark(8, (special & 1) !== 0, 't');
  return TYPE_CHAR[type] + chars.join('');
}
