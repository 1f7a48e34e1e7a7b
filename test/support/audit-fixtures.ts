// The image audit's fixtures: an image with a dpkg status file and a lockfile of known versions (one package's file
// deleted in a later layer), and a small OSV database for them, as a folder of JSON files or as a zip.
import { createWriteStream, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type Dockerode from 'dockerode';
import { ZipFile } from 'yazl';
import { buildLayeredImage } from './layered-image';

const paragraph = (name: string, version: string, source?: string) =>
  [`Package: ${name}`, 'Status: install ok installed', ...(source ? [`Source: ${source}`] : []), `Version: ${version}`]
    .join('\n')
    .concat('\n');

const FIRST_STATUS = [
  paragraph('base-files', '12.4+deb12u5'),
  paragraph('libssl3', '3.0.8-1', 'openssl'),
  paragraph('zlib1g', '1:1.2.13.dfsg-1', 'zlib'),
].join('\n');
/** A later layer's status: curl installed, the rest unchanged. */
const SECOND_STATUS = [FIRST_STATUS, paragraph('curl', '7.88.1-10')].join('\n');

const LOCKFILE = JSON.stringify({
  name: 'app',
  lockfileVersion: 3,
  packages: {
    '': { name: 'app', version: '1.0.0' },
    'node_modules/lodash': { version: '4.17.15' },
    'node_modules/minimist': { version: '1.2.5' },
  },
});

/**
 * Layers: 0 the busybox test image; 1 dpkg status; 2 app/package-lock.json; 3 node_modules/left-pad; 4 left-pad's
 * package.json deleted; 5 the status again with curl added.
 */
export const AUDIT_IMAGE_LAYERS = { status: 1, lockfile: 2, leftPad: 3, curl: 5 };

export async function buildAuditImage(
  docker: Dockerode,
  options: { tag: string; base: string; labels: Record<string, string> },
): Promise<string> {
  return buildLayeredImage(docker, {
    ...options,
    steps: [
      'COPY status /var/lib/dpkg/status',
      'COPY package-lock.json /app/package-lock.json',
      'COPY left-pad.json /app/node_modules/left-pad/package.json',
      'RUN rm /app/node_modules/left-pad/package.json',
      'COPY status2 /var/lib/dpkg/status',
    ],
    files: {
      status: FIRST_STATUS,
      status2: SECOND_STATUS,
      'package-lock.json': LOCKFILE,
      'left-pad.json': '{"name":"left-pad","version":"1.3.0"}',
    },
  });
}

const affected = (ecosystem: string, name: string, events: object[], extra: object = {}) => ({
  package: { ecosystem, name },
  ranges: [{ type: ecosystem === 'npm' ? 'SEMVER' : 'ECOSYSTEM', events }],
  ...extra,
});

/** The fixture advisories and what each should find in the audit image. */
export const OSV_FIXTURE: Record<string, object> = {
  'GHSA-p6mc-m468-83gw.json': {
    id: 'GHSA-p6mc-m468-83gw',
    aliases: ['CVE-2020-8203'],
    summary: 'Prototype Pollution in lodash',
    severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:N/I:H/A:H' }],
    affected: [affected('npm', 'lodash', [{ introduced: '3.7.0' }, { fixed: '4.17.19' }])],
  },
  'GHSA-xvch-5gv4-984h.json': {
    id: 'GHSA-xvch-5gv4-984h',
    aliases: ['CVE-2021-44906'],
    summary: 'Prototype Pollution in minimist',
    severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' }],
    affected: [affected('npm', 'minimist', [{ introduced: '0' }, { fixed: '1.2.6' }])],
  },
  'GHSA-left-pad.json': {
    id: 'GHSA-0000-left-pad0',
    summary: 'An advisory for a package the image deleted',
    affected: [affected('npm', 'left-pad', [{ introduced: '0' }])],
  },
  'debian/DSA-5417-1.json': {
    id: 'DSA-5417-1',
    aliases: ['CVE-2023-2650'],
    summary: 'openssl - security update',
    affected: [affected('Debian:12', 'openssl', [{ introduced: '0' }, { fixed: '3.0.9-1' }])],
    database_specific: { severity: 'high' },
  },
  'debian/DLA-zlib.json': {
    id: 'DSA-0000-1',
    summary: 'zlib fixed before the image’s version',
    affected: [affected('Debian:12', 'zlib', [{ introduced: '0' }, { fixed: '1:1.2.13.dfsg-0' }])],
  },
  'debian/DEBIAN-CVE-2023-38545.json': {
    id: 'DEBIAN-CVE-2023-38545',
    aliases: ['CVE-2023-38545'],
    summary: 'SOCKS5 heap buffer overflow',
    affected: [{ package: { ecosystem: 'Debian:12', name: 'curl' }, versions: ['7.88.1-10'] }],
  },
};

/** The OSV fixture as a folder of JSON files (some in a subfolder) under `dir`. */
export function writeOsvFolder(dir: string): string {
  for (const [name, record] of Object.entries(OSV_FIXTURE)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), JSON.stringify(record));
  }
  writeFileSync(join(dir, 'README.txt'), 'not an advisory');
  return dir;
}

/**
 * The OSV fixture as the zip OSV publishes per ecosystem (all.zip), among 40 advisories of an ecosystem Berth does not
 * index and a file that is not JSON: more entries than the reader reads at once.
 */
export async function writeOsvZip(file: string): Promise<string> {
  const zip = new ZipFile();
  zip.addBuffer(Buffer.from('not an advisory'), 'README.md');
  for (let i = 0; i < 40; i++) {
    const other = { id: `RUSTSEC-2024-${i}`, affected: [affected('crates.io', `crate-${i}`, [{ introduced: '0' }])] };
    zip.addBuffer(Buffer.from(JSON.stringify(other)), `RUSTSEC-2024-${i}.json`);
  }
  for (const [name, record] of Object.entries(OSV_FIXTURE))
    zip.addBuffer(Buffer.from(JSON.stringify(record)), name.replace(/^.*\//, ''));
  zip.end();
  await pipeline(zip.outputStream, createWriteStream(file));
  return file;
}
