import { describe, expect, it } from 'vitest';
import { parseApkInstalled } from '../../../../src-main/insight/audit/parsers/apk-installed';
import { parseDpkgStatus } from '../../../../src-main/insight/audit/parsers/dpkg-status';
import { parseNodePackageJson, parseNpmLockfile } from '../../../../src-main/insight/audit/parsers/npm-lockfile';
import { parsePnpmLockfile } from '../../../../src-main/insight/audit/parsers/pnpm-lockfile';
import { parsePythonMetadata } from '../../../../src-main/insight/audit/parsers/python-metadata';
import { parseYarnLockfile } from '../../../../src-main/insight/audit/parsers/yarn-lockfile';

const pairs = (found: { name: string; version: string }[]) => found.map((p) => `${p.name}@${p.version}`);

describe('parseDpkgStatus', () => {
  const status = [
    'Package: libssl3',
    'Status: install ok installed',
    'Architecture: amd64',
    'Source: openssl',
    'Version: 3.0.11-1~deb12u2',
    'Description: Secure Sockets Layer toolkit',
    ' continued description line',
    '',
    'Package: removed-pkg',
    'Status: deinstall ok config-files',
    'Version: 1.0-1',
    '',
    'Package: libgcc-s1',
    'Status: install ok installed',
    'Source: gcc-12 (12.2.0-14)',
    'Version: 12.2.0-14',
    '',
  ].join('\n');

  it('lists installed packages with their source package, and leaves out ones only configured', () => {
    const found = parseDpkgStatus(status);
    expect(pairs(found)).toEqual(['libssl3@3.0.11-1~deb12u2', 'libgcc-s1@12.2.0-14']);
    expect(found[0]).toMatchObject({ ecosystem: 'Debian', qualifiers: { arch: 'amd64' } });
    expect(found[0]?.source).toEqual({ name: 'openssl', version: '3.0.11-1~deb12u2' });
    expect(found[1]?.source).toEqual({ name: 'gcc-12', version: '12.2.0-14' });
  });

  it('reads a distroless status.d file, which has no Status field', () => {
    expect(pairs(parseDpkgStatus('Package: tzdata\nVersion: 2024a-0+deb12u1\nArchitecture: all\n'))).toEqual([
      'tzdata@2024a-0+deb12u1',
    ]);
  });
});

describe('parseApkInstalled', () => {
  it('reads P: and V: of each package, with its origin', () => {
    const db =
      'C:Q1abc=\nP:musl\nV:1.2.4-r2\nA:x86_64\no:musl\nF:lib\nR:ld-musl-x86_64.so.1\n\nP:libcrypto3\nV:3.1.4-r5\no:openssl\n\n';
    const found = parseApkInstalled(db);
    expect(pairs(found)).toEqual(['musl@1.2.4-r2', 'libcrypto3@3.1.4-r5']);
    expect(found[0]?.source).toBeUndefined();
    expect(found[1]?.source).toEqual({ name: 'openssl', version: '3.1.4-r5' });
  });
});

describe('parseNpmLockfile', () => {
  it('reads v1 lockfiles, nested dependencies included, skipping non-registry versions', () => {
    const lock = {
      lockfileVersion: 1,
      dependencies: {
        lodash: { version: '4.17.20' },
        express: { version: '4.17.1', dependencies: { qs: { version: '6.7.0' } } },
        local: { version: 'file:../local' },
      },
    };
    expect(pairs(parseNpmLockfile(JSON.stringify(lock)))).toEqual(['lodash@4.17.20', 'express@4.17.1', 'qs@6.7.0']);
  });

  it('reads v2 and v3 "packages", nested and scoped paths, skipping the root and links', () => {
    for (const lockfileVersion of [2, 3]) {
      const lock = {
        lockfileVersion,
        packages: {
          '': { name: 'app', version: '1.0.0' },
          'node_modules/minimist': { version: '1.2.5' },
          'node_modules/@babel/core': { version: '7.22.0' },
          'node_modules/a/node_modules/minimist': { version: '0.0.8' },
          'node_modules/linked': { resolved: 'packages/linked', link: true },
        },
      };
      expect(pairs(parseNpmLockfile(JSON.stringify(lock)))).toEqual([
        'minimist@1.2.5',
        '@babel/core@7.22.0',
        'minimist@0.0.8',
      ]);
    }
  });

  it('gives nothing for a file that is not JSON', () => {
    expect(parseNpmLockfile('{ not json')).toEqual([]);
  });

  it("reads an installed package's package.json", () => {
    expect(pairs(parseNodePackageJson('{"name":"@types/node","version":"20.1.0"}'))).toEqual(['@types/node@20.1.0']);
    expect(parseNodePackageJson('{"name":"x"}')).toEqual([]);
  });
});

describe('parseYarnLockfile', () => {
  it('reads classic yarn.lock entries', () => {
    const lock = [
      '# yarn lockfile v1',
      '',
      '"@babel/code-frame@^7.0.0", "@babel/code-frame@^7.10.4":',
      '  version "7.12.13"',
      '  resolved "https://example.invalid/x.tgz"',
      '',
      'lodash@^4.17.15:',
      '  version "4.17.21"',
      '',
    ].join('\n');
    expect(pairs(parseYarnLockfile(lock))).toEqual(['@babel/code-frame@7.12.13', 'lodash@4.17.21']);
  });

  it('reads berry entries and skips __metadata', () => {
    const lock =
      '__metadata:\n  version: 6\n\n"lodash@npm:^4.17.15":\n  version: 4.17.21\n  resolution: "lodash@npm:4.17.21"\n';
    expect(pairs(parseYarnLockfile(lock))).toEqual(['lodash@4.17.21']);
  });
});

describe('parsePnpmLockfile', () => {
  it('reads v5, v6 and v9 package keys, peers stripped', () => {
    const lock = [
      "lockfileVersion: '9.0'",
      'importers:',
      '  .:',
      '    dependencies:',
      'packages:',
      '  /ms/2.1.2:',
      '    resolution: {integrity: sha512-x}',
      "  '/@babel/core@7.22.0':",
      '  react-dom@18.2.0(react@18.2.0):',
      'snapshots:',
      '  other@1.0.0:',
    ].join('\n');
    expect(pairs(parsePnpmLockfile(lock))).toEqual(['ms@2.1.2', '@babel/core@7.22.0', 'react-dom@18.2.0']);
  });
});

describe('parsePythonMetadata', () => {
  it('reads Name and Version from the header, not the body', () => {
    const text = 'Metadata-Version: 2.1\nName: requests\nVersion: 2.31.0\nSummary: HTTP\n\nName: not-this\n';
    expect(parsePythonMetadata(text)).toEqual([{ name: 'requests', version: '2.31.0', ecosystem: 'PyPI' }]);
    expect(parsePythonMetadata('Metadata-Version: 1.0\n')).toEqual([]);
  });
});
