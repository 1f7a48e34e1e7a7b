// All the user's images (their containers counted), re-fetched when images or containers change.
import { defineStore } from 'pinia';
import type { ImageSummary } from '../../../src-main/contract/dto/images';
import { berth } from '../api';
import { useResourceList } from './resource';

export const useImagesStore = defineStore('images', () =>
  useResourceList<ImageSummary>(
    // Berth's own helper image is left out until the list pages get their "show Berth's own" switch.
    async () => (await berth.call('images.list', {})).filter((i) => !i.berthOwned),
    ['images.changed'],
  ),
);
