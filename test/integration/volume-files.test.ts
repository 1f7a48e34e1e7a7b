// Volume content through Berth's API: browse, copy out, export to .tar.gz, import, clone — and no helper container left behind.
import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, stat, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import Dockerode from 'dockerode';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { FileEntry } from '../../src-main/contract/dto/files';
import { ensureHelperImage, HELPER_IMAGE } from '../../src-main/engine/helper-image';
import { useTestApi } from '../support/api';
import { helpersLeft } from '../support/berth-helpers';
import { containerOutput } from '../support/container-output';
import { testEngine, testLabels, uniqueName } from '../support/engine';
import { rejectionOf } from '../support/errors';

const api = useTestApi();
const { docker, image, dockerHost } = testEngine();
const labels = testLabels();
/** 2024-01-02T03:04:05Z */
const STAMP = 1704164645;
let scratch: string;
/** The volume every test reads: see `fill`. */
let source: string;
let randomSha: string;

/** Runs `script` in a test container with `volume` at /v; returns its stdout. */
async function inVolume(volume: string, script: string): Promise<string> {
  const { id } = await api.client.call('containers.run', {
    spec: { image, command: ['sh', '-c', script], volumes: [`${volume}:/v`], labels },
  });
  const container = docker.getContainer(id);
  const { StatusCode } = (await container.wait()) as { StatusCode: number };
  const output = await containerOutput(container);
  await container.remove();
  if (StatusCode !== 0) throw new Error(`"${script}" exited ${StatusCode}: ${output.stderr}`);
  return output.stdout;
}

const fill = [
  'mkdir -p /v/sub/deep',
  'printf hello > /v/hello.txt && chmod 600 /v/hello.txt',
  "printf 'spaced out' > '/v/with space.txt'",
  "printf pipe > '/v/a|b'",
  'printf deep > /v/sub/deep/x.txt',
  'head -c 70000 /dev/urandom > /v/sub/random.bin',
  'ln -s sub/deep/x.txt /v/link',
  "touch -d '2024-01-02 03:04:05' /v/hello.txt",
].join(' && ');

/** Every file of a volume with its sha256, type and mode, as one comparable text. */
const fingerprint = (volume: string) =>
  inVolume(
    volume,
    'cd /v && find . | sort | while read -r f; do stat -c \'%n %F %a\' "$f"; done && sha256sum sub/random.bin',
  );

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'berth-volume-files-'));
  source = uniqueName('src');
  await api.client.call('volumes.create', { name: source, labels: { ...labels, origin: 'fill' } });
  await inVolume(source, fill);
  randomSha = (await inVolume(source, 'sha256sum /v/sub/random.bin')).split(' ')[0] as string;
});

afterEach(async () => {
  expect(await helpersLeft(docker)).toEqual([]);
});

afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

describe('helper image', () => {
  it('is imported once for concurrent callers, labelled, with a shell on this host', async () => {
    await docker
      .getImage(HELPER_IMAGE)
      .remove({ force: true })
      .catch(() => undefined);
    const fresh = new Dockerode({ socketPath: dockerHost.replace('unix://', '') });
    const first = ensureHelperImage(fresh);
    expect(ensureHelperImage(fresh)).toBe(first);
    const results = await Promise.all([first, ensureHelperImage(fresh), ensureHelperImage(fresh)]);
    expect(results).toEqual([0, 1, 2].map(() => ({ image: HELPER_IMAGE, hasShell: true })));
    const info = await docker.getImage(HELPER_IMAGE).inspect();
    expect(info.Config.Labels).toMatchObject({ 'berth.helper': '1', 'berth.helper.shell': 'true' });
    expect(info.Config.Env).toContain('PATH=/bin');
  });
});

describe('volumes.files', () => {
  it("imports the helper image again when it was removed behind Berth's back", async () => {
    expect(await api.client.call('volumes.files', { name: source, path: '/sub/deep' })).toHaveLength(1);
    await docker.getImage(HELPER_IMAGE).remove({ force: true });
    expect(await api.client.call('volumes.files', { name: source, path: '/sub/deep' })).toHaveLength(1);
  });

  it('lists the root: folders first, sizes, modes, times, link targets, odd names', async () => {
    const entries = await api.client.call('volumes.files', { name: source });
    const byName = (name: string) => entries.find((e) => e.name === name);
    expect(entries.map((e) => e.name)).toEqual(['sub', 'a|b', 'hello.txt', 'link', 'with space.txt']);
    expect(byName('sub')?.type).toBe('dir');
    expect(byName('hello.txt')).toEqual({ name: 'hello.txt', type: 'file', size: 5, modified: STAMP, mode: '600' });
    expect(byName('with space.txt')).toMatchObject({ type: 'file', size: 10, mode: '644' });
    expect(byName('a|b')).toMatchObject({ type: 'file', size: 4 });
    expect(byName('link')).toMatchObject({ type: 'symlink', linkTarget: 'sub/deep/x.txt', mode: '777' });
  });

  it('lists a nested folder, with or without a trailing slash', async () => {
    const sub = await api.client.call('volumes.files', { name: source, path: '/sub' });
    expect(sub.map((e) => [e.name, e.type])).toEqual([
      ['deep', 'dir'],
      ['random.bin', 'file'],
    ]);
    expect(sub[1]?.size).toBe(70000);
    const deep = await api.client.call('volumes.files', { name: source, path: '/sub/deep/' });
    expect(deep.map((e) => [e.name, e.size])).toEqual([['x.txt', 4]]);
  });

  it('reports bad paths and a missing volume, naming what is wrong', async () => {
    const up = await rejectionOf(api.client.call('volumes.files', { name: source, path: '/sub/../..' }));
    expect(up.code).toBe('invalid-argument');
    expect(up.message).toMatch(/^path: .*"\.\."/);
    const missing = await rejectionOf(api.client.call('volumes.files', { name: source, path: '/nope/deeper' }));
    expect(missing.code).toBe('not-found');
    expect(missing.message).toContain('"/nope/deeper"');
    const file = await rejectionOf(api.client.call('volumes.files', { name: source, path: '/hello.txt' }));
    expect(file.code).toBe('invalid-argument');
    expect(file.message).toMatch(/^path: .*not a folder/);
    const volume = await rejectionOf(api.client.call('volumes.files', { name: uniqueName('absent') }));
    expect(volume.code).toBe('not-found');
  });
});

