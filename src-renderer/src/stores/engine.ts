// Engine connection state, kept current by `engine.state` events.
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { EngineStatus } from '../../../src-main/contract/dto/system';
import { berth } from '../api';

export const useEngineStore = defineStore('engine', () => {
  const status = ref<EngineStatus>({ state: 'disconnected', endpoint: '' });
  berth.on('engine.state', (next) => (status.value = next));
  void berth.call('engine.status', {}).then((next) => (status.value = next));
  return { status };
});
