// All containers, re-fetched when the engine says containers changed.
import { defineStore } from 'pinia';
import { computed } from 'vue';
import type { ContainerSummary } from '../../../src-main/contract/dto/containers';
import { berth } from '../api';
import { useResourceList } from './resource';

export const useContainersStore = defineStore('containers', () => {
  const list = useResourceList<ContainerSummary>(
    () => berth.call('containers.list', { all: true }),
    ['containers.changed'],
  );
  const byId = computed(() => new Map(list.items.value.map((c) => [c.id, c])));
  return { ...list, byId };
});
