// Packaging: an offline `electron-builder --dir --linux --x64` run of build/electron-builder.yml, then what it made.
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { extractFile, listPackage, statFile } from '@electron/asar';
import { Arch } from 'electron-builder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logFileOf, spawnTracked, stopProcess, tailFile, waitForExit } from '../support/processes';
import { makeOwnedTempDir, sweepStaleTempDirs } from '../support/temp-dirs';

const root = resolve(import.meta.dirname, '../..');
const bin = (name: string) => join(root, 'node_modules/.bin', name);
const electronPackage = join(root, 'node_modules/electron/package.json');
const electronVersion = (JSON.parse(readFileSync(electronPackage, 'utf8')) as { version: string }).version;
const TEMP_PREFIX = 'berth-packaging-';
/** Any download electron-builder attempts goes here and fails at once (nothing listens on port 9). */
const NO_NETWORK = 'http://127.0.0.1:9/';
/** Repository entries the stand-in project does not link: what the test builds or stands in for. */
const NOT_LINKED = new Set(['.git', 'out', 'dist-app', 'build', 'vm-assets', 'package.json', 'package-lock.json']);

let work: string;
let appDir: string;
let cacheDir: string;
let builderLog: string;

/** Runs a command to completion with its output in `<work>/<name>.log`; throws with the log's tail on failure. */
async function run(name: string, cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env) {
  const child = spawnTracked(cmd, args, { cwd, env, logFile: join(work, `${name}.log`) });
  const started = Date.now();
  if (!(await waitForExit(child, 400_000))) await stopProcess(child, { timeoutMs: 5_000 });
  if (child.exitCode !== 0) {
    throw new Error(`${name} failed (exit ${child.exitCode ?? child.signalCode})\n${tailFile(logFileOf(child), 40)}`);
  }
  return (Date.now() - started) / 1000;
}

/**
 * The project electron-builder packs: the repository's own files, linked, except a fresh `out/`, a
 * copy of `build/` (electron-builder refuses a hook that resolves outside the project) and stand-in
 * VM folders, so the real config runs unchanged and the test needs neither a built VM nor `npm run build`.
 */
function makeProject(dir: string): void {
  mkdirSync(dir);
  for (const entry of readdirSync(root)) {
    if (!NOT_LINKED.has(entry)) symlinkSync(join(root, entry), join(dir, entry));
  }
  for (const file of ['package.json', 'package-lock.json']) cpSync(join(root, file), join(dir, file));
  cpSync(join(root, 'build'), join(dir, 'build'), { recursive: true });
  mkdirSync(join(dir, 'vm-assets'));
  for (const entry of readdirSync(join(root, 'vm-assets'))) {
    if (entry !== 'dist') symlinkSync(join(root, 'vm-assets', entry), join(dir, 'vm-assets', entry));
  }
  for (const arch of ['amd64', 'arm64']) {
    mkdirSync(join(dir, 'vm-assets/dist', arch), { recursive: true });
    writeFileSync(join(dir, 'vm-assets/dist', arch, 'manifest.json'), JSON.stringify({ arch, standIn: true }));
  }
}

/** An unpacked Electron for Linux as electron-builder copies it: the `electron` binary (renamed) and its LICENSE. */
function makeElectronDist(dir: string): void {
  mkdirSync(join(dir, 'resources'), { recursive: true });
  writeFileSync(join(dir, 'electron'), '#!/bin/sh\necho stand-in electron\n');
  chmodSync(join(dir, 'electron'), 0o755);
  writeFileSync(join(dir, 'LICENSE'), 'stand-in Electron license\n');
  writeFileSync(join(dir, 'version'), `${electronVersion}\n`);
}

/** `env` without VITEST, which makes electron-builder drop every log line but errors. */
function withoutVitest(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const { VITEST: _vitest, ...rest } = env;
  return rest;
}

/** Every file and folder under `dir`, as paths relative to it. */
function walk(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' });
}

