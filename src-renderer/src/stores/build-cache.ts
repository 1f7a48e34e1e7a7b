// The engine's build cache records, with the total and the budget they are measured against; re-fetched when images change (a build made one) and after a prune.
import { defineStore } from 'pinia';
import { shallowRef } from 'vue';
import type { BuildCacheList, BuildCacheRecord } from '../../../src-main/contract/dto/build-cache';
import { berth } from '../api';
import { useResourceList } from './resource';

export const useBuildCacheStore = defineStore('buildCache', () => {
  const totals = shallowRef<Omit<BuildCacheList, 'records'>>();
  const list = useResourceList<BuildCacheRecord>(async () => {
    const { records, ...rest } = await berth.call('buildCache.list', {});
    totals.value = rest;
    return records;
  }, ['images.changed']);
  return { ...list, totals };
});
