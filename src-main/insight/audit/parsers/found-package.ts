// What a package database or lockfile parser yields: one package it records, before the catalogue places it.
import type { PackageEcosystem } from '../../../contract/dto/audit';

export interface FoundPackage {
  name: string;
  version: string;
  ecosystem: PackageEcosystem;
  /** Extra purl qualifiers (a Debian package's "arch"). */
  qualifiers?: Record<string, string>;
  /** The source package, where it differs from the binary one (dpkg's Source, apk's origin). */
  source?: { name: string; version: string };
  /** The declared license (rpm's LICENSE). */
  license?: string;
}
