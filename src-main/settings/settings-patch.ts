// A partial update to the settings: the patch is validated, merged section by section, and the result validated again.
import { parseOrRefuse } from './settings-error';
import {
  parseSettings,
  settingsPatchSchema,
  type Settings,
  type SettingsPatch,
  type SettingsSectionName,
} from './settings-schema';

/**
 * `current` with `patch` applied; pure. Within a section each given field replaces the current one
 * (a list or `window.bounds` as a whole), undefined keeps it and null clears an optional one;
 * `recentImages` is replaced as a whole.
 * @throws SettingsError naming the field ("general.theme: …") when the patch, or the settings it
 * would make, are invalid.
 */
export function applySettingsPatch(current: Settings, patch: SettingsPatch): Settings {
  const { recentImages, ...sections } = parseOrRefuse(settingsPatchSchema, patch);
  const merged: Record<string, unknown> = { ...current, recentImages: recentImages ?? current.recentImages };
  for (const [name, changes] of Object.entries(sections)) {
    if (changes) merged[name] = withChanges(current[name as SettingsSectionName], changes);
  }
  return parseSettings(merged);
}

function withChanges(section: object, changes: object): Record<string, unknown> {
  const next: Record<string, unknown> = { ...section };
  for (const [key, value] of Object.entries(changes)) {
    if (value === null) delete next[key];
    else if (value !== undefined) next[key] = value;
  }
  return next;
}
