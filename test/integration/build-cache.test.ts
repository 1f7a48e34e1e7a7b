// The build cache through Berth's API on docker 26, with cache made by real buildx builds: the records with the steps
// that made them (the cache mount typed as one), a prune of one selected record removing that one only, a record
// others build on kept with why, the size budget (given, and from the settings) pruning down to at most the budget,
// an age prune, and bad input refused by field.
import { beforeAll, describe, expect, it } from 'vitest';
import type { BuildCacheRecord } from '../../src-main/contract';
import { SettingsStore } from '../../src-main/settings/settings-store';
import { startTestApi, useTestApi } from '../support/api';
import { CACHE_MOUNT_BYTES, cachedBuild, type CachedBuild } from '../support/cached-build';
import { testEngine, testLabels, uniqueName, waitFor } from '../support/engine';
import { makeOwnedTempDir } from '../support/temp-dirs';

const { dockerHost, image } = testEngine();
const api = useTestApi();
const scratch = makeOwnedTempDir('berth-build-cache-');
const marker = uniqueName('cache').replace(/-/g, '');
let build: CachedBuild;

/** This build's records (their steps name the marker). */
async function ours(mark = marker): Promise<BuildCacheRecord[]> {
  const { records } = await api.client.call('buildCache.list', {});
  return records.filter((r) => r.step?.includes(mark) || r.description.includes(mark));
}

beforeAll(async () => {
  build = await cachedBuild(scratch, dockerHost, image, marker, testLabels());
}, 180_000);

