import { describe, expect, it } from 'vitest';
import type { CataloguedPackage, VulnerabilityFinding } from '../../../src-main/contract/dto/audit';
import {
  counted,
  findingRows,
  packageRows,
  severityText,
  typeOptions,
} from '../../../src-renderer/src/components/image/audit/audit-rows';

const pkg = (
  name: string,
  ecosystem: CataloguedPackage['ecosystem'],
  path = 'var/lib/dpkg/status',
): CataloguedPackage => ({
  name,
  version: '1.0',
  ecosystem,
  purl: `pkg:x/${name}@1.0`,
  layer: 0,
  path,
});
const packages = [pkg('bash', 'Debian'), pkg('lodash', 'npm', 'app/package-lock.json'), pkg('tzdata', 'Ubuntu')];
const finding = (id: string, aliases: string[], p: CataloguedPackage, score?: number): VulnerabilityFinding => ({
  id,
  aliases,
  summary: `${id} summary`,
  severity: score ? 'high' : 'unknown',
  ...(score ? { score } : {}),
  package: p,
});

describe('Contents tab rows', () => {
  it('offers the types the image has, Debian and Ubuntu packages both as deb', () => {
    expect(typeOptions(packages)).toEqual([
      { label: 'deb (2)', value: 'deb' },
      { label: 'npm (1)', value: 'npm' },
    ]);
  });

  it('filters packages by type and by text in name, version or path', () => {
    expect(packageRows(packages, '', 'deb').map((r) => r.data.name)).toEqual(['bash', 'tzdata']);
    expect(packageRows(packages, 'LOCK', null).map((r) => r.data.name)).toEqual(['lodash']);
    expect(new Set(packageRows(packages, '', null).map((r) => r.key)).size).toBe(3);
  });

  it('finds vulnerabilities by alias and says the severity in words with the score', () => {
    const findings = [finding('GHSA-1', ['CVE-2020-8203'], packages[1]!, 7.4), finding('DSA-1', [], packages[0]!)];
    expect(findingRows(findings, 'cve-2020', null).map((r) => r.data.id)).toEqual(['GHSA-1']);
    expect(findingRows(findings, '', 'deb').map((r) => r.data.id)).toEqual(['DSA-1']);
    expect(findings.map(severityText)).toEqual(['High 7.4', 'Unrated']);
    expect([counted(1, 'advisory', 'advisories'), counted(2, 'advisory', 'advisories')]).toEqual([
      '1 advisory',
      '2 advisories',
    ]);
  });
});
