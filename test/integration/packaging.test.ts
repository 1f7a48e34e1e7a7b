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
import { createRequire } from 'node:module';
import { join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { extractAll, extractFile, listPackage, statFile } from '@electron/asar';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { FuseState, SENTINEL } from '@electron/fuses/dist/constants';
import { Arch } from 'electron-builder';
import type InitSqlJs from 'sql.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { elfMachine, importedDynamicSymbols } from '../support/elf';
import { logFileOf, spawnTracked, stopProcess, tailFile, waitForExit } from '../support/processes';
import { makeOwnedTempDir, sweepStaleTempDirs } from '../support/temp-dirs';

const root = resolve(import.meta.dirname, '../..');
const bin = (name: string) => join(root, 'node_modules/.bin', name);
const electronPackage = join(root, 'node_modules/electron/package.json');
const electronVersion = (JSON.parse(readFileSync(electronPackage, 'utf8')) as { version: string }).version;
const TEMP_PREFIX = 'berth-packaging-';
/** Any download electron-builder attempts goes here and fails at once (nothing listens on port 9). */
const NO_NETWORK = 'http://127.0.0.1:9/';
/** Repository entries the stand-in project does not symlink: what the test builds, copies or stands in for. */
const NOT_LINKED = new Set([
  '.git',
  'out',
  'dist-app',
  'build',
  'vm-assets',
  'package.json',
  'package-lock.json',
  'node_modules',
]);
/** The goal for app.asar without the VM (the VM lives beside it in resources/vm). */
const ASAR_LIMIT_BYTES = 25 * 1024 * 1024;
const EM_X86_64 = 62;
/** Scripts run with plain Node from inside the unpacked app (test/support/packed-app/). */
const PROBES = join(root, 'test/support/packed-app');

let work: string;
let appDir: string;
let cacheDir: string;
let builderLog: string;
/** app.asar extracted (with app.asar.unpacked), as the app sees its files at run time. */
let appFiles: string;

/** Runs a command to completion with its output in `<work>/<name>.log`: its exit code and how long it took. */
async function runToEnd(name: string, cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env) {
  const child = spawnTracked(cmd, args, { cwd, env, logFile: join(work, `${name}.log`) });
  const started = Date.now();
  if (!(await waitForExit(child, 400_000))) await stopProcess(child, { timeoutMs: 5_000 });
  return { exit: child.exitCode ?? child.signalCode, seconds: (Date.now() - started) / 1000, log: logFileOf(child) };
}

/** Like runToEnd, but throws with the log's tail unless the command exits 0; answers its duration. */
async function run(name: string, cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env) {
  const { exit, seconds, log } = await runToEnd(name, cmd, args, cwd, env);
  if (exit !== 0) throw new Error(`${name} failed (exit ${exit})\n${tailFile(log, 40)}`);
  return seconds;
}

/** The JSON a probe printed after `<marker> ` in its log. */
function probeOutput(name: string, marker: string): unknown {
  const line = readFileSync(join(work, `${name}.log`), 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`${marker} `));
  if (!line) throw new Error(`${name} printed no ${marker}\n${tailFile(join(work, `${name}.log`), 40)}`);
  return JSON.parse(line.slice(marker.length + 1));
}

/** `electron-builder --dir --linux --x64` of `project` into `output`, offline, with the stand-in Electron. */
function packLinuxX64(name: string, project: string, electronDist: string, output: string, env: NodeJS.ProcessEnv) {
  // cwd is the project: electron-builder resolves the beforePack hook's path against it.
  return runToEnd(
    name,
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
      ...withoutVitest(env),
      ELECTRON_BUILDER_CACHE: cacheDir,
      ELECTRON_BUILDER_BINARIES_MIRROR: NO_NETWORK,
      ELECTRON_BUILDER_BINARIES_ALLOW_HTTP: 'true',
      ELECTRON_MIRROR: NO_NETWORK,
    },
  );
}

