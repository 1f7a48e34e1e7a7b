// An xterm.js terminal in an element: fit to the element as it resizes (debounced), search, web links, theme.
import { useDebounceFn } from '@vueuse/core';
import { FitAddon } from '@xterm/addon-fit';
import { SearchAddon, type ISearchOptions } from '@xterm/addon-search';
import { WebLinksAddon } from '@xterm/addon-web-links';
import { Terminal } from '@xterm/xterm';
import '@xterm/xterm/css/xterm.css';
import { onBeforeUnmount, onMounted, ref, shallowRef, watch, type Ref } from 'vue';
import { terminalTheme } from './terminal-theme';

export interface XtermOptions {
  dark: Ref<boolean>;
  /** Keystrokes and pasted text. */
  onData(data: string): void;
  /** The terminal's size changed, in characters. */
  onResize(cols: number, rows: number): void;
}

/** Milliseconds a resize must settle before the terminal refits (dragging a window fires many). */
const FIT_DEBOUNCE_MS = 80;
const FONT = 'ui-monospace, SFMono-Regular, "JetBrains Mono", Menlo, Consolas, monospace';

function searchOptions(dark: boolean): ISearchOptions {
  return {
    decorations: {
      matchBackground: dark ? '#5a4a1a' : '#fff1b8',
      activeMatchBackground: dark ? '#8a6a10' : '#ffd33d',
      matchOverviewRuler: '#d4a72c',
      activeMatchColorOverviewRuler: '#ff9f1a',
    },
  };
}

export function useXterm(host: Ref<HTMLElement | null>, options: XtermOptions) {
  const terminal = shallowRef<Terminal>();
  const fitAddon = new FitAddon();
  const searchAddon = new SearchAddon();
  /** "2 of 5" style position of the current search match; undefined when not searching. */
  const matches = ref<{ index: number; count: number }>();
  let observer: ResizeObserver | undefined;

  /** Refits to the element; does nothing while it is hidden (zero size), e.g. in a background tab. */
  function fit(): void {
    const el = host.value;
    if (!terminal.value || !el || el.clientWidth === 0 || el.clientHeight === 0) return;
    if (fitAddon.proposeDimensions()) fitAddon.fit();
  }
  const debouncedFit = useDebounceFn(fit, FIT_DEBOUNCE_MS);

  onMounted(() => {
    const term = new Terminal({
      fontFamily: FONT,
      fontSize: 13,
      lineHeight: 1.15,
      cursorBlink: true,
      scrollback: 5000,
      allowProposedApi: true,
      theme: terminalTheme(options.dark.value),
    });
    term.loadAddon(fitAddon);
    term.loadAddon(searchAddon);
    term.loadAddon(new WebLinksAddon((_event, uri) => window.open(uri, '_blank', 'noopener')));
    term.onData((data) => options.onData(data));
    term.onResize(({ cols, rows }) => options.onResize(cols, rows));
    searchAddon.onDidChangeResults(({ resultIndex, resultCount }) => {
      matches.value = { index: resultIndex, count: resultCount };
    });
    term.open(host.value!);
    terminal.value = term;
    fit();
    observer = new ResizeObserver(() => void debouncedFit());
    observer.observe(host.value!);
  });

  watch(options.dark, (dark) => {
    if (terminal.value) terminal.value.options.theme = terminalTheme(dark);
  });

  onBeforeUnmount(() => {
    observer?.disconnect();
    terminal.value?.dispose();
    terminal.value = undefined;
  });

  return {
    terminal,
    matches,
    fit,
    /**
     * Highlights every match of `text` and selects one: the next or previous, or (as the user types)
     * the current one grown to the longer text.
     */
    find(text: string, direction: 'next' | 'previous' | 'typing'): void {
      if (!text) {
        searchAddon.clearDecorations();
        matches.value = undefined;
        return;
      }
      const opts = searchOptions(options.dark.value);
      if (direction === 'previous') searchAddon.findPrevious(text, opts);
      else searchAddon.findNext(text, { ...opts, incremental: direction === 'typing' });
    },
    clearSearch(): void {
      searchAddon.clearDecorations();
      matches.value = undefined;
    },
  };
}
