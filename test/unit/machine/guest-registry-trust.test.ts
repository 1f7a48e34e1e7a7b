import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  daemonJsonWithInsecureRegistries,
  formatGuestRegistryCerts,
  guestServerNameProblem,
  insecureRegistryServers,
  registryTrustFor,
} from '../../../src-main/machine/guest-registry-trust';
import { writeGuestDaemonJson, writeGuestRegistryCerts } from '../../../src-main/machine/qemu-boot-files';

const PEM = '-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIU\nAbCd+/==\n-----END CERTIFICATE-----\n';
const OTHER_PEM = '-----BEGIN CERTIFICATE-----\r\n  QUJD\r\n-----END CERTIFICATE-----\r\n';

describe('registryTrustFor', () => {
  it("reads settings version 4's registries.trust", () => {
    expect(
      registryTrustFor({
        registries: {
          trust: [
            { server: '10.0.2.2:5000', caCertificate: PEM, insecure: false },
            { server: 'plain.example', caCertificate: undefined, insecure: true },
          ],
        },
      }),
    ).toEqual([
      { server: '10.0.2.2:5000', caCertificate: PEM, insecure: false },
      { server: 'plain.example', insecure: true },
    ]);
  });

  it('gives none for settings without the section (version 3) or with an empty one', () => {
    expect(registryTrustFor({})).toEqual([]);
    expect(registryTrustFor({ registries: {} })).toEqual([]);
    expect(registryTrustFor({ registries: { trust: [] } })).toEqual([]);
  });
});

describe('guestServerNameProblem', () => {
  it.each(['docker.io', 'registry.example.com', '10.0.2.2:5000', 'my-registry:443', '[::1]:5000'])(
    'accepts %j',
    (server) => expect(guestServerNameProblem(server)).toBeUndefined(),
  );

  it.each([
    ['a/b', 'it contains "/"'],
    ['../etc', 'it contains "/"'],
    ['..', 'it contains ".."'],
    ['a..b', 'it contains ".."'],
    ['', 'it is not a host name or address with an optional port'],
    ['.hidden', 'it is not a host name or address with an optional port'],
    ['a b', 'it is not a host name or address with an optional port'],
    ['a\nserver b', 'it is not a host name or address with an optional port'],
    ['$(reboot)', 'it is not a host name or address with an optional port'],
  ])('refuses %j: %s', (server, problem) => expect(guestServerNameProblem(server)).toBe(problem));
});

describe('formatGuestRegistryCerts', () => {
  it('writes a "server" line and the PEM lines for each entry with a certificate, in order', () => {
    expect(
      formatGuestRegistryCerts([
        { server: '10.0.2.2:5000', caCertificate: PEM, insecure: false },
        { server: 'plain.example', insecure: true },
        { server: 'registry.example.com', caCertificate: OTHER_PEM, insecure: true },
      ]),
    ).toEqual({
      text:
        'server 10.0.2.2:5000\n-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIU\nAbCd+/==\n-----END CERTIFICATE-----\n' +
        'server registry.example.com\n-----BEGIN CERTIFICATE-----\nQUJD\n-----END CERTIFICATE-----\n',
      servers: ['10.0.2.2:5000', 'registry.example.com'],
      warnings: [],
    });
  });

  it('gives no text when no entry has a certificate', () => {
    expect(formatGuestRegistryCerts([{ server: 'plain.example', insecure: true }])).toEqual({
      text: undefined,
      servers: [],
      warnings: [],
    });
    expect(formatGuestRegistryCerts([]).text).toBeUndefined();
  });

  it('leaves out, with a warning each, a server that cannot be a folder and a certificate that is not PEM', () => {
    const result = formatGuestRegistryCerts([
      { server: '../../root', caCertificate: PEM, insecure: false },
      { server: 'a..b', caCertificate: PEM, insecure: false },
      { server: 'sneaky.example', caCertificate: `${PEM}server evil.example\n${PEM}`, insecure: false },
      { server: 'nocert.example', caCertificate: 'hello', insecure: false },
      { server: 'ok.example', caCertificate: PEM, insecure: false },
    ]);
    expect(result.servers).toEqual(['ok.example']);
    expect(result.text).toBe(`server ok.example\n${PEM}`);
    expect(result.warnings).toEqual([
      'The VM does not get the CA certificate for registry "../../root": it contains "/"',
      'The VM does not get the CA certificate for registry "a..b": it contains ".."',
      'The VM does not get the CA certificate for registry "sneaky.example": it has a line that is not PEM: "server evil.example"',
      'The VM does not get the CA certificate for registry "nocert.example": it has no BEGIN CERTIFICATE line',
    ]);
  });

  it('takes the first entry of a server listed twice', () => {
    const result = formatGuestRegistryCerts([
      { server: 'r.example', caCertificate: PEM, insecure: false },
      { server: 'r.example', caCertificate: OTHER_PEM, insecure: false },
    ]);
    expect(result.text).toBe(`server r.example\n${PEM}`);
  });
});

