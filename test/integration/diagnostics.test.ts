// The diagnostics zip on disk: log tails, secrets removed, the real engine's info, failures noted inside, safe writing.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DIAGNOSTICS_LOG_BYTES,
  DiagnosticsTargetError,
  writeDiagnosticsZip,
  type DiagnosticsSources,
} from '../../src-main/host/diagnostics';
import { runCommand } from '../support/command';
import { testEngine } from '../support/engine';
import { ensureDebianPackages } from '../support/packages';
import { makeOwnedTempDir } from '../support/temp-dirs';

const MiB = 1024 * 1024;
const root = makeOwnedTempDir('berth-diagnostics-');
afterAll(() => rmSync(root, { recursive: true, force: true }));
const { docker } = testEngine();
let unzip = '';
beforeAll(async () => {
  unzip = (await ensureDebianPackages({ unzip: 'unzip' })).unzip ?? 'unzip';
});

let folders = 0;
/** A fresh empty folder for one test. */
function folder(): string {
  const dir = join(root, `case-${++folders}`);
  mkdirSync(dir);
  return dir;
}

/** The zip's entry names, by `unzip -Z1`, after `unzip -t` found it sound. */
async function entriesOf(zip: string): Promise<string[]> {
  const test = await runCommand(unzip, ['-tq', zip]);
  expect(test.code, test.stderr).toBe(0);
  const list = await runCommand(unzip, ['-Z1', zip]);
  expect(list.code, list.stderr).toBe(0);
  return list.stdout.toString().split('\n').filter(Boolean);
}

/** One entry's content, by `unzip -p`. */
async function entry(zip: string, name: string): Promise<string> {
  const result = await runCommand(unzip, ['-p', zip, name]);
  expect(result.code, result.stderr).toBe(0);
  return result.stdout.toString('utf8');
}

const realEngine = async () => ({ info: await docker.info(), version: await docker.version() });

function sources(overrides: Partial<DiagnosticsSources> = {}): DiagnosticsSources {
  return {
    versions: { Berth: '0.1.0-test', Node: process.version },
    settings: { theme: 'dark' },
    engine: realEngine,
    logs: [],
    ...overrides,
  };
}

/** Files in `dir` other than the owner record, e.g. leftover temp files. */
const filesIn = (dir: string) => readdirSync(dir).filter((name) => name !== 'berth-owner.json');

