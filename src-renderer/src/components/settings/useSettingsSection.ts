// One settings section being edited: a draft of its fields, what changed, and saving it with the store's verdict.
import { computed, ref, watch, type Ref } from 'vue';
import type { Settings, SettingsPatch } from '../../../../src-main/contract/dto/settings';
import { useSettingsStore } from '../../stores/settings';

type Section = Exclude<keyof Settings, 'version' | 'recentImages'>;

/**
 * `draft` starts as the saved values and follows them while it has no unsaved change. `save()`
 * sends only what changed; a refusal ("machine.cpus: must be …") is kept in `errors` by field.
 */
export function useSettingsSection<S extends Section>(section: S) {
  const store = useSettingsStore();
  const saved = computed(() => store.settings?.[section]);
  const draft = ref() as Ref<Settings[S] | undefined>;
  const errors = ref<Record<string, string>>({});
  const saving = ref(false);

  const changedFields = computed(() => {
    if (!draft.value || !saved.value) return [];
    const before = saved.value as Record<string, unknown>;
    const after = draft.value as Record<string, unknown>;
    return Object.keys(after).filter((key) => JSON.stringify(after[key]) !== JSON.stringify(before[key]));
  });
  const dirty = computed(() => changedFields.value.length > 0);

  watch(
    saved,
    (value) => {
      if (value && !dirty.value) draft.value = structuredClone(value);
    },
    { immediate: true },
  );

  function reset(): void {
    if (saved.value) draft.value = structuredClone(saved.value);
    errors.value = {};
  }

  /** Saves the changed fields; resolves false (with `errors` set) when the store refused them. */
  async function save(): Promise<boolean> {
    if (!draft.value || !dirty.value) return true;
    const fields = Object.fromEntries(
      changedFields.value.map((key) => [key, (draft.value as Record<string, unknown>)[key] ?? null]),
    );
    saving.value = true;
    try {
      await store.update({ [section]: fields } as SettingsPatch);
      errors.value = {};
      if (saved.value) draft.value = structuredClone(saved.value);
      return true;
    } catch (error) {
      errors.value = fieldErrors(section, error instanceof Error ? error.message : String(error));
      return false;
    } finally {
      saving.value = false;
    }
  }

  return { draft, saved, dirty, errors, saving, save, reset };
}

/** "machine.cpus: must be …; machine.memoryMiB: …" → { cpus: 'must be …', memoryMiB: '…' }; other text under "". */
function fieldErrors(section: string, message: string): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const part of message.split(/;\s*|\n/)) {
    const match = new RegExp(`^(?:patch\\.)?${section}\\.([A-Za-z]+)[^:]*:\\s*(.+)$`).exec(part.trim());
    if (match) errors[match[1]!] = match[2]!;
    else if (part.trim()) errors[''] = errors[''] ? `${errors['']}; ${part.trim()}` : part.trim();
  }
  return errors;
}
