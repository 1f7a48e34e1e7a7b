// Light and dark themes for Naive UI: the OS decides unless the user picked one; one accent colour.
import { useOsTheme, darkTheme, type GlobalThemeOverrides } from 'naive-ui';
import { computed, ref, watch } from 'vue';

export type ThemeChoice = 'system' | 'light' | 'dark';

const STORAGE_KEY = 'berth.theme';
const stored = localStorage.getItem(STORAGE_KEY);
const choice = ref<ThemeChoice>(stored === 'light' || stored === 'dark' ? stored : 'system');
watch(choice, (value) => localStorage.setItem(STORAGE_KEY, value));

const ACCENT = {
  primaryColor: '#2f6feb',
  primaryColorHover: '#4a84f0',
  primaryColorPressed: '#2459c4',
  primaryColorSuppl: '#4a84f0',
};
const MONO = 'ui-monospace, SFMono-Regular, "JetBrains Mono", Menlo, Consolas, monospace';

const common: GlobalThemeOverrides['common'] = {
  ...ACCENT,
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", sans-serif',
  fontFamilyMono: MONO,
  fontSize: '13px',
  fontSizeMedium: '13px',
  borderRadius: '6px',
};

export function useTheme() {
  const os = useOsTheme();
  const dark = computed(() => (choice.value === 'system' ? os.value === 'dark' : choice.value === 'dark'));
  const theme = computed(() => (dark.value ? darkTheme : null));
  const overrides = computed<GlobalThemeOverrides>(() => ({
    common: {
      ...common,
      ...(dark.value
        ? { bodyColor: '#16181c', cardColor: '#1c1f24', modalColor: '#1f2228', popoverColor: '#23262d' }
        : {}),
    },
    DataTable: { thPaddingMedium: '8px 12px', tdPaddingMedium: '6px 12px', thFontWeight: '500' },
  }));
  watch(dark, (value) => document.documentElement.classList.toggle('dark', value), { immediate: true });
  return { choice, dark, theme, overrides };
}
