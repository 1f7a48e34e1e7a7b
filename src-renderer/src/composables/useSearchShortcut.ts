// "/" focuses the page's search box, unless the user is already typing somewhere.
import { onBeforeUnmount, onMounted, type Ref } from 'vue';

export function useSearchShortcut(input: Ref<{ focus(): void } | null | undefined>): void {
  const onKey = (event: KeyboardEvent) => {
    if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey) return;
    const target = event.target as HTMLElement | null;
    if (target && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))) return;
    if (target?.closest('.xterm')) return;
    event.preventDefault();
    input.value?.focus();
  };
  onMounted(() => window.addEventListener('keydown', onKey));
  onBeforeUnmount(() => window.removeEventListener('keydown', onKey));
}