/** The bare module names a built JavaScript file imports or requires (node: built-ins left out). */
function bareImports(file: string): string[] {
  const code = readFileSync(file, 'utf8');
  const pattern =
    /(?<!")\bfrom\s*"([^"]+)"|\bimport\s*\(\s*"([^"]+)"\s*\)|^import\s*"([^"]+)"|\brequire\(\s*"([^"]+)"\s*\)/gm;
  return [...code.matchAll(pattern)]
    .map((m) => m[1] ?? m[2] ?? m[3] ?? m[4] ?? '')
    .filter((name) => !/^(?:\.|node:|$)/.test(name));
}

/**
 * The project electron-builder packs: the repository's own files, linked, except a fresh `out/`, a
 * copy of `build/` (electron-builder refuses a hook that resolves outside the project), stand-in
 * VM folders and node_modules hard-linked (through a symlinked node_modules, electron-builder's
 * `npm list` of an `npm ci` tree finds every package extraneous and leaves most of them out), so the
 * real config runs unchanged and the test needs neither a built VM nor `npm run build`.
 */
async function makeProject(dir: string, { withVm = true } = {}): Promise<void> {
  mkdirSync(dir);
  const linked = await runToEnd('link-node-modules', 'cp', ['-al', join(root, 'node_modules'), dir], root);
  if (linked.exit !== 0) await run('copy-node-modules', 'cp', ['-a', join(root, 'node_modules'), dir], root);
  for (const entry of readdirSync(root)) {
    if (!NOT_LINKED.has(entry)) symlinkSync(join(root, entry), join(dir, entry));
  }
  for (const file of ['package.json', 'package-lock.json']) cpSync(join(root, file), join(dir, file));
  cpSync(join(root, 'build'), join(dir, 'build'), { recursive: true });
  mkdirSync(join(dir, 'vm-assets'));
  for (const entry of readdirSync(join(root, 'vm-assets'))) {
    if (entry !== 'dist') symlinkSync(join(root, 'vm-assets', entry), join(dir, 'vm-assets', entry));
  }
  for (const arch of withVm ? ['amd64', 'arm64'] : []) {
    mkdirSync(join(dir, 'vm-assets/dist', arch), { recursive: true });
    writeFileSync(join(dir, 'vm-assets/dist', arch, 'manifest.json'), JSON.stringify({ arch, standIn: true }));
  }
}

/**
 * Electron's fuse wire as its binaries carry it: the sentinel, wire version 1, the number of fuses, then one byte per
 * fuse ('1' on, '0' off) in FuseV1Options order, with Electron's defaults (runAsNode, node options, --inspect and
 * file:// privileges on; the rest off).
 */
const DEFAULT_FUSE_WIRE = Buffer.concat([Buffer.from(SENTINEL), Buffer.from([1, 8]), Buffer.from('10110001')]);

/** An unpacked Electron for Linux as electron-builder copies it: the `electron` binary (renamed) and its LICENSE. */
function makeElectronDist(dir: string): void {
  mkdirSync(join(dir, 'resources'), { recursive: true });
  writeFileSync(
    join(dir, 'electron'),
    Buffer.concat([Buffer.from('#!/bin/sh\necho stand-in electron\nexit 0\n# '), DEFAULT_FUSE_WIRE, Buffer.from('\n')]),
  );
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
    await makeProject(project);
    // node-pty has no Linux prebuild (npm builds build/Release): a stand-in shows the target's is kept.
    const ptyAddon = join(project, 'node_modules/node-pty/build/Release/pty.node');
    mkdirSync(join(project, 'node_modules/node-pty/prebuilds/linux-x64'));
    cpSync(ptyAddon, join(project, 'node_modules/node-pty/prebuilds/linux-x64/pty.node'));
    makeElectronDist(electronDist);
    mkdirSync(cacheDir);

    const viteSeconds = await run(
      'electron-vite',
      bin('electron-vite'),
      ['build', '--outDir', join(project, 'out')],
      root,
    );
    console.log(`electron-vite build took ${viteSeconds.toFixed(1)} s`);

    const pack = await packLinuxX64('electron-builder', project, electronDist, output, process.env);
    if (pack.exit !== 0) throw new Error(`electron-builder failed (exit ${pack.exit})\n${tailFile(pack.log, 40)}`);
    console.log(`electron-builder --dir --linux --x64 took ${pack.seconds.toFixed(1)} s`);
    builderLog = readFileSync(join(work, 'electron-builder.log'), 'utf8');
    appDir = join(output, 'linux-unpacked');
    appFiles = join(work, 'app-files');
    extractAll(join(appDir, 'resources/app.asar'), appFiles);
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

  it("flips Electron's fuses in the packed binary as build/electron-builder.yml says", async () => {
    const wire = await getCurrentFuseWire(join(appDir, 'berth'));
    const state = (fuse: FuseV1Options) => (wire[fuse] === FuseState.ENABLE ? 'on' : 'off');
    expect({
      runAsNode: state(FuseV1Options.RunAsNode),
      cookieEncryption: state(FuseV1Options.EnableCookieEncryption),
      nodeOptions: state(FuseV1Options.EnableNodeOptionsEnvironmentVariable),
      nodeCliInspect: state(FuseV1Options.EnableNodeCliInspectArguments),
      asarIntegrity: state(FuseV1Options.EnableEmbeddedAsarIntegrityValidation),
      onlyLoadAppFromAsar: state(FuseV1Options.OnlyLoadAppFromAsar),
      browserV8Snapshot: state(FuseV1Options.LoadBrowserProcessSpecificV8Snapshot),
      fileProtocolPrivileges: state(FuseV1Options.GrantFileProtocolExtraPrivileges),
    }).toEqual({
      runAsNode: 'on',
      cookieEncryption: 'on',
      nodeOptions: 'off',
      nodeCliInspect: 'off',
      asarIntegrity: 'on',
      onlyLoadAppFromAsar: 'on',
      browserV8Snapshot: 'off',
      fileProtocolPrivileges: 'on',
    });
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

  it(`keeps app.asar within ${ASAR_LIMIT_BYTES / 1024 / 1024} MB: no renderer-only or build-time packages`, () => {
    const size = statSync(join(appDir, 'resources/app.asar')).size;
    console.log(`app.asar: ${(size / 1024 / 1024).toFixed(1)} MB`);
    expect(size).toBeLessThanOrEqual(ASAR_LIMIT_BYTES);
    const packed = new Set(readdirSync(join(appFiles, 'node_modules')));
    for (const rendererOnly of [
      'naive-ui',
      'vue',
      'vue-router',
      '@xterm',
      '@lucide',
      'date-fns',
      'highlight.js',
      '@types',
    ]) {
      expect(packed, rendererOnly).not.toContain(rendererOnly);
    }
  });

  it("ships only sql.js's wasm build, the one the image audit loads, and it opens a database there", async () => {
    const folder = join(appFiles, 'node_modules/sql.js');
    expect(walk(folder).sort()).toEqual(['dist', 'dist/sql-wasm.js', 'dist/sql-wasm.wasm', 'package.json']);
    const initSqlJs = createRequire(join(appFiles, 'out/main/index.js'))('sql.js') as typeof InitSqlJs;
    const SQL = await initSqlJs({ locateFile: () => join(folder, 'dist/sql-wasm.wasm') });
    expect(new SQL.Database().exec('SELECT 41 + 1')[0]?.values).toEqual([[42]]);
  });

  it('resolves every module out/main imports inside the app, and loads each that needs no Electron', async () => {
    const mainFiles = walk(join(appFiles, 'out/main')).filter((p) => p.endsWith('.js'));
    const specifiers = [...new Set(mainFiles.flatMap((p) => bareImports(join(appFiles, 'out/main', p))))].sort();
    expect(specifiers).toEqual(
      expect.arrayContaining(['dockerode', 'electron', 'electron-updater', 'node-pty', 'ssh2']),
    );

    cpSync(join(PROBES, 'resolve-imports.mjs'), join(appFiles, 'out/main/resolve-imports.mjs'));
    await run('resolve-imports', process.execPath, ['out/main/resolve-imports.mjs', ...specifiers], appFiles);
    const results = probeOutput('resolve-imports', 'RESULTS') as {
      specifier: string;
      path?: string;
      loaded?: boolean;
      error?: string;
    }[];
    for (const { specifier, path, loaded, error } of results) {
      expect(error, specifier).toBeUndefined();
      if (specifier === 'electron') continue; // Electron's own module, provided by the binary
      expect(relative(appFiles, path!).startsWith('node_modules/'), `${specifier} → ${path}`).toBe(true);
      if (specifier !== 'electron-updater') expect(loaded, specifier).toBe(true);
    }
  });

  it('ships only Node-API native addons, built for linux x64, and only the linux-x64 node-pty prebuilds', () => {
    const files = walk(appDir);
    const addons = files.filter((p) => p.endsWith('.node'));
    expect(addons).toContain('resources/app.asar.unpacked/node_modules/node-pty/build/Release/pty.node');
    for (const addon of addons) {
      const file = join(appDir, addon);
      expect(elfMachine(file), addon).toBe(EM_X86_64);
      const imported = importedDynamicSymbols(file);
      expect(
        imported.some((name) => name.startsWith('napi_')),
        `${addon} imports napi_*`,
      ).toBe(true);
      expect(
        imported.filter((name) => name.startsWith('_ZN2v8')),
        `${addon} imports V8 itself`,
      ).toEqual([]);
    }
    const prebuilds = files.filter((p) => /\/node-pty\/prebuilds\/[^/]+$/.test(p)).map((p) => p.split('/').at(-1));
    expect(prebuilds).toEqual(['linux-x64']); // of linux-x64 (stand-in), darwin-*, win32-*
    expect(files.filter((p) => /\/(?:cpu-features|sshcrypto)\b/.test(p))).toEqual([]);
  });

  it('runs ssh2 from the packed node_modules, without sshcrypto.node or cpu-features: a loopback exec', async () => {
    cpSync(join(PROBES, 'ssh2-round-trip.mjs'), join(appFiles, 'out/main/ssh2-round-trip.mjs'));
    await run('ssh2-round-trip', process.execPath, ['out/main/ssh2-round-trip.mjs'], appFiles);
    const result = probeOutput('ssh2-round-trip', 'RESULT') as { output: string; path: string; binding: boolean };
    expect(result).toEqual({
      output: 'ran: hello',
      path: join(appFiles, 'node_modules/ssh2/lib/index.js'),
      binding: false,
    });
  });

  it('refuses to pack without the VM: a clear error, and no app', async () => {
    const project = join(work, 'project-without-vm');
    await makeProject(project, { withVm: false });
    symlinkSync(join(work, 'project/out'), join(project, 'out'));
    const output = join(work, 'dist-app-without-vm');
    const { BERTH_PACK_WITHOUT_VM: _optOut, ...env } = process.env;
    const pack = await packLinuxX64('electron-builder-without-vm', project, join(work, 'electron-dist'), output, env);
    expect(pack.exit).not.toBe(0);
    expect(readFileSync(pack.log!, 'utf8')).toMatch(
      /No VM for x64 at \S+vm-assets\/dist\/amd64: run `npm run vm:build` first/,
    );
    expect(existsSync(join(output, 'linux-unpacked/resources/app.asar'))).toBe(false);
  });
});

describe('build/before-pack.mjs', () => {
  type Hook = (context: { arch: Arch; packager: { projectDir: string } }) => void;
  let hook: Hook;
  let projects: string;
  const savedEnv = {
    BERTH_VM_ARCH: process.env.BERTH_VM_ARCH,
    BERTH_PACK_WITHOUT_VM: process.env.BERTH_PACK_WITHOUT_VM,
  };

  beforeAll(async () => {
    hook = ((await import(pathToFileURL(join(root, 'build/before-pack.mjs')).href)) as { default: Hook }).default;
    projects = makeOwnedTempDir(`${TEMP_PREFIX}hook-`);
  });

  afterAll(() => {
    rmSync(projects, { recursive: true, force: true });
    for (const [name, value] of Object.entries(savedEnv)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });

  it('names the VM folder by Debian arch for the arch being packed', () => {
    const projectDir = join(projects, 'with-vm');
    for (const arch of ['amd64', 'arm64']) mkdirSync(join(projectDir, 'vm-assets/dist', arch), { recursive: true });
    delete process.env.BERTH_PACK_WITHOUT_VM;
    hook({ arch: Arch.x64, packager: { projectDir } });
    expect(process.env.BERTH_VM_ARCH).toBe('amd64');
    hook({ arch: Arch.arm64, packager: { projectDir } });
    expect(process.env.BERTH_VM_ARCH).toBe('arm64');
    expect(() => hook({ arch: Arch.ia32, packager: { projectDir } })).toThrow(/amd64\) and arm64 only, not ia32/);
  });

  it('fails without vm-assets/dist/<arch> unless BERTH_PACK_WITHOUT_VM=1', () => {
    const projectDir = join(projects, 'without-vm');
    mkdirSync(join(projectDir, 'vm-assets/dist/amd64'), { recursive: true }); // the other arch's VM only
    delete process.env.BERTH_PACK_WITHOUT_VM;
    expect(() => hook({ arch: Arch.arm64, packager: { projectDir } })).toThrow(
      `No VM for arm64 at ${join(projectDir, 'vm-assets/dist/arm64')}: run \`npm run vm:build\` first`,
    );
    process.env.BERTH_PACK_WITHOUT_VM = 'yes';
    expect(() => hook({ arch: Arch.arm64, packager: { projectDir } })).toThrow(/set BERTH_PACK_WITHOUT_VM=1/);
    process.env.BERTH_PACK_WITHOUT_VM = '1';
    hook({ arch: Arch.arm64, packager: { projectDir } });
    expect(process.env.BERTH_VM_ARCH).toBe('arm64');
  });
});
