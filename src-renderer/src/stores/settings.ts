// Berth's settings, kept current by `settings.changed` events; `update` sends a patch and keeps the server's answer.
import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import type { Settings, SettingsPatch } from '../../../src-main/contract/dto/settings';
import { berth } from '../api';

export const useSettingsStore = defineStore('settings', () => {
  const settings = shallowRef<Settings>();
  /** Why the settings could not be read (e.g. none here), shown instead of the page. */
  const loadError = ref<string>();

  berth.on('settings.changed', (next) => (settings.value = next));

  async function load(): Promise<void> {
    try {
      settings.value = await berth.call('settings.get', {});
      loadError.value = undefined;
    } catch (error) {
      loadError.value = error instanceof Error ? error.message : String(error);
    }
  }

  /** Applies `patch`; rejects with the store's message (naming the field) and changes nothing when it is refused. */
  async function update(patch: SettingsPatch): Promise<Settings> {
    const next = await berth.call('settings.update', { patch });
    settings.value = next;
    return next;
  }

  void load();
  return { settings, loadError, load, update };
});
