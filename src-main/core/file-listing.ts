// Folder listings inside containers and volumes: the POSIX shell script that prints one, and its parser.
//
// The script runs `stat -c '%F|%s|%Y|%a|%n/'` (busybox and GNU stat both support it) on every
// direct child of a folder, named "./<name>", then prints "->|<target>|./<name>/" for each
// symlink. A name never contains "/", so a record always ends with the one "/" after its name: a
// name with "|" or a newline in it still parses, and lines that do not form a record are ignored.

import type { FileEntry, FileType } from '../contract/dto/files';
import { ParseError } from './parse-error';

/** Exit codes of the listing script besides 0 (listed). */
export const LISTING_EXIT = {
  /** The folder does not exist. */
  notFound: 3,
  /** The path exists but is not a folder. */
  notFolder: 4,
  /** `find` or `stat` is missing. */
  noTools: 5,
  /** The folder exists but cannot be entered (permissions). */
  cannotOpen: 6,
  /** `find`/`stat` reported an error; the output may still hold entries. */
  failed: 7,
} as const;

const SCRIPT = [
  '[ -e "$1" ] || exit 3',
  '[ -d "$1" ] || exit 4',
  'command -v find >/dev/null 2>&1 && command -v stat >/dev/null 2>&1 || exit 5',
  'cd "$1" || exit 6',
  "find . ! -name . -prune -exec stat -c '%F|%s|%Y|%a|%n/' {} +",
  'r=$?',
  // "$(…)" drops trailing newlines, which a link target may end with: an "x" after readlink's own newline keeps them.
  `find . ! -name . -prune -type l -exec sh -c 'for l do t=$(readlink "$l" && echo x); printf "%s\\n" "->|\${t%?x}|$l/"; done' sh {} +`,
  '[ "$r" = 0 ] || exit 7',
].join('\n');

/** The command (for exec or a container's Cmd) that lists the folder `dir`, an absolute path. */
export function fileListingCommand(dir: string): string[] {
  return ['sh', '-c', SCRIPT, 'sh', dir];
}

/**
 * A browse path made canonical: absolute, without empty or "." segments or a trailing "/".
 * @throws ParseError for a relative path or one with a ".." segment.
 */
export function normalizeBrowsePath(path: string): string {
  if (!path.startsWith('/')) throw new ParseError(`"${path}" must be an absolute path`);
  const segments = path.split('/').filter((s) => s !== '' && s !== '.');
  if (segments.includes('..')) throw new ParseError(`"${path}" must not contain ".." segments`);
  return `/${segments.join('/')}`;
}

const ENTRY_RE = /^([^|\n]+)\|(\d+)\|(-?\d+)\|([0-7]{1,4})\|\.\/([^/]+)\/$/s;
const LINK_RE = /^->\|(.*)\|\.\/([^/]+)\/$/s;
/** A record spans at most this many lines (a link target of PATH_MAX bytes, all newlines). */
const MAX_RECORD_LINES = 4096;

function toFileType(statType: string): FileType {
  if (statType === 'directory') return 'dir';
  if (statType === 'symbolic link') return 'symlink';
  if (statType.startsWith('regular')) return 'file';
  return 'other';
}

/** Folders first, then by name in code point order (stable whatever the locale). */
export function compareFileEntries(a: FileEntry, b: FileEntry): number {
  const folders = Number(b.type === 'dir') - Number(a.type === 'dir');
  if (folders !== 0) return folders;
  if (a.name === b.name) return 0;
  return a.name < b.name ? -1 : 1;
}

/** Parses the listing script's stdout into sorted entries; unparsable lines are skipped. */
export function parseFileListing(output: string): FileEntry[] {
  const entries = new Map<string, FileEntry>();
  const targets = new Map<string, string>();
  const parse = (record: string): boolean => {
    const entry = ENTRY_RE.exec(record);
    if (entry) {
      const [, statType = '', size, modified, mode = '', name = ''] = entry;
      entries.set(name, { name, type: toFileType(statType), size: Number(size), modified: Number(modified), mode });
      return true;
    }
    const link = LINK_RE.exec(record);
    if (link) {
      const [, target = '', name = ''] = link;
      if (target !== '') targets.set(name, target);
      return true;
    }
    return false;
  };

  let pending: string[] = [];
  for (const line of output.split('\n')) {
    pending.push(line);
    if (!line.endsWith('/')) continue;
    // A record may end here; it starts at the earliest line that makes it parse (earlier ones are junk). When none
    // does, the "/" was the one of "./" before a name that starts with a newline: the record goes on.
    const lines = pending.slice(-MAX_RECORD_LINES);
    pending = lines;
    for (let start = 0; start < lines.length; start++) {
      if (parse(lines.slice(start).join('\n'))) {
        pending = [];
        break;
      }
    }
  }

  for (const [name, target] of targets) {
    const entry = entries.get(name);
    if (entry?.type === 'symlink') entry.linkTarget = target;
  }
  return [...entries.values()].sort(compareFileEntries);
}