describe('build cache', () => {
  it('lists the records with sizes and the steps that made them, the cache mount as one', async () => {
    const list = await api.client.call('buildCache.list', {});
    const records = await ours();
    const mount = records.find((r) => r.kind === 'cache-mount');
    expect(mount).toMatchObject({
      type: 'exec.cachemount',
      mountTarget: '/c',
      step: build.cacheMountRun,
      shared: false,
      inUse: false,
    });
    expect(mount?.size).toBeGreaterThanOrEqual(CACHE_MOUNT_BYTES);
    expect(mount?.usageCount).toBeGreaterThanOrEqual(1);
    expect(Date.parse(mount?.createdAt ?? '')).toBeGreaterThan(Date.now() - 10 * 60_000);
    const steps = records.filter((r) => r.kind === 'step').map((r) => r.step);
    expect(steps).toEqual(expect.arrayContaining([build.firstRun, build.cacheMountRun]));
    const all = list.records;
    const copy = all.find((r) => r.step === 'COPY a.txt /a.txt' && r.parents.length > 0);
    expect(copy).toMatchObject({ kind: 'step', stage: 'stage-1', position: '1/2' });
    expect(all.some((r) => r.kind === 'context' && r.description === 'local source for context')).toBe(true);
    expect(list.total).toBe(all.filter((r) => !r.shared).reduce((sum, r) => sum + r.size, 0));
    expect(list.total).toBeGreaterThanOrEqual(CACHE_MOUNT_BYTES);
  });

  it('keeps a selected record that others build on, and says why', async () => {
    const first = (await ours()).find((r) => r.step === build.firstRun && r.kind === 'step');
    expect(first).toBeDefined();
    const result = await api.client.call('buildCache.pruneRecords', { ids: [first!.id] });
    expect(result.removed).toEqual([]);
    expect(result.kept).toEqual([
      { id: first!.id, name: build.firstRun, reason: expect.stringMatching(/builds on it/) },
    ]);
    expect((await ours()).map((r) => r.id)).toContain(first!.id);
  });

  it('prunes exactly the one selected record', async () => {
    const before = await ours();
    const mount = before.find((r) => r.kind === 'cache-mount')!;
    const result = await api.client.call('buildCache.pruneRecords', { ids: [mount.id] });
    expect(result.removed).toEqual([{ id: mount.id, name: build.cacheMountRun, size: mount.size }]);
    expect(result.spaceReclaimed).toBe(mount.size);
    expect(result.kept).toEqual([]);
    const after = (await ours()).map((r) => r.id).sort();
    expect(after).toEqual(
      before
        .filter((r) => r.id !== mount.id)
        .map((r) => r.id)
        .sort(),
    );
  });

  it('refuses bad input by field: an unknown record, a malformed id, a negative budget, a budget never set', async () => {
    const dispatch = (method: Parameters<typeof api.backend.dispatch>[0], args: unknown) =>
      api.backend.dispatch(method, args as never, { client: 'test-client' });
    expect(await dispatch('buildCache.pruneRecords', { ids: ['abcdefghijklmnopqrstuvwxy'] })).toMatchObject({
      ok: false,
      error: { code: 'invalid-argument', message: 'ids: no build cache record "abcdefghijklmnopqrstuvwxy"' },
    });
    expect(await dispatch('buildCache.pruneRecords', { ids: ['../x'] })).toMatchObject({
      ok: false,
      error: { code: 'invalid-argument', message: expect.stringMatching(/ids.*build cache record id/) },
    });
    expect(await dispatch('buildCache.applyBudget', { maxBytes: -1 })).toMatchObject({
      ok: false,
      error: { code: 'invalid-argument', message: expect.stringMatching(/maxBytes.*must not be negative/) },
    });
    expect(await dispatch('buildCache.applyBudget', {})).toMatchObject({
      ok: false,
      error: { code: 'invalid-argument', message: expect.stringMatching(/maxBytes: no budget given/) },
    });
    expect(await dispatch('buildCache.pruneOlder', { hours: 0 })).toMatchObject({
      ok: false,
      error: { code: 'invalid-argument', message: expect.stringMatching(/hours/) },
    });
  });

  it('prunes down to at most the budget, given or from the settings', async () => {
    await cachedBuild(scratch, dockerHost, image, `${marker}b`, testLabels());
    const budget = 100_000;
    expect((await api.client.call('buildCache.list', {})).total).toBeGreaterThan(budget);
    const result = await api.client.call('buildCache.applyBudget', { maxBytes: budget });
    expect(result.removed.length).toBeGreaterThan(0);
    expect(result.spaceReclaimed).toBeGreaterThan(0);
    expect(result.total).toBeLessThanOrEqual(budget);
    expect((await api.client.call('buildCache.list', {})).total).toBeLessThanOrEqual(budget);

    await cachedBuild(scratch, dockerHost, image, `${marker}c`, testLabels());
    const settings = new SettingsStore(makeOwnedTempDir('berth-build-cache-settings-'));
    await settings.load();
    await settings.update({ buildCache: { budgetGB: 0.0001 } });
    const withSettings = startTestApi(dockerHost, 'settings-client', { settings });
    try {
      const listed = await withSettings.client.call('buildCache.list', {});
      expect(listed.budget).toBe(100_000);
      expect(listed.total).toBeGreaterThan(100_000);
      const applied = await withSettings.client.call('buildCache.applyBudget', {});
      expect(applied.total).toBeLessThanOrEqual(100_000);
    } finally {
      await withSettings.close();
    }
  });

  it('prunes by age what was last used longer ago than asked', async () => {
    await cachedBuild(scratch, dockerHost, image, `${marker}d`, testLabels());
    const mine = (await ours(`${marker}d`)).map((r) => r.id);
    expect(mine.length).toBeGreaterThan(0);
    const recent = await api.client.call('buildCache.pruneOlder', { hours: 1000 });
    expect(recent.removed.filter((r) => mine.includes(r.id))).toEqual([]);
    // A second after their last use they are older than asked; on a busy machine BuildKit may see that a little later.
    const removed: string[] = [];
    await waitFor(
      async () => {
        const old = await api.client.call('buildCache.pruneOlder', { hours: 1 / 3600 });
        removed.push(...old.removed.map((r) => r.id));
        return (await ours(`${marker}d`)).length === 0;
      },
      { timeoutMs: 30_000, intervalMs: 1000, message: 'our records were not pruned as older than 1 s' },
    );
    expect(removed).toEqual(expect.arrayContaining(mine));
  });
});
