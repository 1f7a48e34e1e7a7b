import { describe, it, expect } from 'vitest';
import {
  familiarImageReference,
  formatImageReference,
  parseImageReference,
  repositoryOf,
  withDefaultTag,
  type ImageReference,
} from '../../../src-main/core/image-ref';
import { ParseError } from '../../../src-main/core/parse-error';

const HEX = '7cc4b5aefd1d0cadf8d97d4350462ba51c694ebca145b08d7d41b41acc8db5aa';
const DIGEST = `sha256:${HEX}`;

describe('parseImageReference', () => {
  it.each<[string, ImageReference]>([
    ['busybox', { domain: 'docker.io', path: 'library/busybox' }],
    ['busybox:1.36', { domain: 'docker.io', path: 'library/busybox', tag: '1.36' }],
    ['library/busybox', { domain: 'docker.io', path: 'library/busybox' }],
    ['docker.io/busybox', { domain: 'docker.io', path: 'library/busybox' }],
    ['docker.io/library/busybox', { domain: 'docker.io', path: 'library/busybox' }],
    ['index.docker.io/library/busybox', { domain: 'docker.io', path: 'library/busybox' }],
    ['index.docker.io/busybox', { domain: 'docker.io', path: 'library/busybox' }],
    ['user/app', { domain: 'docker.io', path: 'user/app' }],
    ['user/app:1', { domain: 'docker.io', path: 'user/app', tag: '1' }],
    ['ghcr.io/owner/app:v1', { domain: 'ghcr.io', path: 'owner/app', tag: 'v1' }],
    ['ghcr.io/app', { domain: 'ghcr.io', path: 'app' }],
    ['localhost:5000/app', { domain: 'localhost:5000', path: 'app' }],
    ['localhost/app', { domain: 'localhost', path: 'app' }],
    ['localhost:5000', { domain: 'docker.io', path: 'library/localhost', tag: '5000' }],
    ['myhost:5000/app', { domain: 'myhost:5000', path: 'app' }],
    ['Registry/app', { domain: 'Registry', path: 'app' }],
    ['127.0.0.1:5000/a/b:c', { domain: '127.0.0.1:5000', path: 'a/b', tag: 'c' }],
    ['[::1]:5000/app', { domain: '[::1]:5000', path: 'app' }],
    ['[2001:db8::1]/app:x', { domain: '[2001:db8::1]', path: 'app', tag: 'x' }],
    [`a@${DIGEST}`, { domain: 'docker.io', path: 'library/a', digest: DIGEST }],
    [`a:tag@${DIGEST}`, { domain: 'docker.io', path: 'library/a', tag: 'tag', digest: DIGEST }],
    [`localhost:5000/a:t@${DIGEST}`, { domain: 'localhost:5000', path: 'a', tag: 't', digest: DIGEST }],
    [`a@sha512:${'ab'.repeat(64)}`, { domain: 'docker.io', path: 'library/a', digest: `sha512:${'ab'.repeat(64)}` }],
    ['a.b_c__d-e---f', { domain: 'docker.io', path: 'library/a.b_c__d-e---f' }],
    ['a/b/c/d', { domain: 'docker.io', path: 'a/b/c/d' }],
    ['app:Tag_1.0-rc', { domain: 'docker.io', path: 'library/app', tag: 'Tag_1.0-rc' }],
    ['app:_x', { domain: 'docker.io', path: 'library/app', tag: '_x' }],
    [`app:${'t'.repeat(128)}`, { domain: 'docker.io', path: 'library/app', tag: 't'.repeat(128) }],
    ['0', { domain: 'docker.io', path: 'library/0' }],
  ])('parses %s', (input, expected) => {
    expect(parseImageReference(input)).toEqual(expected);
  });

  it.each<[string, string]>([
    ['', 'invalid image reference "": must not be empty'],
    ['UPPER', 'invalid image reference "UPPER": repository name must be lowercase'],
    ['user/App', 'invalid image reference "user/App": repository name must be lowercase'],
    ['Registry/App', 'invalid image reference "Registry/App": repository name must be lowercase'],
    [
      'a:',
      'invalid image reference "a:": tag "" must be 1 to 128 letters, digits, "_", "." or "-", not starting with "." or "-"',
    ],
    [':tag', 'invalid image reference ":tag": repository name is missing'],
    [
      'a@sha256:short',
      'invalid image reference "a@sha256:short": digest "sha256:short" must have 64 lowercase hexadecimal digits after "sha256:"',
    ],
    [
      `a@sha256:${HEX.toUpperCase()}`,
      `invalid image reference "a@sha256:${HEX.toUpperCase()}": digest "sha256:${HEX.toUpperCase()}" must have 64 lowercase hexadecimal digits after "sha256:"`,
    ],
    [
      `a@md5:${HEX}`,
      `invalid image reference "a@md5:${HEX}": digest "md5:${HEX}" must start with sha256:, sha384: or sha512:`,
    ],
    ['a@', 'invalid image reference "a@": digest "" must start with sha256:, sha384: or sha512:'],
    ['a//b', 'invalid image reference "a//b": repository name has an empty path component'],
    ['a/', 'invalid image reference "a/": repository name has an empty path component'],
    [
      'a:bad tag',
      'invalid image reference "a:bad tag": tag "bad tag" must be 1 to 128 letters, digits, "_", "." or "-", not starting with "." or "-"',
    ],
    [
      'a:.x',
      'invalid image reference "a:.x": tag ".x" must be 1 to 128 letters, digits, "_", "." or "-", not starting with "." or "-"',
    ],
    [
      '-a',
      'invalid image reference "-a": "-a" must be lowercase letters and digits, separated by ".", "_", "__" or "-"',
    ],
    [
      'a-',
      'invalid image reference "a-": "a-" must be lowercase letters and digits, separated by ".", "_", "__" or "-"',
    ],
    [
      'a..b',
      'invalid image reference "a..b": "a..b" must be lowercase letters and digits, separated by ".", "_", "__" or "-"',
    ],
    [
      'a___b',
      'invalid image reference "a___b": "a___b" must be lowercase letters and digits, separated by ".", "_", "__" or "-"',
    ],
    [
      'a b',
      'invalid image reference "a b": "a b" must be lowercase letters and digits, separated by ".", "_", "__" or "-"',
    ],
    ['-host.io/app', 'invalid image reference "-host.io/app": "-host.io" is not a valid registry host'],
    ['host.io:port/app', 'invalid image reference "host.io:port/app": "host.io:port" is not a valid registry host'],
    ['[::1/app', 'invalid image reference "[::1/app": "[::1" is not a valid registry host'],
    [HEX, `invalid image reference "${HEX}": a 64-character hexadecimal string is an image ID, not a repository name`],
  ])('rejects %j', (input, message) => {
    expect(() => parseImageReference(input)).toThrow(new ParseError(message));
  });

  it('rejects a tag longer than 128 characters', () => {
    expect(() => parseImageReference(`a:${'t'.repeat(129)}`)).toThrow(ParseError);
  });

  it('accepts a name of 255 characters and rejects 256', () => {
    const okPath = 'a'.repeat(255 - 'docker.io/library/'.length);
    expect(parseImageReference(okPath).path).toBe(`library/${okPath}`);
    expect(() => parseImageReference(`${okPath}b`)).toThrow(
      new ParseError(`invalid image reference "${okPath}b": repository name must not be longer than 255 characters`),
    );
  });

  it('throws ParseError instances', () => {
    expect(() => parseImageReference('UPPER')).toThrow(ParseError);
  });
});