describe('electron-builder --dir with build/electron-builder.yml', () => {
  beforeAll(async () => {
    sweepStaleTempDirs(TEMP_PREFIX, (dir) => rmSync(dir, { recursive: true, force: true }));
    work = makeOwnedTempDir(TEMP_PREFIX);
    const project = join(work, 'project');
    const electronDist = join(work, 'electron-dist');
    const output = join(work, 'dist-app');
    cacheDir = join(work, 'electron-builder-cache');
    makeProject(project);
    makeElectronDist(electronDist);
    mkdirSync(cacheDir);

    const viteSeconds = await run(
      'electron-vite',
      bin('electron-vite'),
      ['build', '--outDir', join(project, 'out')],
      root,
    );
    console.log(`electron-vite build took ${viteSeconds.toFixed(1)} s`);

    // cwd is the project: electron-builder resolves the beforePack hook's path against it.
    const builderSeconds = await run(
      'electron-builder',
      bin('electron-builder'),
      [
        '--dir',
        '--linux',
        '--x64',
        '--projectDir',
        project,
        '--config',
        'build/electron-builder.yml',
        `-c.electronDist=${electronDist}`,
        `-c.electronVersion=${electronVersion}`,
        `-c.directories.output=${output}`,
      ],
      project,
      {
        ...withoutVitest(process.env),
        ELECTRON_BUILDER_CACHE: cacheDir,
        ELECTRON_BUILDER_BINARIES_MIRROR: NO_NETWORK,
        ELECTRON_BUILDER_BINARIES_ALLOW_HTTP: 'true',
        ELECTRON_MIRROR: NO_NETWORK,
      },
    );
    console.log(`electron-builder --dir --linux --x64 took ${builderSeconds.toFixed(1)} s`);
    builderLog = readFileSync(join(work, 'electron-builder.log'), 'utf8');
    appDir = join(output, 'linux-unpacked');
  }, 900_000);

  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('makes the app folder with Electron renamed to berth, offline', () => {
    expect(readdirSync(appDir).sort()).toEqual(['LICENSE.electron.txt', 'berth', 'resources', 'version']);
    expect(readFileSync(join(appDir, 'berth'), 'utf8')).toContain('stand-in electron');
    expect(statSync(join(appDir, 'berth')).mode & 0o111).toBe(0o111);
    expect(builderLog).toMatch(/using custom unpacked Electron distribution/);
    expect(builderLog).toMatch(/skipped dependencies rebuild\s+reason=npmRebuild is set to false/);
    expect(builderLog).not.toMatch(/\bdownload(?:ing|ed)\b/i);
    expect(readdirSync(cacheDir)).toEqual([]);
  });

  it('puts the app in app.asar: the electron-vite build, package.json and production modules only', () => {
    const asar = join(appDir, 'resources/app.asar');
    const entries = listPackage(asar, { isPack: false }).map((p) => p.replace(/^\//, ''));
    expect(entries).toEqual(
      expect.arrayContaining([
        'out/main/index.js',
        'out/main/cli.js',
        'out/preload/index.cjs',
        'out/renderer/index.html',
      ]),
    );
    expect(new Set(entries.map((p) => p.split('/')[0]))).toEqual(new Set(['out', 'node_modules', 'package.json']));

    const manifest = JSON.parse(extractFile(asar, 'package.json').toString()) as Record<string, unknown>;
    expect(manifest.main).toBe('out/main/index.js');
    expect(entries).toContain(manifest.main);
    expect(manifest.devDependencies).toBeUndefined();
    expect(entries).not.toContain('node_modules/electron-builder/package.json');
    expect(entries).toContain('node_modules/dockerode/package.json');
  });

  it('unpacks node-pty’s native addon next to app.asar', () => {
    const addon = 'node_modules/node-pty/build/Release/pty.node';
    expect(statFile(join(appDir, 'resources/app.asar'), addon)).toMatchObject({ unpacked: true });
    expect(existsSync(join(appDir, 'resources/app.asar.unpacked', addon))).toBe(true);
    expect(readFileSync(join(appDir, 'resources/app.asar.unpacked', addon)).subarray(0, 4)).toEqual(
      Buffer.from([0x7f, 0x45, 0x4c, 0x46]), // ELF
    );
  });

  it('bundles the amd64 VM for x64 only, at resources/vm/amd64, and no update feed', () => {
    const resources = join(appDir, 'resources');
    expect(readdirSync(resources).sort()).toEqual(['app.asar', 'app.asar.unpacked', 'tray', 'vm']);
    expect(readdirSync(join(resources, 'tray'))).toContain('running@2x.png');
    expect(existsSync(join(resources, 'app-update.yml'))).toBe(false); // publish: null, no feed
    expect(readdirSync(join(resources, 'vm'))).toEqual(['amd64']);
    expect(JSON.parse(readFileSync(join(resources, 'vm/amd64/manifest.json'), 'utf8'))).toEqual({
      arch: 'amd64',
      standIn: true,
    });
  });

  it('ships nothing from src-main/, src-renderer/, test/ or the repository’s other sources', () => {
    const asarEntries = listPackage(join(appDir, 'resources/app.asar'), { isPack: false });
    const onDisk = walk(join(appDir, '..')).map((p) => `/${p}`);
    const fromSources = [...asarEntries, ...onDisk].filter(
      (p) => /^\/(?:.*\/)?(?:src-main|src-renderer|test|scripts|vm-assets)\//.test(p) && !p.includes('/node_modules/'),
    );
    expect(fromSources).toEqual([]);
    expect(asarEntries.filter((p) => p.startsWith('/out/') && /\.(?:ts|vue)$/.test(p))).toEqual([]);
  });
});

describe('build/before-pack.mjs', () => {
  it('names the VM folder by Debian arch for the arch being packed', async () => {
    const hook = (await import(pathToFileURL(join(root, 'build/before-pack.mjs')).href)) as {
      default: (context: { arch: Arch }) => void;
    };
    const before = process.env.BERTH_VM_ARCH;
    try {
      hook.default({ arch: Arch.x64 });
      expect(process.env.BERTH_VM_ARCH).toBe('amd64');
      hook.default({ arch: Arch.arm64 });
      expect(process.env.BERTH_VM_ARCH).toBe('arm64');
      expect(() => hook.default({ arch: Arch.ia32 })).toThrow(/amd64\) and arm64 only, not ia32/);
    } finally {
      if (before === undefined) delete process.env.BERTH_VM_ARCH;
      else process.env.BERTH_VM_ARCH = before;
    }
  });
});
