// The image audit against the real engine: an image built in the test with known packages → the catalogue with
// the right layers, SBOMs written to host files, a fixture OSV database (folder and zip) → the right findings.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImageScan } from '../../src-main/contract/dto/audit';
import { SettingsStore } from '../../src-main/settings/settings-store';
import { startTestApi, type TestApi } from '../support/api';
import { AUDIT_IMAGE_LAYERS, buildAuditImage, writeOsvFolder, writeOsvZip } from '../support/audit-fixtures';
import { cleanupTestObjects, testEngine, testLabels, uniqueName } from '../support/engine';
import { rejectionOf } from '../support/errors';
import { makeOwnedTempDir } from '../support/temp-dirs';
import { rmSync } from 'node:fs';

const finding = (scan: ImageScan) =>
  scan.findings.map(
    (f) => `${f.id} ${f.package.name}@${f.package.version} fixed=${f.fixed ?? '-'} layer=${f.package.layer}`,
  );

describe('image audit', () => {
  const { docker, dockerHost, image } = testEngine();
  const tag = `${uniqueName('audit')}:1`;
  const dataDir = makeOwnedTempDir('berth-audit-data-');
  const work = makeOwnedTempDir('berth-audit-work-');
  let api: TestApi;

  beforeAll(async () => {
    await buildAuditImage(docker, { tag, base: image, labels: testLabels() });
    const settings = new SettingsStore(dataDir);
    await settings.load();
    api = startTestApi(dockerHost, 'audit-test', { settings });
  });
  afterAll(async () => {
    await api?.close();
    await cleanupTestObjects(docker);
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(work, { recursive: true, force: true });
  });

  it('lists the packages of the dpkg status and the lockfile with the layers that brought them in', async () => {
    const catalogue = await api.client.call('audit.catalogue', { id: tag, operation: 'audit-catalogue' });
    const listed = catalogue.packages.map((p) => `${p.ecosystem} ${p.name}@${p.version} layer=${p.layer} ${p.path}`);
    expect(listed).toEqual([
      `Debian base-files@12.4+deb12u5 layer=${AUDIT_IMAGE_LAYERS.status} var/lib/dpkg/status`,
      `Debian curl@7.88.1-10 layer=${AUDIT_IMAGE_LAYERS.curl} var/lib/dpkg/status`,
      `Debian libssl3@3.0.8-1 layer=${AUDIT_IMAGE_LAYERS.status} var/lib/dpkg/status`,
      `npm lodash@4.17.15 layer=${AUDIT_IMAGE_LAYERS.lockfile} app/package-lock.json`,
      `npm minimist@1.2.5 layer=${AUDIT_IMAGE_LAYERS.lockfile} app/package-lock.json`,
      `Debian zlib1g@1:1.2.13.dfsg-1 layer=${AUDIT_IMAGE_LAYERS.status} var/lib/dpkg/status`,
    ]);
    expect(catalogue.layers).toHaveLength(6);
    expect(catalogue.layers[AUDIT_IMAGE_LAYERS.lockfile]).toMatch(/^COPY .* in \/app\/package-lock\.json$/);
    expect(catalogue.layers[AUDIT_IMAGE_LAYERS.leftPad + 1]).toBe('RUN rm /app/node_modules/left-pad/package.json');
    expect(catalogue.packages.find((p) => p.name === 'zlib1g')?.purl).toBe('pkg:deb/debian/zlib1g@1:1.2.13.dfsg-1');
    const progress = api.events.all('audit.progress').filter((p) => p.operation === 'audit-catalogue');
    expect(progress.at(-1)).toMatchObject({ layersRead: 6, layers: 6, packages: 6 });
  });

  it('says matching needs a database before one is imported', async () => {
    expect(await api.client.call('audit.databaseStatus', {})).toEqual({ present: false });
    const scan = await api.client.call('audit.scan', { id: tag });
    expect(scan.database.present).toBe(false);
    expect(scan.findings).toEqual([]);
    expect(scan.catalogue.packages).toHaveLength(6);
  });

  it('imports an OSV folder and finds the advisories with their fixed versions and layers', async () => {
    const folder = writeOsvFolder(join(work, 'osv'));
    const status = await api.client.call('audit.importDatabase', { path: folder });
    expect(status).toMatchObject({ present: true, source: folder, advisories: 6, ecosystems: ['Debian', 'npm'] });
    expect(JSON.parse(readFileSync(join(dataDir, 'osv', 'database.json'), 'utf8'))).toMatchObject({ source: folder });
    const scan = await api.client.call('audit.scan', { id: tag });
    expect(finding(scan)).toEqual([
      `GHSA-xvch-5gv4-984h minimist@1.2.5 fixed=1.2.6 layer=${AUDIT_IMAGE_LAYERS.lockfile}`,
      `DSA-5417-1 libssl3@3.0.8-1 fixed=3.0.9-1 layer=${AUDIT_IMAGE_LAYERS.status}`,
      `GHSA-p6mc-m468-83gw lodash@4.17.15 fixed=4.17.19 layer=${AUDIT_IMAGE_LAYERS.lockfile}`,
      `DEBIAN-CVE-2023-38545 curl@7.88.1-10 fixed=- layer=${AUDIT_IMAGE_LAYERS.curl}`,
    ]);
    expect(scan.findings[0]).toMatchObject({ severity: 'critical', score: 9.8, aliases: ['CVE-2021-44906'] });
  });

  it('imports the same database as a zip, replacing the folder one', async () => {
    const zip = await writeOsvZip(join(work, 'all.zip'));
    const status = await api.client.call('audit.importDatabase', { path: zip });
    expect(status).toMatchObject({ source: zip, advisories: 6 });
    const scan = await api.client.call('audit.scan', { id: tag });
    expect(scan.database.source).toBe(zip);
    expect(scan.findings.map((f) => f.id).sort()).toEqual([
      'DEBIAN-CVE-2023-38545',
      'DSA-5417-1',
      'GHSA-p6mc-m468-83gw',
      'GHSA-xvch-5gv4-984h',
    ]);
  });

  it('refuses a database path that is missing or holds no advisories, naming the field', async () => {
    const missing = await rejectionOf(api.client.call('audit.importDatabase', { path: join(work, 'nothing-here') }));
    expect(missing.message).toMatch(/^path: .* does not exist/);
    writeFileSync(join(work, 'empty.json'), '{"hello": "world"}');
    const empty = await rejectionOf(api.client.call('audit.importDatabase', { path: join(work, 'empty.json') }));
    expect(empty.message).toMatch(/^path: .* holds no OSV advisory/);
    const relative = await rejectionOf(api.client.call('audit.importDatabase', { path: 'osv' }));
    expect(relative.message).toMatch(/path/);
    expect((await api.client.call('audit.databaseStatus', {})).advisories).toBe(6);
  });

  it('writes CycloneDX and SPDX SBOMs to the chosen host paths, and will not replace a file unasked', async () => {
    const cdxPath = join(work, 'image.cdx.json');
    await api.client.call('audit.exportSbom', { id: tag, format: 'cyclonedx', hostPath: cdxPath });
    const bom = JSON.parse(readFileSync(cdxPath, 'utf8')) as { bomFormat: string; components: { purl: string }[] };
    expect(bom.bomFormat).toBe('CycloneDX');
    expect(bom.components.map((c) => c.purl)).toContain('pkg:npm/lodash@4.17.15');
    const spdxPath = join(work, 'image.spdx.json');
    await api.client.call('audit.exportSbom', { id: tag, format: 'spdx', hostPath: spdxPath });
    const spdx = JSON.parse(readFileSync(spdxPath, 'utf8')) as { spdxVersion: string; packages: unknown[] };
    expect(spdx.spdxVersion).toBe('SPDX-2.3');
    expect(spdx.packages).toHaveLength(7);
    const again = await rejectionOf(
      api.client.call('audit.exportSbom', { id: tag, format: 'spdx', hostPath: spdxPath }),
    );
    expect(again).toMatchObject({ code: 'conflict', message: expect.stringMatching(/^hostPath: .* exists already/) });
    await api.client.call('audit.exportSbom', { id: tag, format: 'spdx', hostPath: spdxPath, overwrite: true });
    expect(existsSync(spdxPath)).toBe(true);
  });
});
