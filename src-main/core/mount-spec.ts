// Docker `-v` volume/bind specs and `--tmpfs` specs, validated like the engine's Linux mount parser.
//
// Only Linux-style container and host paths are supported; Windows host paths ("C:\data") are not,
// because the engine Berth drives always runs Linux and host paths reach it as POSIX paths.

import { parseByteSize } from './bytes';
import { ParseError } from './parse-error';

export type MountSpec =
  | { type: 'volume'; source?: string; target: string; readOnly: boolean; noCopy: boolean }
  | {
      type: 'bind';
      source: string;
      target: string;
      readOnly: boolean;
      propagation?: string;
      selinux?: 'z' | 'Z';
    }
  | {
      type: 'tmpfs';
      target: string;
      /** Bytes. */
      sizeBytes?: number;
      /** Permission bits, e.g. 0o1777. */
      mode?: number;
      /** Other mount options, in the order given, e.g. ["noexec", "uid=1000"]. */
      options: string[];
    };

const VOLUME_NAME_RE = /^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/;
const PROPAGATIONS = ['private', 'rprivate', 'shared', 'rshared', 'slave', 'rslave'];
/** Accepted by docker for compatibility with Docker Desktop for Mac, and ignored on Linux. */
const CONSISTENCIES = ['consistent', 'cached', 'delegated'];
/** Mount flags docker's tmpfs option parser knows. */
const TMPFS_FLAGS = new Set(
  (
    'ro rw exec noexec suid nosuid dev nodev sync async dirsync mand nomand atime noatime ' +
    'diratime nodiratime relatime norelatime strictatime nostrictatime'
  ).split(' '),
);
/** Options with a value that are kept verbatim. */
const TMPFS_KEYS = new Set(['uid', 'gid', 'nr_inodes', 'nr_blocks', 'mpol']);

interface VolumeModes {
  readOnly: boolean;
  noCopy: boolean;
  propagation?: string;
  selinux?: 'z' | 'Z';
}

/**
 * Parses a `-v` value: "/data" (anonymous volume), "name:/data[:opts]" (named volume) or
 * "/host:/data[:opts]" (bind mount). Options are comma-separated: ro|rw, z|Z, nocopy (volumes),
 * a propagation mode (binds), and consistent|cached|delegated (accepted, ignored).
 * @throws ParseError when the spec is malformed.
 */
export function parseVolumeSpec(spec: string): MountSpec {
  const fail = (reason: string): never => {
    throw new ParseError(`invalid volume spec "${spec}": ${reason}`);
  };
  const parts = spec.split(':');
  if (parts.length > 3) fail('expected [source:]target[:options]');
  if (parts.some((part) => part === '')) fail('source, target and options must not be empty');
  const [first = '', second, third = ''] = parts;
  if (parts.length === 1) {
    checkTarget(first, fail);
    return { type: 'volume', target: first, readOnly: false, noCopy: false };
  }
  const source = first;
  const target = second ?? '';
  checkTarget(target, fail);
  const modes = parseModes(third, fail);

  if (source.startsWith('/')) {
    if (modes.noCopy) fail('"nocopy" only applies to volumes, not bind mounts');
    const bind: MountSpec = { type: 'bind', source, target, readOnly: modes.readOnly };
    if (modes.propagation !== undefined) bind.propagation = modes.propagation;
    if (modes.selinux !== undefined) bind.selinux = modes.selinux;
    return bind;
  }
  if (source.startsWith('.') || source.startsWith('~')) {
    fail(`host path "${source}" must be absolute, e.g. "/home/me/data"`);
  }
  if (!VOLUME_NAME_RE.test(source)) {
    fail(
      `volume name "${source}" must be at least 2 characters of letters, digits, "_", "." or "-", ` +
        'starting with a letter or digit; to bind-mount a host directory, use an absolute path',
    );
  }
  if (modes.propagation !== undefined) fail(`propagation "${modes.propagation}" only applies to bind mounts`);
  if (modes.selinux !== undefined) fail(`SELinux relabelling "${modes.selinux}" only applies to bind mounts`);
  return { type: 'volume', source, target, readOnly: modes.readOnly, noCopy: modes.noCopy };
}

/**
 * Parses a `--tmpfs` value: "/run" or "/run:size=64m,mode=1777,noexec". `size` (a docker byte
 * size) and `mode` (octal) are lifted out; other mount flags and uid/gid/nr_inodes/nr_blocks/mpol
 * are kept in `options`.
 * @throws ParseError when the spec is malformed.
 */
export function parseTmpfsSpec(spec: string): MountSpec {
  const fail = (reason: string): never => {
    throw new ParseError(`invalid tmpfs spec "${spec}": ${reason}`);
  };
  const colon = spec.indexOf(':');
  const target = colon === -1 ? spec : spec.slice(0, colon);
  checkTarget(target, fail);
  const mount: MountSpec = { type: 'tmpfs', target, options: [] };
  const flags = new Set<string>();
  const optionText = colon === -1 ? '' : spec.slice(colon + 1);
  for (const option of optionText === '' ? [] : optionText.split(',')) {
    const equals = option.indexOf('=');
    const key = equals === -1 ? option : option.slice(0, equals);
    const value = option.slice(equals + 1);
    if (equals === -1 && TMPFS_FLAGS.has(option)) {
      flags.add(option);
      mount.options.push(option);
    } else if (key === 'size' && equals !== -1 && mount.sizeBytes === undefined) {
      mount.sizeBytes = tmpfsSize(value, fail);
    } else if (key === 'mode' && equals !== -1 && mount.mode === undefined) {
      if (!/^[0-7]{1,4}$/.test(value)) fail(`mode "${value}" must be octal permission bits such as 1777`);
      mount.mode = parseInt(value, 8);
    } else if (TMPFS_KEYS.has(key) && equals !== -1 && value !== '') {
      mount.options.push(option);
    } else {
      fail(`unknown or repeated option "${option}"`);
    }
  }
  if (flags.has('ro') && flags.has('rw')) fail('"ro" and "rw" cannot be combined');
  return mount;
}

function tmpfsSize(value: string, fail: (reason: string) => never): number {
  try {
    return parseByteSize(value);
  } catch {
    return fail(`size "${value}" must be a byte size such as 64m`);
  }
}

function checkTarget(target: string, fail: (reason: string) => never): void {
  if (!target.startsWith('/')) fail(`container path "${target}" must be absolute`);
  if (/^\/+$/.test(target)) fail('container path must not be "/"');
}

function parseModes(text: string, fail: (reason: string) => never): VolumeModes {
  const modes: VolumeModes = { readOnly: false, noCopy: false };
  const seen = new Set<string>();
  const once = (group: string, option: string): void => {
    if (seen.has(group)) fail(`option "${option}" conflicts with an earlier ${group} option`);
    seen.add(group);
  };
  for (const option of text === '' ? [] : text.split(',')) {
    if (option === 'ro' || option === 'rw') {
      once('read-write', option);
      modes.readOnly = option === 'ro';
    } else if (option === 'z' || option === 'Z') {
      once('SELinux', option);
      modes.selinux = option;
    } else if (option === 'nocopy') {
      once('copy', option);
      modes.noCopy = true;
    } else if (PROPAGATIONS.includes(option)) {
      once('propagation', option);
      modes.propagation = option;
    } else if (CONSISTENCIES.includes(option)) {
      once('consistency', option);
    } else {
      fail(`unknown option "${option}": use ro, rw, z, Z, nocopy, or one of ${PROPAGATIONS.join(', ')}`);
    }
  }
  return modes;
}
