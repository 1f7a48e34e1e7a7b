// Matches catalogued packages against indexed OSV advisories with OSV's semantics: a version listed in `versions`,
// or inside a range whose sorted events (introduced, fixed, last_affected) leave it affected.
import type { CataloguedPackage, ImageCatalogue, VulnerabilityFinding } from '../../../contract/dto/audit';
import { versionOrder, type VersionComparator } from '../versions/version-order';
import { packageKey, type IndexedAdvisory, type OsvEvent } from './osv-index';

/** "0" is below every version. */
function compareEventVersion(compare: VersionComparator, a: string, b: string): number {
  if (a === b) return 0;
  if (a === '0') return -1;
  if (b === '0') return 1;
  return compare(a, b);
}

function eventVersion(event: OsvEvent): string {
  return event.introduced ?? event.fixed ?? event.last_affected ?? event.limit ?? '0';
}

/** Whether `version` is affected by the range, and the version that fixes it when one does. */
export function rangeAffects(
  version: string,
  events: OsvEvent[],
  compare: VersionComparator,
): { affected: boolean; fixed?: string } {
  const sorted = [...events].sort((a, b) => compareEventVersion(compare, eventVersion(a), eventVersion(b)));
  let affected = false;
  for (const event of sorted) {
    if (event.introduced !== undefined && compareEventVersion(compare, version, event.introduced) >= 0) affected = true;
    else if (event.fixed !== undefined && compareEventVersion(compare, version, event.fixed) >= 0) affected = false;
    else if (event.last_affected !== undefined && compareEventVersion(compare, version, event.last_affected) > 0)
      affected = false;
  }
  if (!affected) return { affected };
  const fixed = sorted.find((e) => e.fixed !== undefined && compareEventVersion(compare, version, e.fixed) < 0);
  return fixed?.fixed ? { affected, fixed: fixed.fixed } : { affected };
}

export function advisoryAffects(
  advisory: IndexedAdvisory,
  pkg: CataloguedPackage,
  version: string,
): { affected: boolean; fixed?: string } {
  if (advisory.versions.includes(version)) {
    const fixed = advisory.ranges.map(
      (r) => rangeAffects(version, r.events, versionOrder(pkg.ecosystem, r.type)).fixed,
    );
    return { affected: true, ...(fixed.find(Boolean) ? { fixed: fixed.find(Boolean) } : {}) };
  }
  for (const range of advisory.ranges) {
    const result = rangeAffects(version, range.events, versionOrder(pkg.ecosystem, range.type));
    if (result.affected) return result;
  }
  return { affected: false };
}

/** Where advisories come from: the indexed advisories of one package of one ecosystem. */
export type AdvisoryLookup = (ecosystem: string, name: string) => IndexedAdvisory[];

/**
 * The release an OS advisory must be for: "12" for Debian 12, "v3.19" for Alpine 3.19.x, "9" for AlmaLinux or Rocky
 * Linux 9.x; any when unknown (and for Red Hat's and SUSE's product streams, which name no plain release).
 */
function releaseOf(catalogue: ImageCatalogue, pkg: CataloguedPackage): string | undefined {
  const version = catalogue.distro?.versionId;
  if (!version) return undefined;
  if (pkg.ecosystem === 'Alpine') return `v${version.split('.').slice(0, 2).join('.')}`;
  if (pkg.ecosystem === 'Debian') return version.split('.')[0];
  if (pkg.ecosystem === 'Ubuntu') return version;
  if (pkg.ecosystem === 'AlmaLinux' || pkg.ecosystem === 'Rocky Linux') return version.split('.')[0];
  return undefined;
}

const SEVERITY_ORDER = ['critical', 'high', 'medium', 'low', 'unknown'];

/** Every advisory affecting a catalogued package, once per advisory and package; the worst first. */
export function matchCatalogue(catalogue: ImageCatalogue, lookup: AdvisoryLookup): VulnerabilityFinding[] {
  const findings = new Map<string, VulnerabilityFinding>();
  for (const pkg of catalogue.packages) {
    const release = releaseOf(catalogue, pkg);
    const candidates: [string, string][] = [[pkg.name, pkg.version]];
    if (pkg.source && pkg.source.name !== pkg.name) candidates.push([pkg.source.name, pkg.source.version]);
    for (const [name, version] of candidates)
      for (const advisory of lookup(pkg.ecosystem, packageKey(pkg.ecosystem, name))) {
        if (release && advisory.release && !advisory.release.startsWith(release)) continue;
        const key = `${advisory.id}\0${pkg.purl}\0${pkg.path}`;
        if (findings.has(key)) continue;
        const result = advisoryAffects(advisory, pkg, version);
        if (!result.affected) continue;
        const { id, aliases, summary, severity, score } = advisory;
        findings.set(key, {
          id,
          aliases,
          summary,
          severity,
          ...(score !== undefined ? { score } : {}),
          ...(result.fixed ? { fixed: result.fixed } : {}),
          package: pkg,
        });
      }
  }
  return [...findings.values()].sort(
    (a, b) => SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity) || a.id.localeCompare(b.id),
  );
}
