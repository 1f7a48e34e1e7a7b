// The build cache table's rows: the kind filters, search over step, stage and description, sorting by size and last
// use; what an age prune would take; and the toast of a prune.
import { describe, expect, it } from 'vitest';
import type { BuildCacheRecord } from '../../../src-main/contract/dto/build-cache';
import {
  buildCacheRows,
  olderThan,
  recordTitle,
} from '../../../src-renderer/src/components/build-cache/build-cache-rows';
import { keptLines, pruneSummary } from '../../../src-renderer/src/components/build-cache/prune-summary';

const NOW = Date.parse('2026-12-07T12:00:00Z');
const record = (id: string, extra: Partial<BuildCacheRecord>): BuildCacheRecord => ({
  id,
  parents: [],
  type: 'regular',
  kind: 'step',
  description: '',
  size: 0,
  shared: false,
  inUse: false,
  createdAt: '2026-12-01T00:00:00Z',
  usageCount: 1,
  ...extra,
});
const records = [
  record('a', { step: 'RUN make', stage: 'builder', size: 10, lastUsedAt: '2026-12-07T11:00:00Z' }),
  record('b', {
    kind: 'cache-mount',
    type: 'exec.cachemount',
    step: 'RUN npm ci',
    mountTarget: '/root/.npm',
    size: 30,
    lastUsedAt: '2026-11-01T00:00:00Z',
  }),
  record('c', {
    kind: 'context',
    type: 'source.local',
    description: 'local source for context',
    size: 20,
    inUse: true,
  }),
];
const keys = (
  filter: 'all' | 'steps' | 'cache-mounts' | 'unused',
  search = '',
  sort = { key: 'size', order: 'descend' as const },
) => buildCacheRows(records, { filter, search, sort }).map((r) => r.key);

describe('build cache rows', () => {
  it('filters by kind and use, searches step, stage and description, sorts by size and last use', () => {
    expect(keys('all')).toEqual(['b', 'c', 'a']);
    expect(keys('steps')).toEqual(['a']);
    expect(keys('cache-mounts')).toEqual(['b']);
    expect(keys('unused')).toEqual(['b', 'a']);
    expect(keys('all', 'builder')).toEqual(['a']);
    expect(keys('all', 'context')).toEqual(['c']);
    // c was never used again: its creation time counts.
    expect(keys('all', '', { key: 'lastUsed', order: 'descend' })).toEqual(['a', 'c', 'b']);
  });

  it('names a record by its step, else by what it is', () => {
    expect(records.map(recordTitle)).toEqual(['RUN make', 'RUN npm ci', 'Build context: local source for context']);
  });

  it('an age prune takes the unused records last used longer ago', () => {
    expect(olderThan(records, 24, NOW).map((r) => r.id)).toEqual(['b']);
    expect(olderThan(records, 0.5, NOW).map((r) => r.id)).toEqual(['a', 'b']);
  });

  it('says what a prune removed and what it kept', () => {
    const result = {
      removed: [{ id: 'b', name: 'RUN npm ci', size: 30 }],
      spaceReclaimed: 30_000,
      kept: [{ id: 'a', name: 'RUN make', reason: 'a build is using it' }],
      total: 0,
    };
    expect(pruneSummary(result)).toBe('Removed 1 build cache record, reclaimed 30 kB');
    expect(keptLines(result)).toEqual(['RUN make — a build is using it']);
    expect(pruneSummary({ ...result, removed: [] })).toBe('Nothing was removed from the build cache');
  });
});
