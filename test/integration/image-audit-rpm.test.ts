// rpm packages in the image audit against the real engine: a noarch package built with Debian's rpmbuild and recorded
// by rpm in an SQLite rpmdb, in an image FROM the busybox test image with an AlmaLinux os-release → the catalogue lists
// it with epoch, version-release and arch in the layer that added the database; a fixture OSV advisory matches it. The
// same headers in a Berkeley DB hash file made by Debian's db_load (RHEL 8's Packages format) are listed the same way.
import { execFile } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import initSqlJs from 'sql.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SettingsStore } from '../../src-main/settings/settings-store';
import { startTestApi, type TestApi } from '../support/api';
import { cleanupTestObjects, testEngine, testLabels, uniqueName } from '../support/engine';
import { buildLayeredImage } from '../support/layered-image';
import { ensureDebianPackages } from '../support/packages';
import { makeOwnedTempDir } from '../support/temp-dirs';

const run = promisify(execFile);

const SPEC = `Name: berth-demo
Version: 1.2.3
Release: 4.el9
Epoch: 2
Summary: A tiny package for Berth's audit test
License: MIT
BuildArch: noarch
%description
A tiny package for Berth's audit test.
%install
mkdir -p %{buildroot}/usr/share/berth-demo
echo hello > %{buildroot}/usr/share/berth-demo/hello
%files
/usr/share/berth-demo/hello
`;

const OS_RELEASE = 'NAME="AlmaLinux"\nID="almalinux"\nID_LIKE="rhel centos fedora"\nVERSION_ID="9.3"\n';

const advisory = (id: string, ecosystem: string, fixed: string) => ({
  id,
  summary: `berth-demo fixed in ${fixed}`,
  affected: [
    {
      package: { ecosystem, name: 'berth-demo' },
      ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed }] }],
    },
  ],
});

/** Builds berth-demo-2:1.2.3-4.el9.noarch.rpm and records it in an SQLite rpmdb; returns the db file. */
async function makeRpmdb(work: string): Promise<string> {
  const { rpm, rpmbuild } = await ensureDebianPackages({ rpm: 'rpm', rpmbuild: 'rpm' });
  const top = join(work, 'rpmbuild');
  mkdirSync(join(top, 'SPECS'), { recursive: true });
  writeFileSync(join(top, 'SPECS', 'berth-demo.spec'), SPEC);
  await run(rpmbuild as string, ['--define', `_topdir ${top}`, '-bb', join(top, 'SPECS', 'berth-demo.spec')]);
  const built = join(top, 'RPMS', 'noarch', readdirSync(join(top, 'RPMS', 'noarch'))[0] as string);
  const db = join(work, 'rpmdb');
  const sqlite = ['--dbpath', db, '--define', '_db_backend sqlite'];
  await run(rpm as string, [...sqlite, '--initdb']);
  await run(rpm as string, [...sqlite, '-i', '--justdb', '--nodeps', '--ignoreos', '--ignorearch', built]);
  return join(db, 'rpmdb.sqlite');
}

/** rpm's BDB Packages file from the headers of an rpmdb.sqlite: keys the header numbers, values the header blobs. */
async function makeBdbPackages(work: string, sqlitePath: string): Promise<string> {
  const { 'db5.3_load': dbLoad } = await ensureDebianPackages({ 'db5.3_load': 'db5.3-util' });
  const SQL = await initSqlJs();
  const db = new SQL.Database(readFileSync(sqlitePath));
  const rows = db.exec('SELECT hnum, blob FROM Packages')[0]?.values ?? [];
  db.close();
  const lines = ['VERSION=3', 'format=bytevalue', 'type=hash', 'HEADER=END'];
  for (const [hnum, blob] of rows) {
    const key = Buffer.alloc(4);
    key.writeUInt32LE(Number(hnum));
    lines.push(` ${key.toString('hex')}`, ` ${Buffer.from(blob as Uint8Array).toString('hex')}`);
  }
  lines.push('DATA=END', '');
  writeFileSync(join(work, 'packages.dump'), lines.join('\n'));
  const packages = join(work, 'Packages');
  await run(dbLoad as string, ['-f', join(work, 'packages.dump'), packages]);
  return packages;
}

