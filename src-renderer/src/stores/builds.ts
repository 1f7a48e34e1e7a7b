// The build history, re-fetched when a build ends, and the builds running now kept current from their progress.
import { defineStore } from 'pinia';
import { reactive } from 'vue';
import type { BuildRecord } from '../../../src-main/contract/dto/builds';
import type { BuildRequestInput } from '../../../src-main/contract/methods/builds';
import { berth } from '../api';
import { applyProgress } from '../components/builds/build-view';
import { useResourceList } from './resource';

export const useBuildsStore = defineStore('builds', () => {
  const list = useResourceList(() => berth.call('builds.list', {}), []);
  /** Builds started or opened in this window, by id, with their live state. */
  const records = reactive(new Map<string, BuildRecord>());

  berth.on('builds.progress', (progress) => {
    const known = records.get(progress.build);
    if (known) records.set(progress.build, applyProgress(known, progress));
    if (!known || progress.state !== 'running') void list.refresh();
  });

  /** Starts a build and follows it; resolves with its id. */
  async function start(request: BuildRequestInput): Promise<string> {
    const { id } = await berth.call('builds.start', request);
    // Progress that came before this answer is in the record get() returns.
    records.set(id, await berth.call('builds.get', { id }));
    void list.refresh();
    return id;
  }

  /** Loads a build (from the history, or running) and follows it. */
  async function open(id: string): Promise<BuildRecord> {
    const record = await berth.call('builds.get', { id });
    records.set(id, record);
    return record;
  }

  async function remove(id: string): Promise<void> {
    await berth.call('builds.remove', { id });
    records.delete(id);
    await list.refresh();
  }

  return { ...list, records, start, open, remove, cancel: (id: string) => berth.call('builds.cancel', { id }) };
});