describe('withDefaultTag', () => {
  it('adds latest when there is neither tag nor digest', () => {
    expect(withDefaultTag({ domain: 'docker.io', path: 'library/a' })).toEqual({
      domain: 'docker.io',
      path: 'library/a',
      tag: 'latest',
    });
  });

  it('keeps an existing tag', () => {
    const ref = { domain: 'docker.io', path: 'library/a', tag: '1' };
    expect(withDefaultTag(ref)).toEqual(ref);
  });

  it('adds no tag to a digest-only reference', () => {
    const ref = { domain: 'docker.io', path: 'library/a', digest: DIGEST };
    expect(withDefaultTag(ref)).toEqual(ref);
  });

  it('does not mutate its argument', () => {
    const ref: ImageReference = { domain: 'docker.io', path: 'library/a' };
    withDefaultTag(ref);
    expect(ref).toEqual({ domain: 'docker.io', path: 'library/a' });
  });
});

describe('formatting', () => {
  it.each<[string, string, string, string]>([
    // input, repository, canonical, familiar
    ['busybox', 'docker.io/library/busybox', 'docker.io/library/busybox', 'busybox'],
    ['busybox:latest', 'docker.io/library/busybox', 'docker.io/library/busybox:latest', 'busybox:latest'],
    ['user/app:1', 'docker.io/user/app', 'docker.io/user/app:1', 'user/app:1'],
    ['library/a/b', 'docker.io/library/a/b', 'docker.io/library/a/b', 'library/a/b'],
    ['localhost:5000/app:dev', 'localhost:5000/app', 'localhost:5000/app:dev', 'localhost:5000/app:dev'],
    ['ghcr.io/library/app', 'ghcr.io/library/app', 'ghcr.io/library/app', 'ghcr.io/library/app'],
    ['index.docker.io/library/busybox:1', 'docker.io/library/busybox', 'docker.io/library/busybox:1', 'busybox:1'],
    [`a@${DIGEST}`, 'docker.io/library/a', `docker.io/library/a@${DIGEST}`, `a@${DIGEST}`],
    [`a:t@${DIGEST}`, 'docker.io/library/a', `docker.io/library/a:t@${DIGEST}`, `a:t@${DIGEST}`],
    ['[::1]:5000/app:x', '[::1]:5000/app', '[::1]:5000/app:x', '[::1]:5000/app:x'],
  ])('%s', (input, repository, canonical, familiar) => {
    const ref = parseImageReference(input);
    expect(repositoryOf(ref)).toBe(repository);
    expect(formatImageReference(ref)).toBe(canonical);
    expect(familiarImageReference(ref)).toBe(familiar);
    expect(parseImageReference(formatImageReference(ref))).toEqual(ref);
    expect(parseImageReference(familiarImageReference(ref))).toEqual(ref);
  });

  it('formats with the default tag', () => {
    expect(formatImageReference(withDefaultTag(parseImageReference('busybox')))).toBe(
      'docker.io/library/busybox:latest',
    );
    expect(familiarImageReference(withDefaultTag(parseImageReference('busybox')))).toBe('busybox:latest');
  });
});
