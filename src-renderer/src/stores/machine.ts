// Where the engine runs and its state, kept current by `machine.state` events; start, stop, restart and reset.
import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import type { MachineInfo } from '../../../src-main/contract/dto/machine';
import { berth } from '../api';

export type MachineAction = 'start' | 'stop' | 'restart' | 'reset';

export const useMachineStore = defineStore('machine', () => {
  const info = shallowRef<MachineInfo>();
  /** The action under way, if any (one at a time). */
  const busy = ref<MachineAction>();

  berth.on('machine.state', (next) => (info.value = next));
  void berth.call('machine.info', {}).then((next) => (info.value ??= next));

  async function run(action: MachineAction): Promise<void> {
    busy.value = action;
    try {
      if (action === 'reset') await berth.call('machine.reset', { confirm: 'reset' });
      else await berth.call(`machine.${action}`, {});
    } finally {
      busy.value = undefined;
      info.value = await berth.call('machine.info', {}).catch(() => info.value);
    }
  }

  /** Whether Berth runs this engine, and so can start, stop and reset it. */
  const managed = () => info.value !== undefined && info.value.kind !== 'external';

  return { info, busy, run, managed };
});
