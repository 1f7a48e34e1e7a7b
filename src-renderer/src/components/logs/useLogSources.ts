// The sources of a merged log in the viewer: their names as line prefixes, a colour each, and which are shown.
import { computed, getCurrentScope, markRaw, onScopeDispose, shallowRef, watch } from 'vue';
import { SourceFilter } from './source-filter';
import type { LogSession } from './useLogSession';

/** Colours cycle through this many tones (the Okabe–Ito palette, in log-theme.css as --log-source-N). */
export const SOURCE_TONES = 7;

/**
 * Sources that share a name (a container and the one that replaced it) are one chip: one colour, shown or hidden
 * together. What is hidden is kept by name, so a source that joins under a hidden name stays hidden.
 */
export function useLogSources(session: Pick<LogSession, 'store' | 'sources' | 'onChange'>) {
  const filter = markRaw(new SourceFilter());
  const hiddenNames = new Set<string>();
  /** The hidden sources' indices; changes whenever which are hidden does. */
  const hidden = shallowRef<ReadonlySet<number>>(new Set());
  const names = computed(() => session.sources.value);
  const width = computed(() => names.value.reduce((w, name) => Math.max(w, name.length), 0));
  /** Per source, the first source with its name (whose colour it takes). */
  const firsts = computed(() => names.value.map((name) => names.value.indexOf(name)));
  const tone = (source: number) => (firsts.value[source] ?? source) % SOURCE_TONES;
  /** One chip per name, in the order the names came. */
  const chips = computed(() =>
    names.value.flatMap((name, i) =>
      firsts.value[i] === i ? [{ name, tone: tone(i), off: hidden.value.has(i) }] : [],
    ),
  );

  /** The prefix column's text for `source`: its name padded to the longest, then a bar. */
  function prefix(source: number): string {
    return `${(names.value[source] ?? '?').padEnd(width.value)} |`;
  }

  /** Hides the sources whose names are hidden, and only those. */
  function apply(): void {
    names.value.forEach((name, i) => {
      const off = hiddenNames.has(name);
      if (filter.isHidden(i) !== off) filter.setHidden(i, off);
    });
    hidden.value = new Set(names.value.flatMap((name, i) => (hiddenNames.has(name) ? [i] : [])));
  }

  function toggle(name: string): void {
    if (!hiddenNames.delete(name)) hiddenNames.add(name);
    apply();
  }

  watch(names, apply, { flush: 'sync' });
  const off = session.onChange((change) => {
    if (change.cleared) filter.reset();
    else filter.shift(change.dropped);
  });
  if (getCurrentScope()) onScopeDispose(off);

  return {
    filter,
    hidden,
    names,
    chips,
    prefix,
    toggle,
    tone,
    /** Line `line` belongs to a hidden source (the search leaves it out). */
    hides: (line: number) => filter.hides(session.store, line),
  };
}

export type LogSourcesState = ReturnType<typeof useLogSources>;