describe('insecureRegistryServers', () => {
  it('lists the servers marked insecure, each once', () => {
    expect(
      insecureRegistryServers([
        { server: 'a.example', insecure: true },
        { server: 'b.example', caCertificate: PEM, insecure: false },
        { server: '10.0.2.2:5000', insecure: true },
        { server: 'a.example', insecure: true },
      ]),
    ).toEqual(['a.example', '10.0.2.2:5000']);
  });
});

describe('daemonJsonWithInsecureRegistries', () => {
  it("keeps the user's entries first and adds ours after, none twice (host names without case)", () => {
    const source = '{"insecure-registries": ["Mine.Example:5000", "10.0.2.2:5000"], "debug": true}';
    const result = daemonJsonWithInsecureRegistries(source, ['10.0.2.2:5000', 'mine.example:5000', 'new.example']);
    expect(result.warning).toBeUndefined();
    expect(JSON.parse(result.text)).toEqual({
      'insecure-registries': ['Mine.Example:5000', '10.0.2.2:5000', 'new.example'],
      debug: true,
    });
  });

  it('adds the key when the user has none', () => {
    expect(JSON.parse(daemonJsonWithInsecureRegistries('{"labels": ["x=1"]}', ['a.example']).text)).toEqual({
      labels: ['x=1'],
      'insecure-registries': ['a.example'],
    });
    expect(JSON.parse(daemonJsonWithInsecureRegistries('{}', ['a.example']).text)).toEqual({
      'insecure-registries': ['a.example'],
    });
  });

  it('gives the text as written when there is nothing to add', () => {
    const source = '{ "insecure-registries" : [ "a.example" ] }';
    expect(daemonJsonWithInsecureRegistries(source, ['a.example'])).toEqual({ text: source });
    expect(daemonJsonWithInsecureRegistries(source, [])).toEqual({ text: source });
  });

  it('replaces a value that is not a list of strings by ours, with a warning', () => {
    const result = daemonJsonWithInsecureRegistries('{"insecure-registries": "a.example"}', ['b.example']);
    expect(JSON.parse(result.text)).toEqual({ 'insecure-registries': ['b.example'] });
    expect(result.warning).toBe(
      "engine.daemonJson's insecure-registries is not a list of strings; the VM's engine gets only b.example",
    );
  });
});

describe('the boot files for registry trust', () => {
  const runDir = mkdtempSync(join(tmpdir(), 'berth-trust-'));
  afterAll(() => rmSync(runDir, { recursive: true, force: true }));

  it('writes run/registry_certs (mode 0600) when an entry has a certificate, and removes it when none has', async () => {
    const warnings: string[] = [];
    const path = await writeGuestRegistryCerts(
      runDir,
      [
        { server: '10.0.2.2:5000', caCertificate: PEM, insecure: false },
        { server: 'x/y', caCertificate: PEM, insecure: false },
      ],
      (message) => warnings.push(message),
    );
    expect(path).toBe(join(runDir, 'registry_certs'));
    expect(readFileSync(path!, 'utf8')).toBe(`server 10.0.2.2:5000\n${PEM}`);
    expect(statSync(path!).mode & 0o777).toBe(0o600);
    expect(warnings).toEqual(['The VM does not get the CA certificate for registry "x/y": it contains "/"']);

    expect(await writeGuestRegistryCerts(runDir, [{ server: 'a.example', insecure: true }])).toBeUndefined();
    expect(existsSync(join(runDir, 'registry_certs'))).toBe(false);
  });

  it("adds insecure registries to the user's daemon.json, and to Berth's own when the user's is refused", async () => {
    const path = await writeGuestDaemonJson(runDir, '{"insecure-registries": ["a.example"]}', undefined, [
      'a.example',
      '10.0.2.2:5000',
    ]);
    expect(JSON.parse(readFileSync(path!, 'utf8'))).toEqual({ 'insecure-registries': ['a.example', '10.0.2.2:5000'] });

    const warnings: string[] = [];
    const refused = await writeGuestDaemonJson(runDir, '[1]', (message) => warnings.push(message), ['b.example']);
    expect(JSON.parse(readFileSync(refused!, 'utf8'))).toEqual({ 'insecure-registries': ['b.example'] });
    expect(warnings).toEqual(["The engine gets Berth's own daemon.json only: engine.daemonJson must be a JSON object"]);

    writeFileSync(join(runDir, 'daemon.json'), 'stale');
    expect(await writeGuestDaemonJson(runDir, '{}', undefined, [])).toBeUndefined();
    expect(existsSync(join(runDir, 'daemon.json'))).toBe(false);
  });
});
