// Browsing a running container's files through Berth's API: entries, odd names, bad paths, stopped containers, missing tools.
import { execFileSync } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestApi } from '../support/api';
import { testEngine, testLabels, TEST_LABEL, testRunId, uniqueName, waitFor } from '../support/engine';
import { rejectionOf } from '../support/errors';
import { followProgress } from '../support/progress';
import { packDir } from '../support/tar';

const api = useTestApi();
const { docker, image } = testEngine();
const labels = testLabels();
let scratch: string;

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'berth-container-files-'));
});

afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

/** Starts a test container running `script` (or `command`) and returns its id. */
async function running(spec: { script?: string; command?: string[]; image?: string }): Promise<string> {
  const { id } = await api.client.call('containers.run', {
    spec: { image: spec.image ?? image, command: spec.command ?? ['sh', '-c', spec.script ?? 'sleep 300'], labels },
  });
  return id;
}

interface ToolsImage {
  /** Busybox applets linked in /bin (besides /bin/busybox). */
  applets: string[];
  /** Host programs copied into /bin with the libraries they load, e.g. dash as "sh". */
  programs: Record<string, string>;
}

/**
 * An image of the host's busybox with only some applet links, plus host programs. (Busybox's own
 * sh would run its find and stat applets even without links, so a shell without them is dash.)
 */
async function toolsImage({ applets, programs }: ToolsImage): Promise<string> {
  const dir = await mkdtemp(join(scratch, 'rootfs-'));
  const put = async (from: string, to: string) => {
    await mkdir(join(dir, dirname(to)), { recursive: true });
    await copyFile(from, join(dir, to));
  };
  await put('/bin/busybox', '/bin/busybox');
  for (const applet of applets) await symlink('busybox', join(dir, 'bin', applet));
  for (const [name, program] of Object.entries(programs)) {
    await put(program, `/bin/${name}`);
    const libraries = execFileSync('ldd', [program], { encoding: 'utf8' }).match(/\/\S+/g) ?? [];
    for (const library of libraries) await put(library, library);
  }
  const repo = uniqueName('berth-test/tools');
  const stream = await docker.importImage(packDir(dir), {
    repo,
    tag: 'latest',
    changes: ['ENV PATH=/bin', `LABEL ${TEST_LABEL}=${testRunId()}`],
  });
  await followProgress(docker, stream);
  return `${repo}:latest`;
}

describe('containers.files', () => {
  it('lists a folder: folders first, sizes, modes, odd names and link targets', async () => {
    const id = await running({
      script: [
        'mkdir -p /data/sub',
        "printf abc > '/data/x|y z'",
        'printf 12345 > /data/five && chmod 751 /data/five',
        'ln -s /etc/passwd /data/pw',
        'mkfifo /data/pipe',
        'touch /data/ready',
        'exec sleep 300',
      ].join(' && '),
    });
    await waitFor(async () =>
      (await api.client.call('containers.files', { id, path: '/data' })).some((e) => e.name === 'ready'),
    );
    const entries = await api.client.call('containers.files', { id, path: '/data/' });
    expect(entries.map((e) => [e.name, e.type])).toEqual([
      ['sub', 'dir'],
      ['five', 'file'],
      ['pipe', 'other'],
      ['pw', 'symlink'],
      ['ready', 'file'],
      ['x|y z', 'file'],
    ]);
    expect(entries.find((e) => e.name === 'five')).toMatchObject({ size: 5, mode: '751' });
    expect(entries.find((e) => e.name === 'x|y z')?.size).toBe(3);
    expect(entries.find((e) => e.name === 'pw')?.linkTarget).toBe('/etc/passwd');
    const now = Date.now() / 1000;
    for (const entry of entries) expect(Math.abs(entry.modified - now)).toBeLessThan(600);

    const root = await api.client.call('containers.files', { id });
    expect(root.filter((e) => ['bin', 'data', 'etc', 'tmp'].includes(e.name)).map((e) => e.type)).toEqual([
      'dir',
      'dir',
      'dir',
      'dir',
    ]);
  });

  it('reports bad paths naming them', async () => {
    const id = await running({});
    const up = await rejectionOf(api.client.call('containers.files', { id, path: '/tmp/../etc' }));
    expect(up.code).toBe('invalid-argument');
    expect(up.message).toMatch(/^path: /);
    const missing = await rejectionOf(api.client.call('containers.files', { id, path: '/no/such' }));
    expect(missing.code).toBe('not-found');
    expect(missing.message).toContain('"/no/such"');
    const file = await rejectionOf(api.client.call('containers.files', { id, path: '/etc/passwd' }));
    expect(file.code).toBe('invalid-argument');
    expect(file.message).toMatch(/^path: .*not a folder/);
  });

  it('asks to start a container that is not running, and reports a missing one', async () => {
    const { id } = await api.client.call('containers.run', {
      spec: { image, command: ['sleep', '300'], labels },
      start: false,
    });
    const stopped = await rejectionOf(api.client.call('containers.files', { id }));
    expect(stopped.code).toBe('invalid-argument');
    expect(stopped.message).toBe('id: start the container to browse its files');
    const gone = await rejectionOf(api.client.call('containers.files', { id: uniqueName('ghost') }));
    expect(gone.code).toBe('not-found');
  });

  it('says so when the container has no shell, or no find and stat', async () => {
    const noShell = await running({
      image: await toolsImage({ applets: ['sleep'], programs: {} }),
      command: ['sleep', '300'],
    });
    const shell = await rejectionOf(api.client.call('containers.files', { id: noShell }));
    expect(shell.code).toBe('unsupported');
    expect(shell.message).toMatch(/has no sh, find or stat/);

    const noFind = await running({ image: await toolsImage({ applets: ['sleep'], programs: { sh: '/bin/dash' } }) });
    const find = await rejectionOf(api.client.call('containers.files', { id: noFind }));
    expect(find.code).toBe('unsupported');
    expect(find.message).toMatch(/has no sh, find or stat/);
  });

  it('lists with GNU find and stat too', async () => {
    const gnu = await toolsImage({
      applets: ['sleep', 'mkdir', 'ln', 'touch'],
      programs: { sh: '/bin/dash', find: '/usr/bin/find', stat: '/usr/bin/stat', readlink: '/usr/bin/readlink' },
    });
    const id = await running({
      image: gnu,
      script: "mkdir -p /d/sub && printf abc > '/d/x|y z' && ln -s '/a -> b' /d/l && touch /d/ready && exec sleep 300",
    });
    const entries = await waitFor(async () => {
      const list = await api.client.call('containers.files', { id, path: '/d' });
      return list.some((e) => e.name === 'ready') && list;
    });
    expect(entries.map((e) => [e.name, e.type, e.size, e.linkTarget])).toEqual([
      ['sub', 'dir', expect.any(Number), undefined],
      ['l', 'symlink', 7, '/a -> b'],
      ['ready', 'file', 0, undefined],
      ['x|y z', 'file', 3, undefined],
    ]);
  });
});