describe('image audit of rpm packages', () => {
  const { docker, dockerHost, image } = testEngine();
  const tag = `${uniqueName('audit-rpm')}:1`;
  const dataDir = makeOwnedTempDir('berth-audit-rpm-data-');
  const work = makeOwnedTempDir('berth-audit-rpm-work-');
  let api: TestApi;
  let rpmdbLayer: number;
  const bdbTag = `${uniqueName('audit-rpm-bdb')}:1`;

  beforeAll(async () => {
    const rpmdb = await makeRpmdb(work);
    await buildLayeredImage(docker, {
      tag,
      base: image,
      labels: testLabels(),
      steps: ['COPY os-release /etc/os-release', 'COPY rpmdb.sqlite /var/lib/rpm/rpmdb.sqlite'],
      files: { 'os-release': OS_RELEASE, 'rpmdb.sqlite': readFileSync(rpmdb) },
    });
    rpmdbLayer = ((await docker.getImage(tag).inspect()).RootFS?.Layers?.length ?? 0) - 1;
    await buildLayeredImage(docker, {
      tag: bdbTag,
      base: image,
      labels: testLabels(),
      steps: ['COPY os-release /etc/os-release', 'COPY Packages /var/lib/rpm/Packages'],
      files: { 'os-release': OS_RELEASE, Packages: readFileSync(await makeBdbPackages(work, rpmdb)) },
    });
    const settings = new SettingsStore(dataDir);
    await settings.load();
    api = startTestApi(dockerHost, 'audit-rpm-test', { settings });
  }, 120_000);
  afterAll(async () => {
    await api?.close();
    await cleanupTestObjects(docker);
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(work, { recursive: true, force: true });
  });

  it('lists the package rpm recorded, with epoch, version-release, arch and the layer of the database', async () => {
    const catalogue = await api.client.call('audit.catalogue', { id: tag });
    expect(catalogue.distro).toEqual({ id: 'almalinux', versionId: '9.3' });
    expect(catalogue.notes).toEqual([]);
    expect(catalogue.packages).toEqual([
      {
        name: 'berth-demo',
        version: '2:1.2.3-4.el9',
        ecosystem: 'AlmaLinux',
        purl: 'pkg:rpm/almalinux/berth-demo@1.2.3-4.el9?arch=noarch&epoch=2',
        layer: rpmdbLayer,
        path: 'var/lib/rpm/rpmdb.sqlite',
        license: 'MIT',
      },
    ]);
  });

  it("matches an OSV advisory of the image's AlmaLinux release in rpm's version order", async () => {
    const osv = join(work, 'osv');
    mkdirSync(osv);
    const records = [
      advisory('ALSA-2099:0001', 'AlmaLinux:9', '2:1.2.3-10.el9'),
      advisory('ALSA-2099:0002', 'AlmaLinux:9', '1.2.4-1.el9'),
      advisory('ALSA-2099:0003', 'AlmaLinux:8', '2:1.2.3-10.el8'),
    ];
    for (const record of records) writeFileSync(join(osv, `${record.id}.json`), JSON.stringify(record));
    const status = await api.client.call('audit.importDatabase', { path: osv });
    expect(status).toMatchObject({ present: true, advisories: 3, ecosystems: ['AlmaLinux'] });
    const scan = await api.client.call('audit.scan', { id: tag });
    expect(scan.findings.map((f) => `${f.id} ${f.package.name}@${f.package.version} fixed=${f.fixed}`)).toEqual([
      'ALSA-2099:0001 berth-demo@2:1.2.3-4.el9 fixed=2:1.2.3-10.el9',
    ]);
  });

  it("lists the same package from rpm's Berkeley DB Packages file", async () => {
    const catalogue = await api.client.call('audit.catalogue', { id: bdbTag });
    expect(catalogue.notes).toEqual([]);
    expect(catalogue.packages).toEqual([
      {
        name: 'berth-demo',
        version: '2:1.2.3-4.el9',
        ecosystem: 'AlmaLinux',
        purl: 'pkg:rpm/almalinux/berth-demo@1.2.3-4.el9?arch=noarch&epoch=2',
        layer: rpmdbLayer,
        path: 'var/lib/rpm/Packages',
        license: 'MIT',
      },
    ]);
  });
});
