import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { chooseSharedFolders, findSharedFolders, type HostPathKind } from '../../../src-main/machine/shared-folders';

/** A host where `folders` exist (as folders) and `files` as plain files; everything else is missing. */
function host(folders: string[], files: string[] = []): (path: string) => HostPathKind {
  return (path) => (folders.includes(path) ? 'folder' : files.includes(path) ? 'not-a-folder' : 'missing');
}

describe('chooseSharedFolders', () => {
  it('shares the home folder first, then the list in its order', () => {
    const exists = host(['/home/alice', '/srv/My Projects', '/data']);
    expect(chooseSharedFolders(['/home/alice', '/srv/My Projects', '/data'], exists)).toEqual({
      folders: ['/home/alice', '/srv/My Projects', '/data'],
      skipped: [],
    });
  });

  it('shares nothing when nothing is asked', () => {
    expect(chooseSharedFolders([], host([]))).toEqual({ folders: [], skipped: [] });
  });

  it('skips a folder inside another shared one, whichever comes first', () => {
    const exists = host(['/home/alice', '/home/alice/code', '/Volumes', '/Volumes/Disk/x']);
    expect(chooseSharedFolders(['/home/alice', '/home/alice/code', '/Volumes/Disk/x', '/Volumes'], exists)).toEqual({
      folders: ['/home/alice', '/Volumes'],
      skipped: [
        { folder: '/home/alice/code', reason: 'it is inside /home/alice, which is shared too' },
        { folder: '/Volumes/Disk/x', reason: 'it is inside /Volumes, which is shared too' },
      ],
    });
  });

  it('skips the home folder when the list shares a folder above it', () => {
    expect(chooseSharedFolders(['/Users/zoe', '/Users'], host(['/Users/zoe', '/Users']))).toEqual({
      folders: ['/Users'],
      skipped: [{ folder: '/Users/zoe', reason: 'it is inside /Users, which is shared too' }],
    });
  });

  it('does not take a sibling with a common prefix for a folder inside', () => {
    const exists = host(['/home/al', '/home/alice']);
    expect(chooseSharedFolders(['/home/al', '/home/alice'], exists).folders).toEqual(['/home/al', '/home/alice']);
  });

  it('skips duplicates, also when written differently', () => {
    const exists = host(['/home/alice', '/srv/data']);
    expect(chooseSharedFolders(['/home/alice', '/srv/data', '/home/alice/', '/srv//x/../data'], exists)).toEqual({
      folders: ['/home/alice', '/srv/data'],
      skipped: [
        { folder: '/home/alice', reason: 'it is listed twice' },
        { folder: '/srv/data', reason: 'it is listed twice' },
      ],
    });
  });

  it('reports missing folders, files and relative paths, and shares the rest', () => {
    const exists = host(['/home/alice', '/srv/ok'], ['/srv/file.txt']);
    expect(chooseSharedFolders(['/home/alice', '/srv/gone', '/srv/file.txt', 'relative/x', '/srv/ok'], exists)).toEqual(
      {
        folders: ['/home/alice', '/srv/ok'],
        skipped: [
          { folder: '/srv/gone', reason: 'it does not exist on this computer' },
          { folder: '/srv/file.txt', reason: 'it is not a folder' },
          { folder: 'relative/x', reason: 'it is not an absolute path' },
        ],
      },
    );
  });

  it('a missing folder hides nothing: a folder inside it is shared', () => {
    expect(chooseSharedFolders(['/srv', '/srv/data'], host(['/srv/data'])).folders).toEqual(['/srv/data']);
  });

  it.each([
    ['/', "it would hide the VM's own /bin"],
    ['/var', "it would hide the VM's own /var/lib/containerd"],
    ['/var/lib', "it would hide the VM's own /var/lib/containerd"],
    ['/usr', "it would hide the VM's own /usr"],
    ['/mnt', "it would hide the VM's own /mnt/data"],
    ['/var/lib/docker/volumes', "the VM's /var/lib/docker cannot hold a shared folder"],
    ['/proc/self', "the VM's /proc cannot hold a shared folder"],
    ['/run/user/1000/x', "the VM's /run cannot hold a shared folder"],
  ])('skips %s, which the VM needs for itself', (folder, reason) => {
    expect(chooseSharedFolders([folder], () => 'folder')).toEqual({ folders: [], skipped: [{ folder, reason }] });
  });

  it.each(['/root', '/home', '/tmp/x', '/var/www', '/usr/local/src', '/opt/data', '/mnt/usb'])(
    'shares %s, which hides nothing the VM needs',
    (folder) => {
      expect(chooseSharedFolders([folder], () => 'folder').folders).toEqual([folder]);
    },
  );
});

describe('findSharedFolders', () => {
  const root = join(tmpdir(), `berth-shared-folders-${process.pid}`);
  mkdirSync(join(root, 'home', 'inside'), { recursive: true });
  mkdirSync(join(root, 'other dir é'), { recursive: true });
  writeFileSync(join(root, 'a file'), '');
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('looks each folder up on this computer', async () => {
    const home = join(root, 'home');
    const result = await findSharedFolders([
      home,
      join(root, 'other dir é'),
      join(home, 'inside'),
      join(root, 'missing'),
      join(root, 'a file'),
    ]);
    expect(result).toEqual({
      folders: [home, join(root, 'other dir é')],
      skipped: [
        { folder: join(root, 'missing'), reason: 'it does not exist on this computer' },
        { folder: join(root, 'a file'), reason: 'it is not a folder' },
        { folder: join(home, 'inside'), reason: `it is inside ${home}, which is shared too` },
      ],
    });
  });
});
