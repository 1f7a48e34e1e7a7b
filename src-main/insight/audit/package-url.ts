// Package URLs (purl) for catalogued packages, through packageurl-js.
import { PackageURL } from 'packageurl-js';
import type { PackageEcosystem } from '../../contract/dto/audit';

/** "a/b/c" → ["a/b", "c"]; a name without "/" has no namespace. */
function splitLast(name: string, separator: string): [string | undefined, string] {
  const at = name.lastIndexOf(separator);
  return at > 0 ? [name.slice(0, at), name.slice(at + 1)] : [undefined, name];
}

/** An rpm package's purl: the distro as namespace, the epoch as a qualifier ("pkg:rpm/fedora/curl@8.2.1-3.fc39?epoch=1"). */
function rpmPackageUrl(distro: string, name: string, version: string, qualifiers: Record<string, string> = {}): string {
  const epoch = /^(\d+):(.*)$/.exec(version);
  const extra = epoch ? { ...qualifiers, epoch: epoch[1] as string } : qualifiers;
  return new PackageURL('rpm', distro, name, epoch ? epoch[2] : version, extra).toString();
}

/** `distro` is the image's etc/os-release ID, the namespace of its rpm packages. */
export function packageUrl(
  ecosystem: PackageEcosystem,
  name: string,
  version: string,
  qualifiers?: Record<string, string>,
  distro?: string,
): string {
  switch (ecosystem) {
    case 'Red Hat':
    case 'AlmaLinux':
    case 'Rocky Linux':
    case 'openSUSE':
    case 'SUSE':
    case 'rpm':
      return rpmPackageUrl(distro ?? 'rpm', name, version, qualifiers);
    case 'Debian':
    case 'Ubuntu':
      return new PackageURL('deb', ecosystem.toLowerCase(), name, version, qualifiers).toString();
    case 'Alpine':
      return new PackageURL('apk', 'alpine', name, version, qualifiers).toString();
    case 'npm': {
      const [scope, bare] = name.startsWith('@') ? splitLast(name, '/') : [undefined, name];
      return new PackageURL('npm', scope, bare, version).toString();
    }
    case 'PyPI':
      return new PackageURL('pypi', undefined, name.toLowerCase().replace(/[-_.]+/g, '-'), version).toString();
    case 'Go': {
      const [namespace, bare] = splitLast(name, '/');
      return new PackageURL('golang', namespace, bare, version).toString();
    }
  }
}
