// Engine connection state, kept current by `engine.state` events.
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { EngineStatus } from '../../../src-main/contract/dto/system';
import { berth } from '../api';

export const useEngineStore = defineStore('engine', () => {
  const status = ref<EngineStatus>({ state: 'disconnected', endpoint: '' });
  /** Whether main has told the state yet (before that, `status` is only a placeholder). */
  const known = ref(false);
  const set = (next: EngineStatus) => {
    status.value = next;
    known.value = true;
  };
  berth.on('engine.state', set);
  void berth.call('engine.status', {}).then(set);
  return { status, known };
});
