// The Contents tab's tables: package and vulnerability rows, filtered by the search text and the package type.
import type {
  CataloguedPackage,
  PackageEcosystem,
  SeverityLabel,
  VulnerabilityFinding,
} from '../../../../../src-main/contract/dto/audit';
import type { TableColumn, TableRow } from '../../table-types';

export const PACKAGE_COLUMNS: TableColumn[] = [
  { key: 'name', title: 'Name', width: 'minmax(180px, 2fr)' },
  { key: 'version', title: 'Version', width: 'minmax(120px, 1fr)' },
  { key: 'type', title: 'Type', width: '90px' },
  { key: 'layer', title: 'Layer', width: '70px', align: 'right' },
  { key: 'path', title: 'Found in', width: 'minmax(160px, 2fr)', priority: 1 },
];

export const FINDING_COLUMNS: TableColumn[] = [
  { key: 'severity', title: 'Severity', width: '110px' },
  { key: 'id', title: 'Advisory', width: 'minmax(300px, 2fr)' },
  { key: 'package', title: 'Package', width: 'minmax(120px, 1fr)' },
  { key: 'versions', title: 'Installed → fixed', width: 'minmax(200px, 1fr)' },
  { key: 'layer', title: 'Layer', width: '60px', align: 'right' },
  { key: 'summary', title: 'Summary', width: 'minmax(160px, 2fr)', priority: 1 },
];

/** What the type filter and the Type column call each ecosystem. */
export const TYPE_LABELS: Record<PackageEcosystem, string> = {
  Debian: 'deb',
  Ubuntu: 'deb',
  Alpine: 'apk',
  'Red Hat': 'rpm',
  AlmaLinux: 'rpm',
  'Rocky Linux': 'rpm',
  openSUSE: 'rpm',
  SUSE: 'rpm',
  rpm: 'rpm',
  npm: 'npm',
  PyPI: 'Python',
  Go: 'Go',
};

export const SEVERITY_TEXT: Record<SeverityLabel, string> = {
  critical: 'Critical',
  high: 'High',
  medium: 'Medium',
  low: 'Low',
  unknown: 'Unrated',
};

/** The type filter's options: the types the image has, with counts. */
export function typeOptions(packages: CataloguedPackage[]): { label: string; value: string }[] {
  const counts = new Map<string, number>();
  for (const p of packages) counts.set(TYPE_LABELS[p.ecosystem], (counts.get(TYPE_LABELS[p.ecosystem]) ?? 0) + 1);
  return [...counts]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([type, n]) => ({ label: `${type} (${n})`, value: type }));
}

function matches(text: string, search: string): boolean {
  return text.toLowerCase().includes(search.trim().toLowerCase());
}

const rowOf = <T>(key: string, data: T): TableRow<T> => ({ key, kind: 'item', depth: 0, data });

export function packageRows(
  packages: CataloguedPackage[],
  search: string,
  type: string | null,
): TableRow<CataloguedPackage>[] {
  return packages
    .filter(
      (p) =>
        (!type || TYPE_LABELS[p.ecosystem] === type) &&
        (!search.trim() || matches(`${p.name} ${p.version} ${p.path}`, search)),
    )
    .map((p) => rowOf(`${p.purl}\0${p.path}`, p));
}

export function findingRows(
  findings: VulnerabilityFinding[],
  search: string,
  type: string | null,
): TableRow<VulnerabilityFinding>[] {
  return findings
    .filter(
      (f) =>
        (!type || TYPE_LABELS[f.package.ecosystem] === type) &&
        (!search.trim() || matches(`${f.id} ${f.aliases.join(' ')} ${f.package.name} ${f.summary}`, search)),
    )
    .map((f) => rowOf(`${f.id}\0${f.package.purl}\0${f.package.path}`, f));
}

/** "1 advisory", "3 advisories": for nouns whose plural is not "+s". */
export function counted(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** "Critical 9.8", or "High" where the advisory gives no CVSS score. */
export function severityText(finding: VulnerabilityFinding): string {
  const label = SEVERITY_TEXT[finding.severity];
  return finding.score === undefined ? label : `${label} ${finding.score.toFixed(1)}`;
}
