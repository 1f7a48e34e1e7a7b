// Times what the page shows by the page's own clock: a condition on the DOM polled inside the page every few ms.
import type { Page } from 'playwright-core';

/** How often the page checks, in milliseconds. */
const POLL_MS = 10;

/**
 * The page's `Date.now()` when `selector` first matches (`present`) or first matches nothing (`absent`); rejects
 * after `timeoutMs`. Start it before the change, so the time is the change's, not the call's.
 */
export async function timeInPage(
  page: Page,
  selector: string,
  state: 'present' | 'absent',
  timeoutMs: number,
): Promise<number> {
  const handle = await page.waitForFunction(
    ([s, wanted]) => (document.querySelector(s) !== null) === (wanted === 'present') && Date.now(),
    [selector, state] as const,
    { polling: POLL_MS, timeout: timeoutMs },
  );
  return (await handle.jsonValue()) as number;
}
