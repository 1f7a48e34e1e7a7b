import { describe, it, expect } from 'vitest';
import { parseTmpfsSpec, parseVolumeSpec, type MountSpec } from '../../../src-main/core/mount-spec';
import { ParseError } from '../../../src-main/core/parse-error';

describe('parseVolumeSpec', () => {
  it.each<[string, MountSpec]>([
    ['/data', { type: 'volume', target: '/data', readOnly: false, noCopy: false }],
    ['/var/lib/my data', { type: 'volume', target: '/var/lib/my data', readOnly: false, noCopy: false }],
    ['db:/var/lib/db', { type: 'volume', source: 'db', target: '/var/lib/db', readOnly: false, noCopy: false }],
    ['db:/data:ro', { type: 'volume', source: 'db', target: '/data', readOnly: true, noCopy: false }],
    ['db:/data:rw', { type: 'volume', source: 'db', target: '/data', readOnly: false, noCopy: false }],
    ['db:/data:nocopy', { type: 'volume', source: 'db', target: '/data', readOnly: false, noCopy: true }],
    ['db:/data:ro,nocopy', { type: 'volume', source: 'db', target: '/data', readOnly: true, noCopy: true }],
    ['db:/data:cached', { type: 'volume', source: 'db', target: '/data', readOnly: false, noCopy: false }],
    ['My_Vol.1-x:/d', { type: 'volume', source: 'My_Vol.1-x', target: '/d', readOnly: false, noCopy: false }],
    ['0a:/d', { type: 'volume', source: '0a', target: '/d', readOnly: false, noCopy: false }],
    ['/host:/ctr', { type: 'bind', source: '/host', target: '/ctr', readOnly: false }],
    ['/:/host-root:ro', { type: 'bind', source: '/', target: '/host-root', readOnly: true }],
    ['/host/path:/ctr:ro', { type: 'bind', source: '/host/path', target: '/ctr', readOnly: true }],
    ['/h:/c:rw,Z', { type: 'bind', source: '/h', target: '/c', readOnly: false, selinux: 'Z' }],
    ['/h:/c:z', { type: 'bind', source: '/h', target: '/c', readOnly: false, selinux: 'z' }],
    ['/h:/c:rshared', { type: 'bind', source: '/h', target: '/c', readOnly: false, propagation: 'rshared' }],
    [
      '/h:/c:ro,z,rslave,delegated',
      { type: 'bind', source: '/h', target: '/c', readOnly: true, selinux: 'z', propagation: 'rslave' },
    ],
    ...['private', 'rprivate', 'shared', 'rshared', 'slave', 'rslave'].map((propagation): [string, MountSpec] => [
      `/h:/c:${propagation}`,
      { type: 'bind', source: '/h', target: '/c', readOnly: false, propagation },
    ]),
  ])('parses %j', (spec, expected) => {
    expect(parseVolumeSpec(spec)).toEqual(expected);
  });

  it.each<[string, string]>([
    ['', 'source, target and options must not be empty'],
    ['data', 'container path "data" must be absolute'],
    ['/', 'container path must not be "/"'],
    ['//', 'container path must not be "/"'],
    ['db:/', 'container path must not be "/"'],
    ['db:data', 'container path "data" must be absolute'],
    ['/data:ro', 'container path "ro" must be absolute'],
    [':/data', 'source, target and options must not be empty'],
    ['db:', 'source, target and options must not be empty'],
    ['db:/data:', 'source, target and options must not be empty'],
    ['a:/b:ro:x', 'expected [source:]target[:options]'],
    ['./rel:/data', 'host path "./rel" must be absolute, e.g. "/home/me/data"'],
    ['../rel:/data', 'host path "../rel" must be absolute, e.g. "/home/me/data"'],
    ['~/data:/data', 'host path "~/data" must be absolute, e.g. "/home/me/data"'],
    ['~:/data', 'host path "~" must be absolute, e.g. "/home/me/data"'],
    [
      'a:/data',
      'volume name "a" must be at least 2 characters of letters, digits, "_", "." or "-", starting with a letter or digit; to bind-mount a host directory, use an absolute path',
    ],
    [
      '_db:/data',
      'volume name "_db" must be at least 2 characters of letters, digits, "_", "." or "-", starting with a letter or digit; to bind-mount a host directory, use an absolute path',
    ],
    [
      'rel/dir:/data',
      'volume name "rel/dir" must be at least 2 characters of letters, digits, "_", "." or "-", starting with a letter or digit; to bind-mount a host directory, use an absolute path',
    ],
    ['db:/data:ro,rw', 'option "rw" conflicts with an earlier read-write option'],
    ['db:/data:ro,ro', 'option "ro" conflicts with an earlier read-write option'],
    ['/h:/c:z,Z', 'option "Z" conflicts with an earlier SELinux option'],
    ['/h:/c:shared,slave', 'option "slave" conflicts with an earlier propagation option'],
    ['db:/d:nocopy,nocopy', 'option "nocopy" conflicts with an earlier copy option'],
    ['/h:/c:cached,delegated', 'option "delegated" conflicts with an earlier consistency option'],
    [
      'db:/data:RO',
      'unknown option "RO": use ro, rw, z, Z, nocopy, or one of private, rprivate, shared, rshared, slave, rslave',
    ],
    [
      'db:/data:ro,',
      'unknown option "": use ro, rw, z, Z, nocopy, or one of private, rprivate, shared, rshared, slave, rslave',
    ],
    ['/h:/c:nocopy', '"nocopy" only applies to volumes, not bind mounts'],
    ['db:/c:rshared', 'propagation "rshared" only applies to bind mounts'],
    ['db:/c:z', 'SELinux relabelling "z" only applies to bind mounts'],
    ['C:\\data:/data', 'container path "\\data" must be absolute'],
  ])('rejects %j', (spec, reason) => {
    expect(() => parseVolumeSpec(spec)).toThrow(new ParseError(`invalid volume spec "${spec}": ${reason}`));
  });
});

