// The Dockerfile step, stage and kind read from a build cache record's type and BuildKit's description.
import { describe, expect, it } from 'vitest';
import { buildCacheOrigin } from '../../../src-main/core/build-cache-step';

describe('buildCacheOrigin', () => {
  it('a file step BuildKit named: the step, its stage and place', () => {
    expect(buildCacheOrigin('regular', '[stage-1 2/3] COPY . /app')).toEqual({
      kind: 'step',
      stage: 'stage-1',
      position: '2/3',
      step: 'COPY . /app',
    });
    expect(buildCacheOrigin('regular', '[2/3] ADD x /x')).toEqual({
      kind: 'step',
      stage: undefined,
      position: '2/3',
      step: 'ADD x /x',
    });
  });

  it('a RUN step: shell form back as written, exec form as its words', () => {
    expect(buildCacheOrigin('regular', 'mount / from exec /bin/sh -c apk add curl && rm -rf /x')).toEqual({
      kind: 'step',
      step: 'RUN apk add curl && rm -rf /x',
    });
    expect(buildCacheOrigin('regular', 'mount / from exec /usr/bin/make all')).toEqual({
      kind: 'step',
      step: 'RUN /usr/bin/make all',
    });
  });

  it('a cache mount: marked as one, with its folder and the RUN it served', () => {
    expect(
      buildCacheOrigin('exec.cachemount', 'cached mount /root/.npm from exec /bin/sh -c npm ci with id "//root/.npm"'),
    ).toEqual({ kind: 'cache-mount', mountTarget: '/root/.npm', step: 'RUN npm ci' });
    expect(buildCacheOrigin('exec.cachemount', 'something else')).toEqual({ kind: 'cache-mount' });
  });

  it('contexts, base images, BuildKit’s own records and the rest', () => {
    expect(buildCacheOrigin('source.local', 'local source for context')).toEqual({ kind: 'context' });
    expect(buildCacheOrigin('regular', 'pulled from docker.io/library/alpine:3.20@sha256:abc')).toEqual({
      kind: 'base',
    });
    expect(buildCacheOrigin('regular', 'from local ')).toEqual({ kind: 'base' });
    expect(buildCacheOrigin('frontend', '')).toEqual({ kind: 'frontend' });
    expect(buildCacheOrigin('internal', 'llb.local')).toEqual({ kind: 'internal' });
    expect(buildCacheOrigin('regular', 'a new kind of record')).toEqual({ kind: 'other' });
  });
});
