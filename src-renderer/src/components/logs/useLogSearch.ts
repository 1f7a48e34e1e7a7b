// Search state for the logs view: the query, its matches (searched in time slices), the current match, next/previous.
import { computed, getCurrentScope, markRaw, onScopeDispose, ref, shallowRef } from 'vue';
import { LogSearch } from './log-search';
import type { LogSession } from './useLogSession';

/** Longest stretch of searching before the page gets a turn, in milliseconds. */
export const SEARCH_SLICE_MS = 30;

const clock = () => performance.now();

/**
 * `apply(query)` starts a search; matches are found in slices of SEARCH_SLICE_MS and lines that stream
 * in are searched as they arrive. When a new query has been searched through, `pickStart` chooses the
 * current match (the first at or after the line it returns) and `onReveal` is asked to show it.
 */
export function useLogSearch(
  session: Pick<LogSession, 'store' | 'onChange'>,
  hooks: { pickStart: () => number; onReveal: (match: number) => void; hidden?: (line: number) => boolean },
) {
  const search = markRaw(new LogSearch(hooks.hidden));
  /** Changes whenever the matches do. */
  const version = shallowRef(0);
  const current = ref(-1);
  const searching = ref(false);
  const query = ref('');
  let timer: ReturnType<typeof setTimeout> | undefined;
  let choosePending = false;

  const count = computed(() => (version.value, search.count));
  const lineCount = computed(() => (version.value, search.lineCount));

  function step(): void {
    timer = undefined;
    const done = search.advance(session.store, clock, clock() + SEARCH_SLICE_MS);
    version.value++;
    if (!done) {
      timer = setTimeout(step, 0);
      return;
    }
    searching.value = false;
    if (choosePending) {
      choosePending = false;
      if (search.count > 0) {
        const first = search.firstFrom(hooks.pickStart());
        select(first < search.count ? first : search.count - 1);
      }
    }
  }

  function run(): void {
    if (timer !== undefined || !query.value) return;
    searching.value = true;
    timer = setTimeout(step, 0);
  }

  /** Searches for `text` (case ignored); the empty string ends the search. */
  function apply(text: string): void {
    if (!search.setQuery(text)) return;
    query.value = search.text;
    current.value = -1;
    choosePending = true;
    clearTimeout(timer);
    timer = undefined;
    searching.value = false;
    version.value++;
    run();
  }

  /** Searches again from the start (the lines shown changed), keeping the query. */
  function restart(): void {
    if (!query.value) return;
    clearTimeout(timer);
    timer = undefined;
    search.reset();
    current.value = -1;
    choosePending = true;
    version.value++;
    run();
  }

  function select(match: number): void {
    current.value = match;
    if (match >= 0) hooks.onReveal(match);
  }

  function next(): void {
    if (search.count === 0) return;
    select(current.value < 0 ? 0 : (current.value + 1) % search.count);
  }

  function previous(): void {
    if (search.count === 0) return;
    select(current.value <= 0 ? search.count - 1 : current.value - 1);
  }

  const offChange = session.onChange((change) => {
    if (!query.value) return;
    if (change.cleared) {
      search.reset();
      current.value = -1;
      version.value++;
    } else if (change.dropped > 0) {
      const before = search.count;
      search.shift(change.dropped);
      current.value = Math.max(-1, current.value - (before - search.count));
      version.value++;
    }
    run();
  });

  if (getCurrentScope())
    onScopeDispose(() => {
      clearTimeout(timer);
      offChange();
    });

  return { search, version, query, current, count, lineCount, searching, apply, restart, next, previous, select };
}

export type LogSearchState = ReturnType<typeof useLogSearch>;
