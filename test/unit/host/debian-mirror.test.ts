// scripts/debian-mirror.sh: the Debian mirrors read from apt's configuration (deb822 and one-line sources), or the
// environment's override; a clear failure when there is none.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const SCRIPT = resolve(import.meta.dirname, '../../../scripts/debian-mirror.sh');
const dirs: string[] = [];

function aptDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'berth-apt-'));
  dirs.push(dir);
  mkdirSync(join(dir, 'sources.list.d'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

function mirror(dir: string, args: string[] = [], env: Record<string, string> = {}) {
  const run = spawnSync('bash', [SCRIPT, ...args], {
    env: { PATH: process.env.PATH, BERTH_APT_DIR: dir, ...env },
    encoding: 'utf8',
  });
  return { code: run.status, out: run.stdout.trim(), err: run.stderr.trim() };
}

afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('debian-mirror.sh', () => {
  it('reads deb822 sources, the security archive apart', () => {
    const dir = aptDir({
      'sources.list.d/debian.sources': [
        'Types: deb',
        'URIs: http://security.example/debian-security',
        'Suites: trixie-security',
        'Components: main',
        '',
        'Types: deb-src deb',
        'URIs: http://mirror.example/debian http://other.example/debian',
        'Suites: trixie trixie-updates',
        'Components: main',
        '',
      ].join('\n'),
    });
    expect(mirror(dir).out).toBe('http://mirror.example/debian');
    expect(mirror(dir, ['--security']).out).toBe('http://security.example/debian-security');
  });

  it('reads one-line sources with options, skipping deb-src', () => {
    const dir = aptDir({
      'sources.list': [
        '# a comment',
        'deb-src http://src.example/debian bookworm main',
        'deb [arch=amd64 signed-by=/k.gpg] http://mirror.example/debian bookworm main',
        'deb http://security.example/debian-security bookworm-security main',
      ].join('\n'),
    });
    expect(mirror(dir).out).toBe('http://mirror.example/debian');
    expect(mirror(dir, ['--security']).out).toBe('http://security.example/debian-security');
  });

  it('takes the environment first, and fails saying what to set when apt names none', () => {
    const dir = aptDir({});
    expect(mirror(dir, [], { BERTH_DEBIAN_MIRROR: 'http://set.example/debian' }).out).toBe('http://set.example/debian');
    const none = mirror(dir, ['--security']);
    expect(none.code).toBe(1);
    expect(none.err).toContain('BERTH_DEBIAN_SECURITY_MIRROR');
  });
});
