// Package URLs (purl) for catalogued packages, through packageurl-js.
import { PackageURL } from 'packageurl-js';
import type { PackageEcosystem } from '../../contract/dto/audit';

/** "a/b/c" → ["a/b", "c"]; a name without "/" has no namespace. */
function splitLast(name: string, separator: string): [string | undefined, string] {
  const at = name.lastIndexOf(separator);
  return at > 0 ? [name.slice(0, at), name.slice(at + 1)] : [undefined, name];
}

export function packageUrl(
  ecosystem: PackageEcosystem,
  name: string,
  version: string,
  qualifiers?: Record<string, string>,
): string {
  switch (ecosystem) {
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
