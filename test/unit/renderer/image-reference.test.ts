// Image references typed into Pull, Tag and the image picker: the engine's parser, local tags and ids.
import { describe, expect, it } from 'vitest';
import type { ImageSummary } from '../../../src-main/contract/dto/images';
import { findLocalImage, imageError, referenceError } from '../../../src-renderer/src/components/images/reference';

const local: ImageSummary = {
  id: `sha256:${'0123456789ab'.padEnd(64, 'f')}`,
  repoTags: ['busybox:latest', '127.0.0.1:5000/team/app:1'],
  repoDigests: [],
  created: 1,
  size: 1,
  containers: 0,
  dangling: false,
  labels: {},
  berthOwned: false,
};

describe('referenceError', () => {
  it('accepts references docker accepts, and says nothing about blank text', () => {
    for (const ok of ['busybox', 'busybox:1.36', '127.0.0.1:5000/berth/app:1', `app@sha256:${'a'.repeat(64)}`, '']) {
      expect(referenceError(ok)).toBeUndefined();
    }
  });

  it('explains what is wrong with the rest, without repeating the input', () => {
    expect(referenceError('Busybox')).toBe('repository name must be lowercase');
    expect(referenceError('app:-1')).toMatch(/^tag "-1" must be/);
    expect(referenceError('a b')).toMatch(/must be lowercase letters and digits/);
  });

  it('refuses digests where a tag is needed', () => {
    expect(referenceError(`app@sha256:${'a'.repeat(64)}`, { tagOnly: true })).toMatch(/cannot contain a digest/);
  });
});

describe('findLocalImage and imageError', () => {
  it('finds local images by tag, implied latest, full id or a 12+ digit id prefix', () => {
    for (const text of ['busybox:latest', 'busybox', '127.0.0.1:5000/team/app:1', local.id, '0123456789ab']) {
      expect(findLocalImage([local], text)).toBe(local);
    }
    expect(findLocalImage([local], '0123')).toBeUndefined();
    expect(findLocalImage([local], '127.0.0.1:5000/team/app')).toBeUndefined();
  });

  it('needs an image, and a well-formed reference when it is not local', () => {
    expect(imageError([local], ' ')).toBe('choose an image to run');
    expect(imageError([local], 'busybox')).toBeUndefined();
    expect(imageError([local], 'nginx:1.27')).toBeUndefined();
    expect(imageError([local], 'Bad Image!')).toBe('repository name must be lowercase');
  });
});
