// A page's window.berth forwarded to the preload-exposed bridge of a stand-in main's window, over the stand-in's IPC.
import type { Page } from 'playwright-core';
import type { StandInMain } from '../../support/electron-stand-in/driver';

interface BridgedWindow {
  berthCall(method: string, args: unknown): Promise<unknown>;
  berthOn(event: string): Promise<void>;
  berthDispatch(event: string, payload: unknown): void;
}

/**
 * Before the page's scripts run, defines window.berth = { call, on }: `call` is the child window's
 * window.berth.call (its preload, ipcRenderer.invoke, main's handler); `on` subscribes the child window once per
 * event, and each event it receives is dispatched to the page's listeners. Returns a stop for the event forwarding.
 */
export async function bridgePageToStandIn(page: Page, main: StandInMain, windowId = 1): Promise<() => void> {
  const subscribed = new Set<string>();
  await page.exposeFunction('berthCall', (method: string, args: unknown) => main.pageCall(method, args, windowId));
  await page.exposeFunction('berthOn', async (event: string) => {
    if (subscribed.has(event)) return;
    subscribed.add(event);
    await main.pageOn(event, windowId);
  });
  const stop = main.onPageEvent((pushed) => {
    if (pushed.windowId !== windowId) return;
    void page
      .evaluate(([event, payload]) => (window as unknown as BridgedWindow).berthDispatch(event, payload), [
        pushed.event,
        pushed.payload,
      ] as const)
      .catch(() => undefined);
  });
  await page.addInitScript(() => {
    const bridged = window as unknown as BridgedWindow & { berth: unknown };
    const listeners = new Map<string, Set<(payload: unknown) => void>>();
    bridged.berthDispatch = (event, payload) => {
      for (const listener of listeners.get(event) ?? []) listener(payload);
    };
    bridged.berth = {
      call: (method: string, args: unknown) => bridged.berthCall(method, args),
      on: (event: string, listener: (payload: unknown) => void) => {
        let set = listeners.get(event);
        if (!set) {
          set = new Set();
          listeners.set(event, set);
          bridged
            .berthOn(event)
            .catch((error: unknown) => console.error(`window.berth.on("${event}"): ${String(error)}`));
        }
        set.add(listener);
        return () => set.delete(listener);
      },
    };
  });
  return stop;
}
