// Berth's index of an OSV database: ecosystem → package → the advisories that affect it, each cut down to what
// matching needs (ranges, versions, aliases, severity). Built record by record, so a large database streams in.
import type { PackageEcosystem, SeverityLabel } from '../../../contract/dto/audit';
import { severityOf } from './severity';

export interface OsvEvent {
  introduced?: string;
  fixed?: string;
  last_affected?: string;
  limit?: string;
}

export interface IndexedAdvisory {
  id: string;
  aliases: string[];
  summary: string;
  severity: SeverityLabel;
  score?: number;
  /** The ecosystem's release the entry is for ("12" of "Debian:12", "v3.19" of "Alpine:v3.19"), when it names one. */
  release?: string;
  ranges: { type: string; events: OsvEvent[] }[];
  versions: string[];
}

/** One file of the index: the advisories of one ecosystem by package name. */
export type EcosystemIndex = Record<string, IndexedAdvisory[]>;

export const INDEXED_ECOSYSTEMS: readonly PackageEcosystem[] = [
  'Debian',
  'Ubuntu',
  'Alpine',
  'Red Hat',
  'AlmaLinux',
  'Rocky Linux',
  'openSUSE',
  'SUSE',
  'npm',
  'PyPI',
  'Go',
];

interface OsvAffected {
  package?: { ecosystem?: unknown; name?: unknown };
  ranges?: { type?: unknown; events?: OsvEvent[] }[];
  versions?: unknown[];
  ecosystem_specific?: { severity?: unknown; urgency?: unknown };
  database_specific?: { severity?: unknown };
}

interface OsvRecord {
  id?: unknown;
  aliases?: unknown[];
  summary?: unknown;
  details?: unknown;
  withdrawn?: unknown;
  severity?: { type?: string; score?: string }[];
  database_specific?: { severity?: unknown };
  affected?: OsvAffected[];
}

/**
 * The index key of a package name: PyPI names compare normalised (PEP 503: case and runs of "-", "_", "." do not
 * matter, so "PyYAML" is "pyyaml"); every other ecosystem's names as written.
 */
export function packageKey(ecosystem: PackageEcosystem, name: string): string {
  return ecosystem === 'PyPI' ? name.toLowerCase().replace(/[-_.]+/g, '-') : name;
}

const strings = (list: unknown[] | undefined) => (list ?? []).filter((s): s is string => typeof s === 'string');

function firstLine(text: unknown): string {
  return typeof text === 'string' ? (text.split('\n').find((line) => line.trim()) ?? '').trim().slice(0, 300) : '';
}

export class OsvIndexBuilder {
  readonly ecosystems = new Map<PackageEcosystem, EcosystemIndex>();
  advisories = 0;
  skipped = 0;

  /** Adds one OSV record (parsed JSON); a record that is not OSV, withdrawn or for another ecosystem is skipped. */
  add(value: unknown): void {
    const record = value as OsvRecord;
    if (typeof record?.id !== 'string' || !Array.isArray(record.affected) || record.withdrawn) {
      this.skipped++;
      return;
    }
    let used = false;
    for (const affected of record.affected) {
      const [base, release] = String(affected.package?.ecosystem ?? '').split(/:(.*)/s);
      const name = affected.package?.name;
      const ecosystem = INDEXED_ECOSYSTEMS.find((e) => e === base);
      if (!ecosystem || typeof name !== 'string') continue;
      const labels = [
        affected.ecosystem_specific?.severity,
        affected.ecosystem_specific?.urgency,
        affected.database_specific?.severity,
      ];
      const advisory: IndexedAdvisory = {
        id: record.id,
        aliases: strings(record.aliases).sort((a, b) => Number(b.startsWith('CVE-')) - Number(a.startsWith('CVE-'))),
        summary: firstLine(record.summary) || firstLine(record.details),
        ...severityOf(record, labels),
        ...(release ? { release } : {}),
        ranges: (affected.ranges ?? [])
          .filter((range) => range.type === 'ECOSYSTEM' || range.type === 'SEMVER')
          .map((range) => ({ type: String(range.type), events: range.events ?? [] })),
        versions: strings(affected.versions),
      };
      let packages = this.ecosystems.get(ecosystem);
      if (!packages) this.ecosystems.set(ecosystem, (packages = {}));
      (packages[packageKey(ecosystem, name)] ??= []).push(advisory);
      used = true;
    }
    if (used) this.advisories++;
    else this.skipped++;
  }
}
