// All images (containers using them counted), re-fetched when images or containers change.
import { defineStore } from 'pinia';
import type { ImageSummary } from '../../../src-main/contract/dto/images';
import { berth } from '../api';
import { useResourceList } from './resource';

export const useImagesStore = defineStore('images', () =>
  useResourceList<ImageSummary>(() => berth.call('images.list', {}), ['images.changed']),
);