describe('volumes.copyFrom', () => {
  it('copies a file and a folder out with the same bytes', async () => {
    const out = await mkdtemp(join(scratch, 'copy-'));
    const file = await api.client.call('volumes.copyFrom', { name: source, path: '/sub/random.bin', hostDir: out });
    expect(file.hostPath).toBe(join(out, 'random.bin'));
    expect(sha256(await readFile(file.hostPath))).toBe(randomSha);

    const folder = await api.client.call('volumes.copyFrom', { name: source, path: '/sub', hostDir: out });
    expect(folder.hostPath).toBe(join(out, 'sub'));
    expect(await readFile(join(out, 'sub', 'deep', 'x.txt'), 'utf8')).toBe('deep');
    const spaced = await api.client.call('volumes.copyFrom', { name: source, path: '/with space.txt', hostDir: out });
    expect(await readFile(spaced.hostPath, 'utf8')).toBe('spaced out');
  });

  it('refuses a missing path, the whole volume and a host folder that is not one', async () => {
    const out = await mkdtemp(join(scratch, 'copy-bad-'));
    const missing = await rejectionOf(
      api.client.call('volumes.copyFrom', { name: source, path: '/no/such', hostDir: out }),
    );
    expect(missing.code).toBe('not-found');
    expect(missing.message).toContain('"/no/such"');
    const root = await rejectionOf(api.client.call('volumes.copyFrom', { name: source, path: '/', hostDir: out }));
    expect(root.message).toMatch(/^path: /);
    const host = await rejectionOf(
      api.client.call('volumes.copyFrom', { name: source, path: '/hello.txt', hostDir: join(out, 'nope') }),
    );
    expect(host.message).toMatch(/^hostDir: /);
    expect(await readdir(out)).toEqual([]);
  });
});

