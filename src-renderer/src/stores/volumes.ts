// All volumes with size and users, re-fetched when volumes change.
import { defineStore } from 'pinia';
import type { Volume } from '../../../src-main/contract/dto/volumes';
import { berth } from '../api';
import { useResourceList } from './resource';

export const useVolumesStore = defineStore('volumes', () =>
  useResourceList<Volume>(() => berth.call('volumes.list', {}), ['volumes.changed']),
);
