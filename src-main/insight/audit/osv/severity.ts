// An OSV advisory's severity: the CVSS v3 score where a vector is given, else the database's own label (GitHub's
// "HIGH", Debian's urgency, Alpine's "severity").
import type { SeverityLabel } from '../../../contract/dto/audit';
import { cvss3BaseScore } from './cvss3';

/** CVSS v3's qualitative rating of a base score. */
export function labelOfScore(score: number): SeverityLabel {
  if (score >= 9) return 'critical';
  if (score >= 7) return 'high';
  if (score >= 4) return 'medium';
  if (score > 0) return 'low';
  return 'unknown';
}

const WORDS: [RegExp, SeverityLabel][] = [
  [/^critical/i, 'critical'],
  [/^(high|important)/i, 'high'],
  [/^(medium|moderate)/i, 'medium'],
  [/^(low|negligible|unimportant)/i, 'low'],
];

export function labelOfWord(word: unknown): SeverityLabel | undefined {
  if (typeof word !== 'string') return undefined;
  return WORDS.find(([pattern]) => pattern.test(word.trim()))?.[1];
}

interface SeverityFields {
  severity?: { type?: string; score?: string }[];
  database_specific?: { severity?: unknown };
}

/** The severity of an advisory (its `affected` entry's own labels count when the advisory has none). */
export function severityOf(
  record: SeverityFields,
  affectedLabels: unknown[] = [],
): { severity: SeverityLabel; score?: number } {
  for (const entry of record.severity ?? []) {
    const score = entry.type?.startsWith('CVSS_V3') && entry.score ? cvss3BaseScore(entry.score) : undefined;
    if (score !== undefined) return { severity: labelOfScore(score), score };
  }
  for (const word of [record.database_specific?.severity, ...affectedLabels]) {
    const label = labelOfWord(word);
    if (label) return { severity: label };
  }
  return { severity: 'unknown' };
}
