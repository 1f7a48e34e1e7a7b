import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { ImageCatalogueBuilder } from '../../../../src-main/insight/audit/image-catalogue';
import type { LayerEntry } from '../../../../src-main/insight/layer-entry';

function file(layer: number, path: string, text: string, mode = 0o644): LayerEntry {
  const bytes = Buffer.from(text);
  return { layer, path, type: 'file', size: bytes.length, mode, content: Readable.from([bytes]) };
}

const status = (...packages: [string, string][]) =>
  packages.map(([name, version]) => `Package: ${name}\nStatus: install ok installed\nVersion: ${version}\n`).join('\n');

const lock = (packages: Record<string, string>) =>
  JSON.stringify({
    lockfileVersion: 3,
    packages: Object.fromEntries(Object.entries(packages).map(([n, v]) => [`node_modules/${n}`, { version: v }])),
  });

async function catalogue(entries: LayerEntry[]) {
  const builder = new ImageCatalogueBuilder();
  for (const entry of entries) await builder.add(entry);
  return builder.result('sha256:test');
}

const summary = (packages: { name: string; version: string; layer: number }[]) =>
  packages.map((p) => `${p.name}@${p.version}:${p.layer}`).sort();

describe('ImageCatalogueBuilder', () => {
  it('places each package in the lowest layer that has it in that version', async () => {
    const result = await catalogue([
      file(0, 'var/lib/dpkg/status', status(['base-files', '12.4'], ['openssl', '3.0.11-1'])),
      file(1, 'usr/bin/tool', 'not a package database'),
      file(2, 'var/lib/dpkg/status', status(['base-files', '12.4'], ['openssl', '3.0.13-1'], ['curl', '7.88.1-10'])),
    ]);
    expect(summary(result.packages)).toEqual(['base-files@12.4:0', 'curl@7.88.1-10:2', 'openssl@3.0.13-1:2']);
    expect(result.packages.find((p) => p.name === 'curl')).toMatchObject({
      ecosystem: 'Debian',
      purl: 'pkg:deb/debian/curl@7.88.1-10',
      path: 'var/lib/dpkg/status',
    });
  });

  it('drops what a whited-out file or folder recorded, and an opaque folder hides only lower layers', async () => {
    const result = await catalogue([
      file(0, 'app/package-lock.json', lock({ lodash: '4.17.20' })),
      file(0, 'srv/node_modules/left-pad/package.json', '{"name":"left-pad","version":"1.3.0"}'),
      file(0, 'opt/one/package-lock.json', lock({ a: '1.0.0' })),
      file(1, 'app/.wh.package-lock.json', ''),
      file(1, 'srv/.wh.node_modules', ''),
      file(2, 'opt/one/.wh..wh..opq', ''),
      file(2, 'opt/one/package-lock.json', lock({ b: '2.0.0' })),
    ]);
    expect(summary(result.packages)).toEqual(['b@2.0.0:2']);
  });

  it("names dpkg packages Ubuntu's on Ubuntu and reads status.d, apk, Python and yarn sources", async () => {
    const result = await catalogue([
      file(0, 'etc/os-release', 'NAME="Ubuntu"\nID=ubuntu\nVERSION_ID="22.04"\n'),
      file(0, 'var/lib/dpkg/status.d/tzdata', 'Package: tzdata\nVersion: 2024a-0ubuntu1\n'),
      file(0, 'var/lib/dpkg/status.d/tzdata.md5sums', 'abc  usr/share/zoneinfo/UTC\n'),
      file(1, 'lib/apk/db/installed', 'P:musl\nV:1.2.4-r2\n'),
      file(1, 'usr/lib/python3/dist-packages/requests-2.31.0.dist-info/METADATA', 'Name: requests\nVersion: 2.31.0\n'),
      file(1, 'web/yarn.lock', 'lodash@^4.17.15:\n  version "4.17.21"\n'),
      file(1, 'var/lib/rpm/Packages', 'not a Berkeley DB hash file'),
      file(1, 'usr/lib/sysimage/rpm/Packages.db', 'an ndb file'),
    ]);
    expect(result.distro).toEqual({ id: 'ubuntu', versionId: '22.04' });
    expect(result.packages.map((p) => `${p.ecosystem}:${p.name}`).sort()).toEqual([
      'Alpine:musl',
      'PyPI:requests',
      'Ubuntu:tzdata',
      'npm:lodash',
    ]);
    expect(result.packages.find((p) => p.name === 'requests')?.purl).toBe('pkg:pypi/requests@2.31.0');
    expect(result.notes.join(' ')).toMatch(
      /rpm database \(var\/lib\/rpm\/Packages\) could not be read: it is too short/,
    );
    expect(result.notes.join(' ')).toMatch(/rpm database in the ndb format .* not read yet/);
  });

  it('reads no file it does not need: their content streams are left untouched', async () => {
    const untouched = Readable.from([Buffer.from('x')]);
    const builder = new ImageCatalogueBuilder();
    await builder.add({ layer: 0, path: 'etc/passwd', type: 'file', size: 1, mode: 0o644, content: untouched });
    expect(untouched.readableDidRead).toBe(false);
  });
});