describe('writeDiagnosticsZip', () => {
  it('writes every part, redacted, and reports exactly what the zip holds', async () => {
    const dir = folder();
    const mainLog = join(dir, 'main.log');
    writeFileSync(
      mainLog,
      [
        'starting',
        'pull https://bob:hunter2@registry.example/v2/ failed',
        'Authorization: Bearer eyJzZWNyZXQiOnRydWV9',
        'token=abc123 user=bob',
        '',
      ].join('\n'),
    );
    const target = join(dir, 'bundle.zip');
    const report = await writeDiagnosticsZip(
      target,
      sources({
        settings: {
          theme: 'dark',
          engineSecret: 'f00dfeedf00dfeed',
          engines: [{ id: 'remote', address: 'ssh://me:pw@build.example' }],
          relay: { authToken: 'abc', port: 2375 },
        },
        machine: { state: 'running', hostKey: 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBerth', cpus: 2 },
        logs: [
          { name: 'main.log', path: mainLog },
          { name: 'vm.log', path: join(dir, 'not-there.log') },
        ],
      }),
      { now: new Date('2026-12-02T13:45:00Z') },
    );

    expect(report).toEqual({
      path: target,
      bytes: statSync(target).size,
      entries: [
        'summary.txt',
        'versions.json',
        'settings.json',
        'engine/info.json',
        'engine/version.json',
        'machine.json',
        'logs/main.log',
      ],
      missing: ['logs/vm.log'],
    });
    expect(await entriesOf(target)).toEqual(report.entries);
    expect(filesIn(dir).sort()).toEqual(['bundle.zip', 'main.log']);
    if (process.platform !== 'win32') expect(statSync(target).mode & 0o777).toBe(0o600);

    expect(await entry(target, 'logs/main.log')).toBe(
      [
        'starting',
        'pull https://[removed]@registry.example/v2/ failed',
        'Authorization: Bearer [removed]',
        'token=[removed] user=bob',
        '',
      ].join('\n'),
    );
    expect(JSON.parse(await entry(target, 'settings.json'))).toEqual({
      theme: 'dark',
      engineSecret: '[removed]',
      engines: [{ id: 'remote', address: 'ssh://me:[removed]@build.example' }],
      relay: { authToken: '[removed]', port: 2375 },
    });
    expect(JSON.parse(await entry(target, 'machine.json'))).toEqual({
      state: 'running',
      hostKey: '[removed]',
      cpus: 2,
    });
    expect(JSON.parse(await entry(target, 'versions.json'))).toEqual({ Berth: '0.1.0-test', Node: process.version });

    const info = JSON.parse(await entry(target, 'engine/info.json')) as { ID: string };
    expect(info.ID).toBe((await docker.info()).ID);
    const version = JSON.parse(await entry(target, 'engine/version.json')) as { ApiVersion: string };
    expect(version.ApiVersion).toBe((await docker.version()).ApiVersion);

    const summary = await entry(target, 'summary.txt');
    expect(summary).toContain('Created 2026-12-02T13:45:00.000Z');
    expect(summary).toMatch(/Berth\s+0\.1\.0-test/);
    for (const name of report.entries) expect(summary).toContain(name);
    expect(summary).toMatch(/Missing\n\s+logs\/vm\.log\s+\S*not-there\.log does not exist/);
    expect(summary).toContain('[removed]');
    const everything = (await Promise.all(report.entries.map((name) => entry(target, name)))).join('\n');
    for (const secret of ['hunter2', 'eyJzZWNyZXQiOnRydWV9', 'abc123', 'f00dfeed', ':pw@', 'AAAAIBerth']) {
      expect(everything).not.toContain(secret);
    }
  });

  it('puts only the last 5 MiB of a 20 MiB log in, starting at a line', async () => {
    const dir = folder();
    const log = join(dir, 'engine.log');
    const line = (i: number) => `${String(i).padStart(8, '0')} ${'y'.repeat(90)}\n`; // 100 bytes
    const count = Math.ceil((20 * MiB) / 100);
    writeFileSync(log, Array.from({ length: count }, (_, i) => line(i)).join(''));
    expect(statSync(log).size).toBeGreaterThanOrEqual(20 * MiB);

    const report = await writeDiagnosticsZip(
      join(dir, 'd.zip'),
      sources({ logs: [{ name: 'engine.log', path: log }] }),
    );
    const text = await entry(report.path, 'logs/engine.log');
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(DIAGNOSTICS_LOG_BYTES);
    expect(Buffer.byteLength(text)).toBeGreaterThan(DIAGNOSTICS_LOG_BYTES - 100);
    const kept = Math.floor(DIAGNOSTICS_LOG_BYTES / 100);
    expect(text.startsWith(line(count - kept))).toBe(true);
    expect(text.endsWith(line(count - 1))).toBe(true);
    expect(text.length).toBe(kept * 100);
  });

  it('writes engine-error.txt instead of the engine section when the engine fails, and everything else', async () => {
    const dir = folder();
    const log = join(dir, 'main.log');
    writeFileSync(log, 'hello\n');
    const report = await writeDiagnosticsZip(
      join(dir, 'd.zip'),
      sources({
        engine: () => Promise.reject(new Error('connect ECONNREFUSED tcp://admin:pw@10.0.0.5:2376')),
        machine: { state: 'error' },
        logs: [{ name: 'main.log', path: log }],
      }),
    );
    expect(report.entries).toEqual([
      'summary.txt',
      'versions.json',
      'settings.json',
      'engine-error.txt',
      'machine.json',
      'logs/main.log',
    ]);
    expect(await entriesOf(report.path)).toEqual(report.entries);
    expect(report.missing).toEqual([]);
    expect(await entry(report.path, 'engine-error.txt')).toBe('connect ECONNREFUSED tcp://[removed]@10.0.0.5:2376\n');
    expect(await entry(report.path, 'logs/main.log')).toBe('hello\n');
    expect(await entry(report.path, 'summary.txt')).toMatch(/engine\/\s+could not be asked: connect ECONNREFUSED/);
  });

  it('gives up on an engine that does not answer', async () => {
    const dir = folder();
    const report = await writeDiagnosticsZip(
      join(dir, 'd.zip'),
      sources({ engine: () => new Promise(() => undefined) }),
      { engineTimeoutMs: 200 },
    );
    expect(await entry(report.path, 'engine-error.txt')).toBe('the engine did not answer within 0.2 s\n');
  });

  it('refuses a target whose folder does not exist, writing nothing', async () => {
    const dir = folder();
    const target = join(dir, 'no-such-folder', 'd.zip');
    const error = await writeDiagnosticsZip(target, sources()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DiagnosticsTargetError);
    expect(error).toMatchObject({ reason: 'folder-missing' });
    expect((error as Error).message).toBe(
      `cannot save diagnostics: the folder ${join(dir, 'no-such-folder')} does not exist`,
    );
    expect(existsSync(target)).toBe(false);
    expect(filesIn(dir)).toEqual([]);
  });

  it('leaves an existing file alone unless told to overwrite it', async () => {
    const dir = folder();
    const target = join(dir, 'd.zip');
    writeFileSync(target, 'keep me');
    const error = await writeDiagnosticsZip(target, sources()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DiagnosticsTargetError);
    expect(error).toMatchObject({ reason: 'exists', message: expect.stringContaining(`${target} already exists`) });
    expect(readFileSync(target, 'utf8')).toBe('keep me');
    expect(filesIn(dir)).toEqual(['d.zip']);

    const report = await writeDiagnosticsZip(target, sources(), { overwrite: true });
    expect(await entriesOf(target)).toEqual(report.entries);
    expect(report.bytes).toBe(statSync(target).size);
    expect(filesIn(dir)).toEqual(['d.zip']);
  });

  it('refuses a target that is a folder, even with overwrite', async () => {
    const dir = folder();
    await expect(writeDiagnosticsZip(dir, sources(), { overwrite: true })).rejects.toMatchObject({
      reason: 'is-folder',
    });
  });
});
