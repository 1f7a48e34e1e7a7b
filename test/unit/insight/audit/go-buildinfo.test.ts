import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  goModulePackages,
  GoBuildInfoScanner,
  readGoBuildInfo,
} from '../../../../src-main/insight/audit/parsers/go-buildinfo';

const MAGIC = Buffer.from('\xff Go buildinf:', 'latin1');

function uvarint(n: number): Buffer {
  const bytes: number[] = [];
  while (n >= 0x80) {
    bytes.push((n & 0x7f) | 0x80);
    n >>>= 7;
  }
  bytes.push(n);
  return Buffer.from(bytes);
}

const lengthPrefixed = (text: string) => Buffer.concat([uvarint(Buffer.byteLength(text)), Buffer.from(text)]);

/** A Go 1.18+ build info blob as the linker writes it: header, version, module info between 16-byte sentinels. */
function craftedBlob(goVersion: string, modInfo: string): Buffer {
  const header = Buffer.alloc(32);
  MAGIC.copy(header);
  header[14] = 8;
  header[15] = 0x2;
  const sentinel = Buffer.alloc(16, 0xaa).toString('latin1');
  return Buffer.concat([header, lengthPrefixed(goVersion), lengthPrefixed(`${sentinel}${modInfo}${sentinel}`)]);
}

const MOD_INFO = [
  'path\texample.com/app',
  'mod\texample.com/app\tv1.4.0\th1:abc=',
  'dep\tgolang.org/x/net\tv0.17.0\th1:def=',
  'dep\tgithub.com/old/lib\tv1.0.0',
  '=>\tgithub.com/new/lib\tv1.1.0\th1:ghi=',
  'build\t-buildmode=exe',
].join('\n');

describe('Go build info', () => {
  it('reads the main module, dependencies (replacements applied) and the standard library from a crafted blob', () => {
    const info = readGoBuildInfo(craftedBlob('go1.21.3', MOD_INFO));
    expect(info?.goVersion).toBe('go1.21.3');
    expect(goModulePackages(info!).map((p) => `${p.name}@${p.version}`)).toEqual([
      'stdlib@1.21.3',
      'example.com/app@v1.4.0',
      'golang.org/x/net@v0.17.0',
      'github.com/new/lib@v1.1.0',
    ]);
  });

  it('finds the header across chunk boundaries, past an earlier mention of the magic that is no header', () => {
    const decoy = Buffer.concat([MAGIC, Buffer.from([0x00, 0x00])]);
    const binary = Buffer.concat([
      Buffer.alloc(1000, 1),
      decoy,
      Buffer.alloc(500, 2),
      craftedBlob('go1.22.0', MOD_INFO),
    ]);
    const scanner = new GoBuildInfoScanner();
    for (let at = 0; at < binary.length; at += 7) scanner.push(binary.subarray(at, at + 7));
    expect(scanner.packages().map((p) => p.name)).toContain('golang.org/x/net');
  });

  // A real Go program where one exists here: the engine root's docker-compose (a Go binary) when it was built. Debian
  // builds it from vendored sources, so its build info names the Go version and no module versions.
  const cache = '/var/cache/berth-test';
  const compose = existsSync(cache)
    ? readdirSync(cache)
        .filter((name) => name.startsWith('engine-root-'))
        .map((name) => join(cache, name, 'usr/libexec/docker/cli-plugins/docker-compose'))
        .find((file) => existsSync(file))
    : undefined;
  it.skipIf(!compose)('reads the Go version of a real Go binary (docker-compose)', () => {
    const scanner = new GoBuildInfoScanner();
    const bytes = readFileSync(compose!);
    for (let at = 0; at < bytes.length && !scanner.done; at += 65536) scanner.push(bytes.subarray(at, at + 65536));
    expect(scanner.packages()).toEqual([
      { name: 'stdlib', version: expect.stringMatching(/^1\.\d+\.\d+$/), ecosystem: 'Go' },
    ]);
  });
});
