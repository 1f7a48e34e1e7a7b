import { describe, expect, it } from 'vitest';
import { compareAlpineVersions } from '../../../../src-main/insight/audit/versions/apk-version';
import { compareDebianVersions } from '../../../../src-main/insight/audit/versions/dpkg-version';
import { comparePep440Versions } from '../../../../src-main/insight/audit/versions/pep440-version';
import { compareSemverVersions } from '../../../../src-main/insight/audit/versions/semver-version';

/** Each list is in ascending order; every pair is checked both ways. */
function expectAscending(compare: (a: string, b: string) => number, versions: string[]): void {
  for (let i = 0; i < versions.length; i++)
    for (let j = 0; j < versions.length; j++) {
      const sign = Math.sign(compare(versions[i]!, versions[j]!));
      expect(sign, `${versions[i]} vs ${versions[j]}`).toBe(Math.sign(i - j));
    }
}

describe('compareDebianVersions', () => {
  it("orders deb-version(7)'s tilde example: ~~ < ~~a < ~ < (nothing) < a", () => {
    expectAscending(compareDebianVersions, ['1.0~~', '1.0~~a', '1.0~', '1.0', '1.0a']);
  });

  it('compares the epoch first, then the upstream version numerically, then the revision', () => {
    expectAscending(compareDebianVersions, [
      '1.0~rc1-1',
      '1.0-1',
      '1.0-2',
      '1.0-10',
      '1.0+dfsg-1',
      '1.2.3-1',
      '2.4-1',
      '2.30-1',
      '1:0.1-1',
      '2:0.0.1',
    ]);
  });

  it('treats a missing revision like "0" and leading zeros as the same number', () => {
    expect(compareDebianVersions('1.0', '1.0-0')).toBe(0);
    expect(compareDebianVersions('1.01', '1.1')).toBe(0);
    expect(compareDebianVersions('0:1.0', '1.0')).toBe(0);
  });

  it('orders real package versions of openssl and glibc', () => {
    expectAscending(compareDebianVersions, ['3.0.11-1~deb12u1', '3.0.11-1~deb12u2', '3.0.11-1', '3.0.13-1~deb12u1']);
    expectAscending(compareDebianVersions, ['2.36-9', '2.36-9+deb12u3', '2.36-9+deb12u10', '2.37-1']);
  });
});

describe('compareAlpineVersions', () => {
  it('orders pre-release suffixes before the release and post-release ones after it', () => {
    expectAscending(compareAlpineVersions, ['1.2_alpha1', '1.2_beta', '1.2_rc1', '1.2_rc2', '1.2', '1.2-r1', '1.2_p1']);
  });

  it('compares revisions numerically and more version parts as newer', () => {
    expectAscending(compareAlpineVersions, ['3.1.4-r2', '3.1.4-r10', '3.1.5-r0', '3.1.10-r0', '3.2-r0', '10.0-r0']);
    expectAscending(compareAlpineVersions, ['1.2', '1.2a', '1.2.1']);
  });
});

describe('comparePep440Versions', () => {
  it("orders PEP 440's example: dev, pre-releases, release, post-releases", () => {
    expectAscending(comparePep440Versions, [
      '1.0.dev456',
      '1.0a1',
      '1.0a2.dev456',
      '1.0a12',
      '1.0b1',
      '1.0rc1',
      '1.0',
      '1.0.post456.dev34',
      '1.0.post456',
      '1.1.dev1',
      '1!0.5',
    ]);
  });

  it('pads releases with zeros and ignores the local part', () => {
    expect(comparePep440Versions('1.0', '1.0.0')).toBe(0);
    expect(comparePep440Versions('2.31.0+ubuntu1', '2.31.0')).toBe(0);
    expect(comparePep440Versions('2.9', '2.10')).toBeLessThan(0);
  });
});

describe('compareSemverVersions', () => {
  it("orders npm versions and Go's v-prefixed and pseudo-versions", () => {
    expectAscending(compareSemverVersions, ['1.0.0-rc.1', '1.0.0', '1.2.9', '1.10.0']);
    expectAscending(compareSemverVersions, ['v0.0.0-20210101000000-abcdef123456', 'v0.1.0', 'v1.2.3']);
    expect(compareSemverVersions('v1.2.3', '1.2.3')).toBe(0);
  });
});
