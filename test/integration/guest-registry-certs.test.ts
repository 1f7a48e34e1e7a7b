// The guest's writer of trusted registries' CA certificates (vm-assets/guest/usr/lib/berth/write-registry-certs), run with this computer's sh.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { formatGuestRegistryCerts } from '../../src-main/machine/guest-registry-trust';

const SCRIPT = resolve('vm-assets/guest/usr/lib/berth/write-registry-certs');
const PEM = '-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIU\nAbCd+/==\n-----END CERTIFICATE-----\n';
const OTHER_PEM = '-----BEGIN CERTIFICATE-----\nQUJD\n-----END CERTIFICATE-----\n';
const dir = mkdtempSync(join(tmpdir(), 'berth-registry-certs-'));
const certsD = join(dir, 'certs.d');
const certsFile = join(dir, 'registry_certs');
const listFile = join(dir, 'registry-certs.list');
afterAll(() => rmSync(dir, { recursive: true, force: true }));
beforeEach(() => {
  rmSync(certsD, { recursive: true, force: true });
  rmSync(listFile, { force: true });
  mkdirSync(certsD);
});

/** Runs the script over `text` (the fw_cfg entry; none when undefined); its console lines and exit code. */
function write(text: string | undefined): Promise<{ code: number; lines: string[] }> {
  if (text === undefined) rmSync(certsFile, { force: true });
  else writeFileSync(certsFile, text);
  return new Promise((done) => {
    execFile('sh', [SCRIPT, certsFile, certsD, listFile], (error, out) => {
      done({
        code: error ? ((error as { code?: number }).code ?? 1) : 0,
        lines: out.trim().split('\n').filter(Boolean),
      });
    });
  });
}

describe('write-registry-certs', () => {
  it("writes each registry's PEM as certs.d/<server>/ca.crt, a port kept in the folder name", async () => {
    const { text } = formatGuestRegistryCerts([
      { server: '10.0.2.2:5000', caCertificate: PEM, insecure: false },
      { server: 'registry.example.com', caCertificate: OTHER_PEM, insecure: true },
      { server: '[::1]:443', caCertificate: PEM, insecure: false },
    ]);
    expect(await write(text)).toEqual({
      code: 0,
      lines: [
        'CA certificate for registry 10.0.2.2:5000',
        'CA certificate for registry registry.example.com',
        'CA certificate for registry [::1]:443',
      ],
    });
    expect(readFileSync(join(certsD, '10.0.2.2:5000', 'ca.crt'), 'utf8')).toBe(PEM);
    expect(readFileSync(join(certsD, 'registry.example.com', 'ca.crt'), 'utf8')).toBe(OTHER_PEM);
    expect(readFileSync(join(certsD, '[::1]:443', 'ca.crt'), 'utf8')).toBe(PEM);
    expect(readFileSync(listFile, 'utf8')).toBe('10.0.2.2:5000\nregistry.example.com\n[::1]:443\n');
  });

  it('refuses a server name with "/", "..", a leading dot or other characters, and writes nothing for it', async () => {
    const text = ['../../etc', 'a/b', 'a..b', '.hidden', 'a b', '$(touch x)', 'ok.example']
      .map((server) => `server ${server}\n${PEM}`)
      .join('');
    const result = await write(text);
    expect(result.lines).toEqual([
      "ERROR: no CA certificate written for registry '../../etc': not a server name",
      "ERROR: no CA certificate written for registry 'a/b': not a server name",
      "ERROR: no CA certificate written for registry 'a..b': not a server name",
      "ERROR: no CA certificate written for registry '.hidden': not a server name",
      "ERROR: no CA certificate written for registry 'a b': not a server name",
      "ERROR: no CA certificate written for registry '$(touch x)': not a server name",
      'CA certificate for registry ok.example',
    ]);
    expect(readdirSync(certsD)).toEqual(['ok.example']);
    expect(readFileSync(join(certsD, 'ok.example', 'ca.crt'), 'utf8')).toBe(PEM);
    expect(existsSync(join(dir, 'etc'))).toBe(false);
  });

  it('removes the folders it wrote before and not named now, and leaves other folders alone', async () => {
    await write(`server old.example\n${PEM}server kept.example\n${PEM}`);
    mkdirSync(join(certsD, 'users-own.example'));
    writeFileSync(join(certsD, 'users-own.example', 'ca.crt'), OTHER_PEM);
    expect(await write(`server kept.example\n${OTHER_PEM}`)).toEqual({
      code: 0,
      lines: ['CA certificate for registry kept.example'],
    });
    expect(readdirSync(certsD).sort()).toEqual(['kept.example', 'users-own.example']);
    expect(readFileSync(join(certsD, 'kept.example', 'ca.crt'), 'utf8')).toBe(OTHER_PEM);

    expect(await write(undefined)).toEqual({ code: 0, lines: [] });
    expect(readdirSync(certsD)).toEqual(['users-own.example']);
    expect(readFileSync(listFile, 'utf8')).toBe('');
  });

  it('ignores lines before the first server line', async () => {
    expect((await write(`${PEM}server a.example\n${PEM}`)).lines).toEqual(['CA certificate for registry a.example']);
    expect(readdirSync(certsD)).toEqual(['a.example']);
  });
});
