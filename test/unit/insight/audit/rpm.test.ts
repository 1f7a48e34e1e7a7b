// rpm packages in the image audit: the header parser on a header blob from a real rpmdb.sqlite (rpm 4.18 installed
// berth-demo 2:1.2.3-4.fc39, noarch), rpmvercmp on rpm's documented examples, the catalogue of an SQLite rpmdb, a
// Berkeley DB Packages file made by db5.3_load.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import initSqlJs from 'sql.js';
import { describe, expect, it } from 'vitest';
import { ImageCatalogueBuilder } from '../../../../src-main/insight/audit/image-catalogue';
import { parseRpmBdb } from '../../../../src-main/insight/audit/parsers/rpm-bdb';
import { parseRpmHeader } from '../../../../src-main/insight/audit/parsers/rpm-header';
import { compareRpmVersions, rpmvercmp } from '../../../../src-main/insight/audit/versions/rpm-version';
import type { LayerEntry } from '../../../../src-main/insight/layer-entry';

const HEADER = readFileSync(join(import.meta.dirname, 'fixtures', 'rpm-header-berth-demo.bin'));

/** An rpmdb.sqlite's bytes whose Packages table holds `blobs`, made with sql.js as rpm's schema has it. */
async function rpmdb(blobs: Uint8Array[]): Promise<Uint8Array> {
  const wasm = createRequire(import.meta.url).resolve('sql.js/dist/sql-wasm.wasm');
  const SQL = await initSqlJs({ locateFile: () => wasm });
  const db = new SQL.Database();
  db.run('CREATE TABLE Packages (hnum INTEGER PRIMARY KEY AUTOINCREMENT, blob BLOB NOT NULL)');
  for (const blob of blobs) db.run('INSERT INTO Packages (blob) VALUES (?)', [blob]);
  const bytes = db.export();
  db.close();
  return bytes;
}

function file(layer: number, path: string, content: Uint8Array | string): LayerEntry {
  const bytes = Buffer.from(content);
  return { layer, path, type: 'file', size: bytes.length, mode: 0o644, content: Readable.from([bytes]) };
}

describe('parseRpmHeader', () => {
  it('reads name, epoch:version-release, arch and license from a real header blob', () => {
    expect(parseRpmHeader(HEADER)).toEqual({
      name: 'berth-demo',
      version: '2:1.2.3-4.fc39',
      ecosystem: 'rpm',
      qualifiers: { arch: 'noarch' },
      license: 'MIT',
    });
  });

  it('gives nothing for a truncated blob or a gpg-pubkey entry', () => {
    expect(parseRpmHeader(HEADER.subarray(0, 100))).toBeUndefined();
    expect(parseRpmHeader(new Uint8Array(4))).toBeUndefined();
    const pubkey = Buffer.from(HEADER);
    pubkey.write('gpg-pubkey', HEADER.indexOf('berth-demo\0'), 'latin1');
    expect(parseRpmHeader(pubkey)).toBeUndefined();
  });
});

