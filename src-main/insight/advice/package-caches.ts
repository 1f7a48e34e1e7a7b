// Package managers' download caches: which command fills one, what removes it in the same RUN, where it lives.
import type { Step } from './dockerfile-stages';
import { cacheMountTargets, runs, type ShellCommand } from './shell-commands';

export interface PackageCache {
  /** The manager's name as users know it: "apt-get", "apk", "pip", "yum/dnf", "npm". */
  manager: string;
  /** What it leaves behind, e.g. "package lists". */
  what: string;
  /** Where its cache is left in the image. */
  paths: string[];
  /** Whether `command` installs packages and fills the cache. */
  fills(command: ShellCommand, env: ReadonlySet<string>): boolean;
  /** Whether `command` removes the cache. */
  removes(command: ShellCommand): boolean;
  /** What to write instead, for the message. */
  fix: string;
}

/** `rm` of a path under one of `paths` (or of the path itself, with or without "/*"). */
function removesPath(command: ShellCommand, paths: readonly string[]): boolean {
  return (
    command.program === 'rm' &&
    command.args.some((arg) => paths.some((path) => arg === path || arg.startsWith(`${path}/`)))
  );
}

const DNF = ['yum', 'dnf', 'microdnf', 'tdnf'];

export const PACKAGE_CACHES: readonly PackageCache[] = [
  {
    manager: 'apt-get',
    what: 'package lists',
    paths: ['/var/lib/apt/lists'],
    fills: (c) => runs(c, ['apt-get', 'apt'], ['install', 'update']),
    removes: (c) => removesPath(c, ['/var/lib/apt/lists']),
    fix: 'end the same RUN with `rm -rf /var/lib/apt/lists/*`',
  },
  {
    manager: 'apk',
    what: 'package index and downloads',
    paths: ['/var/cache/apk'],
    fills: (c) => runs(c, ['apk'], ['add', 'update']) && !c.args.includes('--no-cache'),
    removes: (c) => removesPath(c, ['/var/cache/apk']) || runs(c, ['apk'], ['cache']),
    fix: 'use `apk add --no-cache`, which keeps no index or packages',
  },
  {
    manager: 'pip',
    what: 'download cache',
    paths: ['/root/.cache/pip'],
    fills: (c, env) =>
      runs(c, ['pip', 'pip3'], ['install']) && !c.args.includes('--no-cache-dir') && !env.has('PIP_NO_CACHE_DIR'),
    removes: (c) =>
      removesPath(c, ['/root/.cache/pip', '/root/.cache', '~/.cache/pip', '~/.cache']) ||
      runs(c, ['pip', 'pip3'], ['cache']),
    fix: 'use `pip install --no-cache-dir` (or set ENV PIP_NO_CACHE_DIR=1)',
  },
  {
    manager: 'yum/dnf',
    what: 'metadata and package cache',
    paths: ['/var/cache/yum', '/var/cache/dnf'],
    fills: (c) => runs(c, DNF, ['install', 'update', 'upgrade']),
    removes: (c) => runs(c, DNF, ['clean']) || removesPath(c, ['/var/cache/yum', '/var/cache/dnf']),
    fix: 'end the same RUN with `yum clean all` (`dnf clean all` with dnf)',
  },
  {
    manager: 'npm',
    what: 'download cache',
    paths: ['/root/.npm'],
    fills: (c) => runs(c, ['npm'], ['install', 'i', 'ci']),
    removes: (c) => runs(c, ['npm'], ['cache']) || removesPath(c, ['/root/.npm', '~/.npm']),
    fix: 'end the same RUN with `npm cache clean --force`',
  },
];

/** Whether the step keeps `cache` out of its layer: removed by one of its commands, or a cache mount over it. */
export function stepClears(cache: PackageCache, step: Step, commands: readonly ShellCommand[]): boolean {
  const mounts = cacheMountTargets(step);
  const mounted = cache.paths.some((path) => mounts.some((target) => path === target || path.startsWith(`${target}/`)));
  return mounted || commands.some((command) => cache.removes(command));
}
