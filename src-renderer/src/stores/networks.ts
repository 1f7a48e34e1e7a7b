// All networks with attached-container counts, re-fetched when networks change.
import { defineStore } from 'pinia';
import type { NetworkSummary } from '../../../src-main/contract/dto/networks';
import { berth } from '../api';
import { useResourceList } from './resource';

export const useNetworksStore = defineStore('networks', () =>
  useResourceList<NetworkSummary>(() => berth.call('networks.list', {}), ['networks.changed']),
);
