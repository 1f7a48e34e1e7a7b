// Image audit DTOs: the packages found in an image's layers (its SBOM), the OSV database Berth matches them against,
// and the known vulnerabilities found.

/**
 * OSV's ecosystem names: dpkg packages are Debian's or Ubuntu's (from etc/os-release), apk packages Alpine's, rpm
 * packages Red Hat's, AlmaLinux's, Rocky Linux's, openSUSE's or SUSE's; "rpm" where OSV has no ecosystem for the
 * distro (Fedora, CentOS, Amazon Linux…).
 */
export type PackageEcosystem =
  | 'Debian'
  | 'Ubuntu'
  | 'Alpine'
  | 'Red Hat'
  | 'AlmaLinux'
  | 'Rocky Linux'
  | 'openSUSE'
  | 'SUSE'
  | 'rpm'
  | 'npm'
  | 'PyPI'
  | 'Go';

export interface CataloguedPackage {
  name: string;
  version: string;
  ecosystem: PackageEcosystem;
  /** Package URL (purl), e.g. "pkg:deb/debian/bash@5.2.15-2". */
  purl: string;
  /** The lowest layer (0 = base) where the package appears in this version. */
  layer: number;
  /** The file it was read from, inside the image ("var/lib/dpkg/status"). */
  path: string;
  /** The source package it was built from (dpkg's Source, apk's origin): what Debian's and Alpine's advisories name. */
  source?: { name: string; version: string };
  /** The license the package declares, where its database records one (rpm's LICENSE). */
  license?: string;
}

export interface ImageCatalogue {
  image: string;
  /** Distribution from etc/os-release ("debian 12"), when the image has one. */
  distro?: { id: string; versionId: string };
  packages: CataloguedPackage[];
  /** The instruction that made each layer (base first), from the image's history; "" where it does not say. */
  layers: string[];
  /** What could not be read (an rpm database in the ndb format, a file too big), for the UI to say. */
  notes: string[];
}

export type SbomFormat = 'cyclonedx' | 'spdx';

export type SeverityLabel = 'critical' | 'high' | 'medium' | 'low' | 'unknown';

export interface VulnerabilityFinding {
  /** OSV id ("DSA-5123-1", "GHSA-…"). */
  id: string;
  /** Other ids of the same vulnerability, CVEs first. */
  aliases: string[];
  summary: string;
  severity: SeverityLabel;
  /** CVSS base score (0–10) where the advisory gives a CVSS v3 vector. */
  score?: number;
  /** The first version that fixes it, when there is one. */
  fixed?: string;
  package: CataloguedPackage;
}

/** The imported OSV database: where it came from, when, what it holds. */
export interface AuditDatabaseStatus {
  present: boolean;
  source?: string;
  /** ISO time of the import. */
  importedAt?: string;
  advisories?: number;
  ecosystems?: string[];
}

export interface ImageScan {
  catalogue: ImageCatalogue;
  database: AuditDatabaseStatus;
  /** Empty without a database; `database.present` tells which. */
  findings: VulnerabilityFinding[];
}

export interface AuditProgress {
  operation: string;
  /** Layers read so far of `layers`. */
  layersRead: number;
  layers: number;
  packages: number;
}
