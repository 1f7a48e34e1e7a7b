// The build history, re-fetched when a build ends, and the builds running now kept current from their progress.
import { defineStore } from 'pinia';
import { reactive } from 'vue';
import type { BuildRecord } from '../../../src-main/contract/dto/builds';
import type { BuildRequestInput } from '../../../src-main/contract/methods/builds';
import { berth } from '../api';
import { applyProgress, cacheLine } from '../components/builds/build-view';
import { useActivitiesStore } from './activities';
import { useResourceList } from './resource';

export const useBuildsStore = defineStore('builds', () => {
  const list = useResourceList(() => berth.call('builds.list', {}), []);
  /** Builds started or opened in this window, by id, with their live state. */
  const records = reactive(new Map<string, BuildRecord>());
  /** The header's activity for each build started here. */
  const activityOf = new Map<string, string>();
  const activities = useActivitiesStore();
  const ENDED = { succeeded: 'done', failed: 'failed', cancelled: 'cancelled' } as const;

  berth.on('builds.progress', (progress) => {
    const known = records.get(progress.build);
    if (known) records.set(progress.build, applyProgress(known, progress));
    if (!known || progress.state !== 'running') void list.refresh();
    const activity = activityOf.get(progress.build);
    if (activity) activities.update(activity, { detail: cacheLine(progress) });
    if (activity && progress.state !== 'running') {
      activities.update(activity, { state: ENDED[progress.state], progress: 1, error: progress.error });
      activityOf.delete(progress.build);
    }
  });

  /** Starts a build and follows it; resolves with its id. */
  async function start(request: BuildRequestInput): Promise<string> {
    const { id } = await berth.call('builds.start', request);
    // Cancelled where it shows its steps (the dialog, its page), not from the header's list.
    activityOf.set(id, activities.start(`Build ${request.tags?.[0] ?? request.context}`, false).id);
    // Progress that came before this answer is in the record get() returns.
    const record = await berth.call('builds.get', { id });
    records.set(id, record);
    if (record.state !== 'running') {
      activities.update(activityOf.get(id)!, { state: ENDED[record.state], progress: 1, error: record.error });
      activityOf.delete(id);
    }
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
