// A build on screen: progress batches merged into its record, steps in the order they ran.
import { describe, expect, it } from 'vitest';
import type { BuildRecord } from '../../../src-main/contract';
import {
  applyProgress,
  dockerfilePath,
  stepState,
  visibleSteps,
} from '../../../src-renderer/src/components/builds/build-view';

const base: BuildRecord = {
  id: 'b1',
  state: 'running',
  builder: 'buildkit',
  startedAt: '2026-01-01T00:00:00Z',
  request: {
    context: '/c',
    dockerfile: 'Dockerfile',
    tags: [],
    buildArgs: {},
    secrets: [],
    noCache: false,
    pull: false,
  },
  cachedSteps: 0,
  totalSteps: 0,
  steps: [],
  log: [],
  droppedLogLines: 0,
};
const step = (id: string, name: string, started?: string) => ({
  id,
  name,
  kind: 'instruction' as const,
  cached: false,
  logs: [],
  ...(started ? { started } : {}),
});

describe('applyProgress', () => {
  it('replaces a step by its new state, appends only its new lines, and takes the result', () => {
    let record = applyProgress(base, {
      build: 'b1',
      state: 'running',
      steps: [{ ...step('r', '[2/2] RUN x', '2026-01-01T00:00:02Z'), logs: ['one'] }],
      lines: ['#1 one'],
      cachedSteps: 0,
      totalSteps: 1,
    });
    record = applyProgress(record, {
      build: 'b1',
      state: 'succeeded',
      steps: [
        { ...step('r', '[2/2] RUN x', '2026-01-01T00:00:02Z'), completed: '2026-01-01T00:00:03Z', logs: ['two'] },
      ],
      lines: ['#1 two'],
      cachedSteps: 0,
      totalSteps: 1,
      imageId: 'sha256:abc',
      durationMs: 3000,
    });
    expect(record).toMatchObject({
      state: 'succeeded',
      imageId: 'sha256:abc',
      durationMs: 3000,
      log: ['#1 one', '#1 two'],
    });
    expect(record.steps).toHaveLength(1);
    expect(record.steps[0]!.logs).toEqual(['one', 'two']);
    expect(stepState(record.steps[0]!)).toBe('done');
  });

  it('orders steps by when they started, cached ones by their number, and hides reading the Dockerfile', () => {
    const at = '2026-01-01T00:00:01Z';
    const steps = [
      step('c', '[app 2/2] RUN b', at),
      step('w', '[app 3/3] RUN later'),
      step('a', '[app 1/2] COPY a', at),
      {
        ...step('d', '[internal] load build definition from Dockerfile', '2026-01-01T00:00:00Z'),
        kind: 'internal' as const,
      },
    ];
    expect(visibleSteps(steps).map((s) => s.id)).toEqual(['a', 'c', 'w']);
  });

  it('names the Dockerfile a build used under its context folder', () => {
    expect(dockerfilePath({ context: '/home/me/app/', dockerfile: 'Dockerfile' })).toBe('/home/me/app/Dockerfile');
    expect(dockerfilePath({ context: '/home/me/app', dockerfile: './docker/prod.Dockerfile' })).toBe(
      '/home/me/app/docker/prod.Dockerfile',
    );
    expect(dockerfilePath({ context: 'C:\\src\\app', dockerfile: 'Dockerfile' })).toBe('C:\\src\\app\\Dockerfile');
  });
});
