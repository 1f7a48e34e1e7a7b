// All images (containers using them counted), re-fetched when images or containers change.
import { defineStore } from 'pinia';
import { computed } from 'vue';
import type { ImageSummary } from '../../../src-main/contract/dto/images';
import { berth } from '../api';
import { useResourceList } from './resource';

export const useImagesStore = defineStore('images', () => {
  const list = useResourceList<ImageSummary>(() => berth.call('images.list', {}), ['images.changed']);
  /** The user's images: what every page shows unless asked for Berth's own too. */
  const items = computed(() => list.items.value.filter((i) => !i.berthOwned));
  /** `includingBerth` also holds Berth's own helper image (`berthOwned`), for a "show Berth's own" switch. */
  return { ...list, items, includingBerth: list.items };
});
