// A read of one thing that never runs twice at once: asked while it runs, it runs once more right after.
/** `schedule` gathers a burst of asks for `debounceMs` milliseconds first; `cancel` drops a scheduled one. */
export function serialRead(read: () => Promise<void>, debounceMs: number) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<void> | undefined;
  let again = false;

  /** Reads now, or right after the read in progress. */
  function refresh(): Promise<void> {
    if (running) {
      again = true;
      return running;
    }
    running = read().finally(() => {
      running = undefined;
      if (again) {
        again = false;
        void refresh();
      }
    });
    return running;
  }

  function schedule(): void {
    clearTimeout(timer);
    timer = setTimeout(() => void refresh(), debounceMs);
  }

  return { refresh, schedule, cancel: () => clearTimeout(timer) };
}
