// One registry's trust changed in the list: set, keep, remove, and a certificate checked before it is kept.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCaCertificate, withTrustChange } from '../../../src-main/registries/trust-list';
import { makeTestCa } from '../../support/test-ca';

let dir: string;
let ca: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'berth-trust-ca-'));
  ca = makeTestCa(dir).certificate;
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('withTrustChange', () => {
  it('adds, keeps what a change leaves out, and drops an entry that no longer trusts anything', () => {
    const added = withTrustChange([{ server: 'a.example', insecure: true }], 'b.example:5000', { caCertificate: ca });
    expect(added).toEqual([
      { server: 'a.example', insecure: true },
      { server: 'b.example:5000', caCertificate: ca, insecure: false },
    ]);
    const insecureToo = withTrustChange(added, 'b.example:5000', { insecure: true });
    expect(insecureToo[1]).toEqual({ server: 'b.example:5000', caCertificate: ca, insecure: true });
    const noCa = withTrustChange(insecureToo, 'b.example:5000', { caCertificate: null });
    expect(noCa[1]).toEqual({ server: 'b.example:5000', insecure: true });
    expect(withTrustChange(noCa, 'b.example:5000', { insecure: false })).toEqual([
      { server: 'a.example', insecure: true },
    ]);
    expect(withTrustChange([], 'c.example', { insecure: false })).toEqual([]);
  });
});

describe('readCaCertificate', () => {
  it('keeps a certificate, trimmed to one final newline', () => {
    expect(readCaCertificate(`\n${ca}\n\n`)).toBe(`${ca.trim()}\n`);
  });

  it('refuses a private key and text that is no certificate, by field', () => {
    expect(() => readCaCertificate('-----BEGIN PRIVATE KEY-----\nabc\n-----END PRIVATE KEY-----\n')).toThrow(
      'caCertificate: is a private key, not a certificate: paste the CA certificate',
    );
    expect(() => readCaCertificate('-----BEGIN CERTIFICATE-----\nbm9wZQ==\n-----END CERTIFICATE-----\n')).toThrow(
      /^caCertificate: is not a PEM certificate that can be read \(/,
    );
  });
});
