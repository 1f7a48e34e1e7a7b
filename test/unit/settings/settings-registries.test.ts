// Settings version 4's registries section: each registry's trust (CA certificate, insecure), checked and replaced as a whole list.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applySettingsPatch } from '../../../src-main/settings/settings-patch';
import { defaultSettings, parseSettings } from '../../../src-main/settings/settings-schema';
import { makeTestCa } from '../../support/test-ca';

let dir: string;
let ca: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'berth-settings-ca-'));
  ca = makeTestCa(dir).certificate;
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The message parseSettings refuses `raw` with. */
function refusal(raw: unknown): string {
  try {
    parseSettings(raw);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('the settings were accepted');
}

describe('registries settings', () => {
  it('trusts nothing beyond the system CAs by default', () => {
    expect(defaultSettings().registries).toEqual({ trust: [] });
  });

  it('keeps a CA certificate and an insecure flag per server, insecure false when left out', () => {
    const trust = [
      { server: '127.0.0.1:5000', caCertificate: ca },
      { server: 'registry.example.com', insecure: true },
    ];
    expect(parseSettings({ registries: { trust } }).registries.trust).toEqual([
      { server: '127.0.0.1:5000', caCertificate: ca, insecure: false },
      { server: 'registry.example.com', insecure: true },
    ]);
    expect(
      parseSettings({ registries: { trust: [{ server: '[::1]:5000', insecure: true }] } }).registries.trust,
    ).toEqual([{ server: '[::1]:5000', insecure: true }]);
  });

  it('refuses a server that is not normalised, a PEM that is not a certificate, and a server listed twice', () => {
    expect(refusal({ registries: { trust: [{ server: 'https://Registry.example.com/v2/' }] } })).toBe(
      'registries.trust[0].server: must be a registry host such as registry.example.com:5000, not "https://Registry.example.com/v2/"',
    );
    expect(refusal({ registries: { trust: [{ server: 'a.example', caCertificate: 'hello' }] } })).toBe(
      'registries.trust[0].caCertificate: must be a PEM certificate (-----BEGIN CERTIFICATE-----)',
    );
    const broken = '-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydGlmaWNhdGU=\n-----END CERTIFICATE-----\n';
    expect(refusal({ registries: { trust: [{ server: 'a.example', caCertificate: broken }] } })).toMatch(
      /^registries\.trust\[0\]\.caCertificate: is not a certificate that can be read: /,
    );
    expect(refusal({ registries: { trust: [{ server: 'a.example' }, { server: 'a.example', insecure: true }] } })).toBe(
      'registries.trust[1].server: "a.example" is already listed at registries.trust[0]',
    );
    expect(refusal({ registries: { trust: [{ server: 'a.example', verify: false }] } })).toBe(
      'registries.trust[0].verify: unknown setting',
    );
  });

  it('a patch replaces the whole trust list and keeps every other section', () => {
    const before = applySettingsPatch(defaultSettings(), {
      general: { theme: 'dark' },
      registries: {
        trust: [
          { server: 'a.example', insecure: true },
          { server: 'b.example', insecure: true },
        ],
      },
    });
    const after = applySettingsPatch(before, {
      registries: { trust: [{ server: 'c.example', caCertificate: ca, insecure: false }] },
    });
    expect(after.registries.trust).toEqual([{ server: 'c.example', caCertificate: ca, insecure: false }]);
    expect(after.general.theme).toBe('dark');
    expect(applySettingsPatch(after, { registries: {} }).registries).toEqual(after.registries);
  });
});
