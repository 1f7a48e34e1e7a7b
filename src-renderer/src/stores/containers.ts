// All the user's containers; after an engine event only the containers it names are re-fetched.
import { defineStore } from 'pinia';
import { computed } from 'vue';
import type { ContainerSummary } from '../../../src-main/contract/dto/containers';
import { berth } from '../api';
import { useResourceList } from './resource';

/** Berth's own helper containers are left out until the list pages get their "show Berth's own" switch. */
const usersOnly = (list: ContainerSummary[]) => list.filter((c) => !c.berthOwned);

export const useContainersStore = defineStore('containers', () => {
  const list = useResourceList(
    async () => usersOnly(await berth.call('containers.list', { all: true })),
    ['containers.changed'],
    {
      idsOf: (payload) => payload.ids,
      fetch: async (ids) => usersOnly(await berth.call('containers.list', { all: true, ids })),
      key: (c: ContainerSummary) => c.id,
    },
  );
  const byId = computed(() => new Map(list.items.value.map((c) => [c.id, c])));
  return { ...list, byId };
});