describe('volumes.export and volumes.import', () => {
  let archive: string;

  beforeAll(async () => {
    archive = join(await mkdtemp(join(scratch, 'export-')), 'source.tar.gz');
  });

  it('exports a .tar.gz with entries relative to the volume root, and no temp file', async () => {
    const { bytes } = await api.client.call('volumes.export', { name: source, hostPath: archive });
    expect(bytes).toBe((await stat(archive)).size);
    const listed = execFileSync('tar', ['-tzf', archive], { encoding: 'utf8' }).trim().split('\n').sort();
    expect(listed).toEqual([
      './',
      './a|b',
      './hello.txt',
      './link',
      './sub/',
      './sub/deep/',
      './sub/deep/x.txt',
      './sub/random.bin',
      './with space.txt',
    ]);
    expect(await readdir(join(archive, '..'))).toEqual(['source.tar.gz']);
  });

  it('refuses an existing file unless overwrite, a missing folder, and a missing volume', async () => {
    const before = await readFile(archive);
    const exists = await rejectionOf(api.client.call('volumes.export', { name: source, hostPath: archive }));
    expect(exists.code).toBe('conflict');
    expect(await readFile(archive)).toEqual(before);
    const replaced = await api.client.call('volumes.export', { name: source, hostPath: archive, overwrite: true });
    expect(replaced.bytes).toBe((await stat(archive)).size);

    const noFolder = await rejectionOf(
      api.client.call('volumes.export', { name: source, hostPath: join(scratch, 'missing', 'x.tar.gz') }),
    );
    expect(noFolder.message).toMatch(/^hostPath: .*does not exist/);
    const target = join(scratch, 'never.tar.gz');
    const noVolume = await rejectionOf(
      api.client.call('volumes.export', { name: uniqueName('nov'), hostPath: target }),
    );
    expect(noVolume.code).toBe('not-found');
    await expect(stat(target)).rejects.toThrow();
  });

  it('imports the .tar.gz into a new volume with the same files, labels applied', async () => {
    const name = uniqueName('imported');
    const volume = await api.client.call('volumes.import', {
      name,
      hostPath: archive,
      labels: { ...labels, kind: 'restored' },
    });
    expect(volume).toMatchObject({ name, labels: { kind: 'restored' } });
    expect(await fingerprint(name)).toBe(await fingerprint(source));
    expect(await inVolume(name, "cat /v/hello.txt '/v/with space.txt'; readlink /v/link")).toBe(
      'hellospaced outsub/deep/x.txt\n',
    );
    expect((await api.client.call('volumes.files', { name })).find((e) => e.name === 'hello.txt')?.modified).toBe(
      STAMP,
    );
  });

  it('imports a plain .tar into an existing empty volume', async () => {
    const tar = join(scratch, 'plain.tar');
    await writeFile(tar, gunzipSync(await readFile(archive)));
    const name = uniqueName('empty');
    await api.client.call('volumes.create', { name, labels });
    await api.client.call('volumes.import', { name, hostPath: tar, create: false });
    expect(await fingerprint(name)).toBe(await fingerprint(source));
  });

  it('refuses a volume that has content, leaving it unchanged', async () => {
    const name = uniqueName('full');
    await api.client.call('volumes.create', { name, labels });
    await inVolume(name, 'echo mine > /v/own.txt');
    const error = await rejectionOf(api.client.call('volumes.import', { name, hostPath: archive }));
    expect(error.code).toBe('conflict');
    expect((await api.client.call('volumes.files', { name })).map((e: FileEntry) => e.name)).toEqual(['own.txt']);
  });

  it('refuses a missing volume without create, and a file that is no archive, creating nothing', async () => {
    const missing = uniqueName('nocreate');
    const notFound = await rejectionOf(
      api.client.call('volumes.import', { name: missing, hostPath: archive, create: false }),
    );
    expect(notFound.code).toBe('not-found');
    expect((await rejectionOf(api.client.call('volumes.inspect', { name: missing }))).code).toBe('not-found');

    const text = join(scratch, 'notes.txt');
    await writeFile(text, 'not an archive\n'.repeat(100));
    const name = uniqueName('notar');
    const bad = await rejectionOf(api.client.call('volumes.import', { name, hostPath: text, labels }));
    expect(bad.code).toBe('invalid-argument');
    expect(bad.message).toMatch(/^hostPath: .*not a tar or tar\.gz archive/);
    expect((await rejectionOf(api.client.call('volumes.inspect', { name }))).code).toBe('not-found');
  });

  it('undoes a failed import: removes the volume it created, empties the one it filled', async () => {
    // A small file first, so the engine has written something when the cut archive ends.
    const dir = await mkdtemp(join(scratch, 'cut-'));
    await writeFile(join(dir, 'first.txt'), 'first');
    await writeFile(join(dir, 'big.bin'), randomBytes(300_000));
    const cut = join(scratch, 'cut.tar.gz');
    execFileSync('tar', ['-C', dir, '-czf', cut, './first.txt', './big.bin']);
    await truncate(cut, Math.floor((await stat(cut)).size / 2));

    const created = uniqueName('cut-new');
    const first = await rejectionOf(api.client.call('volumes.import', { name: created, hostPath: cut, labels }));
    expect(first.code).toBe('engine-error');
    expect(first.message).toMatch(/unexpected EOF/);
    expect((await rejectionOf(api.client.call('volumes.inspect', { name: created }))).code).toBe('not-found');

    const existing = uniqueName('cut-old');
    await api.client.call('volumes.create', { name: existing, labels });
    await rejectionOf(api.client.call('volumes.import', { name: existing, hostPath: cut }));
    expect(await api.client.call('volumes.files', { name: existing })).toEqual([]);
  });
});

describe('volumes.clone', () => {
  it('copies content, driver and labels into a new volume, plus the given labels', async () => {
    const target = uniqueName('clone');
    const clone = await api.client.call('volumes.clone', { source, target, labels: { copy: 'yes' } });
    expect(clone).toMatchObject({ name: target, driver: 'local', labels: { ...labels, origin: 'fill', copy: 'yes' } });
    expect(await fingerprint(target)).toBe(await fingerprint(source));
    expect(await api.client.call('volumes.files', { name: target, path: '/sub' })).toEqual(
      await api.client.call('volumes.files', { name: source, path: '/sub' }),
    );
  });

  it('refuses an existing target, leaving it unchanged, and a missing source, creating nothing', async () => {
    const target = uniqueName('taken');
    await api.client.call('volumes.create', { name: target, labels });
    await inVolume(target, 'echo kept > /v/kept.txt');
    const taken = await rejectionOf(api.client.call('volumes.clone', { source, target }));
    expect(taken.code).toBe('conflict');
    expect(await inVolume(target, 'ls -A /v')).toBe('kept.txt\n');

    const orphan = uniqueName('orphan');
    const missing = await rejectionOf(
      api.client.call('volumes.clone', { source: uniqueName('ghost'), target: orphan }),
    );
    expect(missing.code).toBe('not-found');
    expect((await rejectionOf(api.client.call('volumes.inspect', { name: orphan }))).code).toBe('not-found');
  });
});
