// The version comparison for each package ecosystem, as OSV ranges of type ECOSYSTEM and SEMVER need it.
import type { PackageEcosystem } from '../../../contract/dto/audit';
import { compareAlpineVersions } from './apk-version';
import { compareDebianVersions } from './dpkg-version';
import { comparePep440Versions } from './pep440-version';
import { compareRpmVersions } from './rpm-version';
import { compareSemverVersions } from './semver-version';

export type VersionComparator = (a: string, b: string) => number;

const COMPARATORS: Record<PackageEcosystem, VersionComparator> = {
  Debian: compareDebianVersions,
  Ubuntu: compareDebianVersions,
  Alpine: compareAlpineVersions,
  'Red Hat': compareRpmVersions,
  AlmaLinux: compareRpmVersions,
  'Rocky Linux': compareRpmVersions,
  openSUSE: compareRpmVersions,
  SUSE: compareRpmVersions,
  rpm: compareRpmVersions,
  npm: compareSemverVersions,
  Go: compareSemverVersions,
  PyPI: comparePep440Versions,
};

/** The comparator for a range: SEMVER ranges compare as semver whatever the ecosystem. */
export function versionOrder(ecosystem: PackageEcosystem, rangeType: string): VersionComparator {
  return rangeType === 'SEMVER' ? compareSemverVersions : COMPARATORS[ecosystem];
}
