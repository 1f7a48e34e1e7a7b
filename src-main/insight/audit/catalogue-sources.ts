// Which files of an image record packages, and the parser for each: chosen by path alone, so every other file's
// content is left unread.
import { parseApkInstalled } from './parsers/apk-installed';
import { parseDpkgStatus } from './parsers/dpkg-status';
import type { FoundPackage } from './parsers/found-package';
import { parseNodePackageJson, parseNpmLockfile } from './parsers/npm-lockfile';
import { parsePnpmLockfile } from './parsers/pnpm-lockfile';
import { parsePythonMetadata } from './parsers/python-metadata';
import { parseYarnLockfile } from './parsers/yarn-lockfile';

export type TextParser = (text: string) => FoundPackage[];

/** Lockfiles count where a project keeps them, not inside an installed package. */
const LOCKFILES: [RegExp, TextParser][] = [
  [/(?:^|\/)(?:package-lock|npm-shrinkwrap)\.json$/, parseNpmLockfile],
  [/(?:^|\/)yarn\.lock$/, parseYarnLockfile],
  [/(?:^|\/)pnpm-lock\.yaml$/, parsePnpmLockfile],
];

const DATABASES: [RegExp, TextParser][] = [
  [/^var\/lib\/dpkg\/status$/, parseDpkgStatus],
  [/^var\/lib\/dpkg\/status\.d\/[^/]+$/, parseDpkgStatus],
  [/^lib\/apk\/db\/installed$/, parseApkInstalled],
  [/(?:^|\/)node_modules\/(?:@[^/]+\/)?[^/.][^/]*\/package\.json$/, parseNodePackageJson],
  [/\/(?:site|dist)-packages\/[^/]+\.dist-info\/METADATA$/, parsePythonMetadata],
  [/\/(?:site|dist)-packages\/[^/]+\.egg-info(?:\/PKG-INFO)?$/, parsePythonMetadata],
];

const RPM_FOLDER = '(?:var\\/lib\\/rpm|usr\\/lib\\/sysimage\\/rpm)\\/';
/** rpm's SQLite database (Fedora 33+, RHEL 9, Amazon Linux 2023), read through sql.js. */
export const RPM_SQLITE = new RegExp(`^${RPM_FOLDER}rpmdb\\.sqlite$`);
/** rpm's Berkeley DB database (CentOS 7/8, RHEL 8), read page by page. */
export const RPM_BDB = new RegExp(`^${RPM_FOLDER}Packages$`);
/** rpm's databases not read yet: what the catalogue notes for each. */
export const UNREAD_RPM_DATABASES: [RegExp, string][] = [[new RegExp(`^${RPM_FOLDER}Packages\\.db$`), 'ndb']];
/** The largest rpm database read: it is one entry, buffered whole. */
export const MAX_RPM_DATABASE_BYTES = 256 * 1024 * 1024;

export const OS_RELEASE = /^(?:etc|usr\/lib)\/os-release$/;

/** The parser for a file at `path`, or undefined when it records no packages. */
export function textSourceFor(path: string): TextParser | undefined {
  if (path.endsWith('.md5sums')) return undefined;
  const sources = path.includes('node_modules/') ? DATABASES : [...DATABASES, ...LOCKFILES];
  return sources.find(([pattern]) => pattern.test(path))?.[1];
}

/**
 * Files that may be Go programs: big enough to hold a Go runtime (the scan then reads on only for ELF files). The
 * execute bit is not asked for: the layer reader drains what is left unread anyway, and a copied binary may lack it.
 */
export function mayBeGoBinary(size: number): boolean {
  return size >= 512 * 1024;
}
