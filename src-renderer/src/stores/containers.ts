// All containers; after an engine event only the containers it names are re-fetched.
import { defineStore } from 'pinia';
import { computed } from 'vue';
import type { ContainerSummary } from '../../../src-main/contract/dto/containers';
import { berth } from '../api';
import { useResourceList } from './resource';

export const useContainersStore = defineStore('containers', () => {
  const list = useResourceList(() => berth.call('containers.list', { all: true }), ['containers.changed'], {
    idsOf: (payload) => payload.ids,
    fetch: (ids) => berth.call('containers.list', { all: true, ids }),
    key: (c: ContainerSummary) => c.id,
  });
  /** The user's containers: what every page shows unless asked for Berth's own too. */
  const items = computed(() => list.items.value.filter((c) => !c.berthOwned));
  const byId = computed(() => new Map(list.items.value.map((c) => [c.id, c])));
  /** `includingBerth` also holds Berth's own helper containers (`berthOwned`), for a "show Berth's own" switch. */
  return { ...list, items, includingBerth: list.items, byId };
});
