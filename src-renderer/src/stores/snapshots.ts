// The VM's data disk snapshots: listed when Berth runs the VM, re-read after each machine state change; take, restore, delete.
import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import type { DiskSnapshotList } from '../../../src-main/contract/dto/machine';
import { berth } from '../api';

export type SnapshotAction = 'create' | 'restore' | 'delete';

export const useSnapshotsStore = defineStore('snapshots', () => {
  const list = shallowRef<DiskSnapshotList>();
  const error = ref<string>();
  /** The action under way, if any (one at a time). */
  const busy = ref<SnapshotAction>();

  async function load(): Promise<void> {
    try {
      list.value = await berth.call('machine.snapshots.list', {});
      error.value = undefined;
    } catch (e) {
      error.value = e instanceof Error ? e.message : String(e);
    }
  }

  async function run(action: SnapshotAction, name?: string): Promise<void> {
    busy.value = action;
    try {
      if (action === 'create') list.value = await berth.call('machine.snapshots.create', {});
      else list.value = await berth.call(`machine.snapshots.${action}`, { name: name ?? '' });
    } finally {
      busy.value = undefined;
    }
  }

  return { list, error, busy, load, run };
});
