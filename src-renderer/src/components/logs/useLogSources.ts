// The sources of a merged log in the viewer: their names as line prefixes, a colour each, and which are shown.
import { computed, getCurrentScope, markRaw, onScopeDispose, shallowRef } from 'vue';
import { SourceFilter } from './source-filter';
import type { LogSession } from './useLogSession';

/** Colours cycle through this many tones (the Okabe–Ito palette, in log-theme.css as --log-source-N). */
export const SOURCE_TONES = 7;

export function useLogSources(session: Pick<LogSession, 'store' | 'sources' | 'onChange'>) {
  const filter = markRaw(new SourceFilter());
  /** Changes whenever which sources are hidden does. */
  const hidden = shallowRef<ReadonlySet<number>>(new Set());
  const names = computed(() => session.sources.value);
  const width = computed(() => names.value.reduce((w, name) => Math.max(w, name.length), 0));

  /** The prefix column's text for `source`: its name padded to the longest, then a bar. */
  function prefix(source: number): string {
    return `${(names.value[source] ?? '?').padEnd(width.value)} |`;
  }

  function toggle(source: number): void {
    filter.setHidden(source, !filter.isHidden(source));
    hidden.value = new Set(names.value.map((_, i) => i).filter((i) => filter.isHidden(i)));
  }

  const off = session.onChange((change) => {
    if (change.cleared) filter.reset();
    else filter.shift(change.dropped);
  });
  if (getCurrentScope()) onScopeDispose(off);

  return {
    filter,
    hidden,
    names,
    prefix,
    toggle,
    tone: (source: number) => source % SOURCE_TONES,
    /** Line `line` belongs to a hidden source (the search leaves it out). */
    hides: (line: number) => filter.hides(session.store, line),
  };
}

export type LogSourcesState = ReturnType<typeof useLogSources>;