describe('rpmvercmp', () => {
  // rpm's tests/rpmvercmp.at and the Fedora packaging guidelines' "~" and "^" examples.
  it.each([
    ['1.0', '1.0', 0],
    ['1.0', '2.0', -1],
    ['2.0.1', '2.0', 1],
    ['2.0.1a', '2.0.1', 1],
    ['5.5p1', '5.5p2', -1],
    ['5.5p10', '5.5p2', 1],
    ['10xyz', '10.1xyz', -1],
    ['xyz10', 'xyz10.1', -1],
    ['xyz.4', '8', -1],
    ['2_0', '2.0', 0],
    ['a+', 'a_', 0],
    ['1.0010', '1.9', 1],
    ['1.05', '1.5', 0],
    ['1b.fc17', '1.fc17', -1],
    ['1g.fc17', '1.fc17', 1],
    ['1.0~rc1', '1.0', -1],
    ['1.0~rc1', '1.0~rc2', -1],
    ['1.0~rc1~git123', '1.0~rc1', -1],
    ['1.0^', '1.0', 1],
    ['1.0^git1', '1.0', 1],
    ['1.0^git1', '1.01', -1],
    ['1.0^20160101', '1.0.1', -1],
    ['1.0^20160101^git1', '1.0^20160101', 1],
    ['1.0~rc1^git1', '1.0~rc1', 1],
    ['1.0^git1~pre', '1.0^git1', -1],
  ])('%s vs %s is %i', (a, b, expected) => {
    expect(Math.sign(rpmvercmp(a, b))).toBe(expected);
    expect(Math.sign(rpmvercmp(b, a))).toBe(-expected || 0);
  });

  it('compares epoch, then version, then release', () => {
    expect(compareRpmVersions('1:1.0-1.el9', '2.0-1.el9')).toBe(1);
    expect(compareRpmVersions('3.0.7-24.el9', '3.0.7-27.el9')).toBe(-1);
    expect(compareRpmVersions('0:3.0.7-27.el9', '3.0.7-27.el9')).toBe(0);
    expect(compareRpmVersions('3.0.7', '3.0.7-27.el9')).toBe(0);
  });
});

describe('catalogue of an SQLite rpmdb', () => {
  it("lists its packages in the distro's OSV ecosystem, with the distro and epoch in the purl", async () => {
    const builder = new ImageCatalogueBuilder();
    await builder.add(file(1, 'var/lib/rpm/rpmdb.sqlite', await rpmdb([HEADER])));
    await builder.add(file(0, 'etc/os-release', 'ID="almalinux"\nVERSION_ID="9.3"\n'));
    const { packages, notes } = builder.result('sha256:test');
    expect(notes).toEqual([]);
    expect(packages).toEqual([
      {
        name: 'berth-demo',
        version: '2:1.2.3-4.fc39',
        ecosystem: 'AlmaLinux',
        purl: 'pkg:rpm/almalinux/berth-demo@1.2.3-4.fc39?arch=noarch&epoch=2',
        layer: 1,
        path: 'var/lib/rpm/rpmdb.sqlite',
        license: 'MIT',
      },
    ]);
  });

  it('notes a file that is not an SQLite database, and the ndb format it does not read', async () => {
    const builder = new ImageCatalogueBuilder();
    await builder.add(file(0, 'usr/lib/sysimage/rpm/rpmdb.sqlite', 'not sqlite'));
    await builder.add(file(0, 'usr/lib/sysimage/rpm/Packages.db', 'ndb'));
    const { packages, notes } = builder.result('sha256:test');
    expect(packages).toEqual([]);
    expect(notes).toEqual([
      expect.stringMatching(/^The rpm database \(usr\/lib\/sysimage\/rpm\/rpmdb\.sqlite\) could not be read: /),
      'The rpm database in the ndb format (usr/lib/sysimage/rpm/Packages.db) is not read yet',
    ]);
  });
});

describe("rpm's Berkeley DB Packages file", () => {
  // Made by Debian's db5.3_load (type=hash, 4 KiB pages): three records holding the header above (each on a chain of
  // overflow pages) and one 2-byte record that is no header.
  const BDB = readFileSync(join(import.meta.dirname, 'fixtures', 'rpm-packages-bdb.bin'));

  it('reads every header blob, inline or on overflow pages, and skips values that are no header', () => {
    const found = parseRpmBdb(BDB);
    expect(found).toHaveLength(3);
    expect(new Set(found.map((p) => `${p.name}@${p.version}`))).toEqual(new Set(['berth-demo@2:1.2.3-4.fc39']));
  });

  it('refuses what is no Berkeley DB hash file, and stops at a broken overflow chain', () => {
    expect(() => parseRpmBdb(new Uint8Array(4096))).toThrow(/not a Berkeley DB hash file/);
    expect(() => parseRpmBdb(new Uint8Array(100))).toThrow(/too short/);
    const broken = Uint8Array.from(BDB);
    broken[3 * 4096 + 25] = 0; // the first overflow page no longer is one
    expect(parseRpmBdb(broken)).toHaveLength(2);
  });
});