describe('parseTmpfsSpec', () => {
  it.each<[string, MountSpec]>([
    ['/run', { type: 'tmpfs', target: '/run', options: [] }],
    ['/run:', { type: 'tmpfs', target: '/run', options: [] }],
    ['/run:size=64m', { type: 'tmpfs', target: '/run', sizeBytes: 64 * 1024 * 1024, options: [] }],
    ['/run:mode=1777', { type: 'tmpfs', target: '/run', mode: 0o1777, options: [] }],
    ['/run:size=64m,mode=1777', { type: 'tmpfs', target: '/run', sizeBytes: 67_108_864, mode: 0o1777, options: [] }],
    ['/tmp:mode=0', { type: 'tmpfs', target: '/tmp', mode: 0, options: [] }],
    ['/tmp:size=65536k', { type: 'tmpfs', target: '/tmp', sizeBytes: 67_108_864, options: [] }],
    ['/tmp:size=1024', { type: 'tmpfs', target: '/tmp', sizeBytes: 1024, options: [] }],
    [
      '/run:rw,noexec,nosuid,size=65536k',
      { type: 'tmpfs', target: '/run', sizeBytes: 67_108_864, options: ['rw', 'noexec', 'nosuid'] },
    ],
    ['/t:exec,suid,dev,nodev,ro', { type: 'tmpfs', target: '/t', options: ['exec', 'suid', 'dev', 'nodev', 'ro'] }],
    [
      '/t:uid=1000,gid=1000,nr_inodes=400k,mpol=bind:0-3',
      { type: 'tmpfs', target: '/t', options: ['uid=1000', 'gid=1000', 'nr_inodes=400k', 'mpol=bind:0-3'] },
    ],
    ['/t:noatime,relatime', { type: 'tmpfs', target: '/t', options: ['noatime', 'relatime'] }],
  ])('parses %j', (spec, expected) => {
    expect(parseTmpfsSpec(spec)).toEqual(expected);
  });

  it.each<[string, string]>([
    ['', 'container path "" must be absolute'],
    ['run', 'container path "run" must be absolute'],
    [':size=1m', 'container path "" must be absolute'],
    ['/', 'container path must not be "/"'],
    ['/:size=1m', 'container path must not be "/"'],
    ['/run:size=big', 'size "big" must be a byte size such as 64m'],
    ['/run:size=', 'size "" must be a byte size such as 64m'],
    ['/run:size=50%', 'size "50%" must be a byte size such as 64m'],
    ['/run:mode=999', 'mode "999" must be octal permission bits such as 1777'],
    ['/run:mode=17777', 'mode "17777" must be octal permission bits such as 1777'],
    ['/run:mode=', 'mode "" must be octal permission bits such as 1777'],
    ['/run:size=1m,size=2m', 'unknown or repeated option "size=2m"'],
    ['/run:mode=1,mode=2', 'unknown or repeated option "mode=2"'],
    ['/run:size', 'unknown or repeated option "size"'],
    ['/run:uid', 'unknown or repeated option "uid"'],
    ['/run:uid=', 'unknown or repeated option "uid="'],
    ['/run:bogus', 'unknown or repeated option "bogus"'],
    ['/run:noexec=1', 'unknown or repeated option "noexec=1"'],
    ['/run:noexec,', 'unknown or repeated option ""'],
    ['/run:ro,rw', '"ro" and "rw" cannot be combined'],
  ])('rejects %j', (spec, reason) => {
    expect(() => parseTmpfsSpec(spec)).toThrow(new ParseError(`invalid tmpfs spec "${spec}": ${reason}`));
  });
});
