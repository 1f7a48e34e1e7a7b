import { describe, expect, it } from 'vitest';
import type { CataloguedPackage, ImageCatalogue } from '../../../../src-main/contract/dto/audit';
import { cvss3BaseScore } from '../../../../src-main/insight/audit/osv/cvss3';
import { OsvIndexBuilder } from '../../../../src-main/insight/audit/osv/osv-index';
import { matchCatalogue, rangeAffects } from '../../../../src-main/insight/audit/osv/osv-matcher';
import { compareDebianVersions } from '../../../../src-main/insight/audit/versions/dpkg-version';
import { compareSemverVersions } from '../../../../src-main/insight/audit/versions/semver-version';

const pkg = (over: Partial<CataloguedPackage>): CataloguedPackage => ({
  name: 'x',
  version: '1.0.0',
  ecosystem: 'npm',
  purl: `pkg:npm/${over.name ?? 'x'}@${over.version ?? '1.0.0'}`,
  layer: 0,
  path: 'app/package-lock.json',
  ...over,
});

function indexOf(records: unknown[]) {
  const builder = new OsvIndexBuilder();
  for (const record of records) builder.add(record);
  return builder;
}

function scan(catalogue: ImageCatalogue, records: unknown[]) {
  const { ecosystems } = indexOf(records);
  return matchCatalogue(catalogue, (ecosystem, name) => ecosystems.get(ecosystem as never)?.[name] ?? []);
}

describe('rangeAffects', () => {
  const events = [{ introduced: '0' }, { fixed: '1.2.0' }, { introduced: '2.0.0' }, { last_affected: '2.1.0' }];

  it('follows introduced / fixed / last_affected in version order', () => {
    const at = (version: string) => rangeAffects(version, events, compareSemverVersions);
    expect(at('1.1.9')).toEqual({ affected: true, fixed: '1.2.0' });
    expect(at('1.2.0').affected).toBe(false);
    expect(at('1.9.0').affected).toBe(false);
    expect(at('2.1.0')).toEqual({ affected: true });
    expect(at('2.1.1').affected).toBe(false);
  });

  it('sorts events given out of order, with dpkg order for Debian', () => {
    const debian = [{ fixed: '3.0.11-1~deb12u2' }, { introduced: '0' }];
    expect(rangeAffects('3.0.11-1~deb12u1', debian, compareDebianVersions)).toEqual({
      affected: true,
      fixed: '3.0.11-1~deb12u2',
    });
    expect(rangeAffects('3.0.11-1', debian, compareDebianVersions).affected).toBe(false);
  });
});

describe('matchCatalogue', () => {
  const ghsa = {
    id: 'GHSA-p6mc-m468-83gw',
    aliases: ['CVE-2020-8203'],
    summary: 'Prototype pollution in lodash',
    severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:N/I:H/A:H' }],
    affected: [
      {
        package: { ecosystem: 'npm', name: 'lodash' },
        ranges: [{ type: 'SEMVER', events: [{ introduced: '3.7.0' }, { fixed: '4.17.19' }] }],
      },
    ],
  };
  const dsa = {
    id: 'DSA-5417-1',
    aliases: ['CVE-2023-2650'],
    details: 'Several vulnerabilities were discovered in OpenSSL.\nMore text.',
    affected: [
      {
        package: { ecosystem: 'Debian:12', name: 'openssl' },
        ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '3.0.9-1' }] }],
        ecosystem_specific: { urgency: 'medium' },
      },
      {
        package: { ecosystem: 'Debian:11', name: 'openssl' },
        ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '1.1.1n-0+deb11u5' }] }],
      },
    ],
  };
  const listed = {
    id: 'PYSEC-2023-74',
    affected: [{ package: { ecosystem: 'PyPI', name: 'Requests' }, versions: ['2.30.0', '2.31.0'] }],
    database_specific: { severity: 'MODERATE' },
  };

  it('finds range and version-list matches with ids, aliases, severity, the fixed version and the layer', () => {
    const catalogue: ImageCatalogue = {
      image: 'sha256:x',
      packages: [
        pkg({ name: 'lodash', version: '4.17.15', layer: 2 }),
        pkg({ name: 'lodash', version: '4.17.21', path: 'other/package-lock.json' }),
        pkg({
          name: 'libssl3',
          version: '3.0.8-1',
          ecosystem: 'Debian',
          purl: 'pkg:deb/debian/libssl3@3.0.8-1',
          source: { name: 'openssl', version: '3.0.8-1' },
          path: 'var/lib/dpkg/status',
        }),
        pkg({ name: 'requests', version: '2.31.0', ecosystem: 'PyPI', purl: 'pkg:pypi/requests@2.31.0', layer: 1 }),
      ],
      layers: [],
      notes: [],
    };
    const findings = scan(catalogue, [ghsa, dsa, listed, { id: 'withdrawn', withdrawn: '2020', affected: [] }, 'junk']);
    expect(
      findings.map(
        (f) => `${f.id} ${f.package.name}@${f.package.version} → ${f.fixed ?? '-'} layer ${f.package.layer}`,
      ),
    ).toEqual([
      'GHSA-p6mc-m468-83gw lodash@4.17.15 → 4.17.19 layer 2',
      'DSA-5417-1 libssl3@3.0.8-1 → 3.0.9-1 layer 0',
      'PYSEC-2023-74 requests@2.31.0 → - layer 1',
    ]);
    expect(findings[0]).toMatchObject({ aliases: ['CVE-2020-8203'], severity: 'high', score: 7.4 });
    expect(findings[1]).toMatchObject({
      severity: 'medium',
      summary: 'Several vulnerabilities were discovered in OpenSSL.',
    });
    expect(findings[2]?.severity).toBe('medium');
  });

  it("takes only the image's own release of a distribution's advisories", () => {
    const catalogue: ImageCatalogue = {
      image: 'sha256:x',
      distro: { id: 'debian', versionId: '11' },
      packages: [pkg({ name: 'openssl', version: '1.1.1n-0+deb11u4', ecosystem: 'Debian' })],
      layers: [],
      notes: [],
    };
    expect(scan(catalogue, [dsa]).map((f) => f.fixed)).toEqual(['1.1.1n-0+deb11u5']);
  });
});

describe('cvss3BaseScore', () => {
  it("computes the specification's examples", () => {
    expect(cvss3BaseScore('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H')).toBe(9.8);
    expect(cvss3BaseScore('CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N')).toBe(6.1);
    expect(cvss3BaseScore('CVSS:3.0/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:N/A:N')).toBe(5.5);
    expect(cvss3BaseScore('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N')).toBe(0);
    expect(cvss3BaseScore('CVSS:2.0/AV:N')).toBeUndefined();
  });
});
