// One shared clock for relative times ("3 minutes ago"): ticks every few seconds while anything shows one.
import { onScopeDispose, ref } from 'vue';

/** How often relative times are brought up to date, in milliseconds. */
export const CLOCK_TICK_MS = 5000;

const now = ref(Date.now());
let users = 0;
let timer: ReturnType<typeof setInterval> | undefined;

export function useClock() {
  users++;
  if (!timer) {
    now.value = Date.now();
    timer = setInterval(() => (now.value = Date.now()), CLOCK_TICK_MS);
  }
  onScopeDispose(() => {
    if (--users === 0 && timer) {
      clearInterval(timer);
      timer = undefined;
    }
  });
  return now;
}
