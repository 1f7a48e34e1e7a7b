// OS packages a RUN installs and removes (apt-get, apk, yum/dnf): what the build-tools rule looks at.
import { operands, runs, type ShellCommand } from './shell-commands';

const INSTALLERS: ReadonlyArray<{ programs: string[]; install: string[]; remove: string[] }> = [
  { programs: ['apt-get', 'apt'], install: ['install'], remove: ['purge', 'remove'] },
  { programs: ['apk'], install: ['add'], remove: ['del'] },
  { programs: ['yum', 'dnf', 'microdnf', 'tdnf'], install: ['install'], remove: ['remove', 'erase'] },
];

/** The package names `command` installs (with apk's `--virtual NAME` group), or undefined when it installs none. */
export function installedPackages(command: ShellCommand): { packages: string[]; group?: string } | undefined {
  const installer = INSTALLERS.find((i) => runs(command, i.programs, i.install));
  if (!installer) return undefined;
  const virtual = command.args.findIndex((arg) => arg === '--virtual' || arg === '-t');
  const group = virtual >= 0 ? command.args[virtual + 1] : undefined;
  const packages = operands(command)
    .slice(1)
    .filter((name) => name !== group)
    .map((name) => name.replace(/[=<>].*$/, ''));
  return { packages, ...(group ? { group } : {}) };
}

/** The package names (or apk groups) `command` removes. */
export function removedPackages(command: ShellCommand): string[] {
  const installer = INSTALLERS.find((i) => runs(command, i.programs, i.remove));
  return installer ? operands(command).slice(1) : [];
}
