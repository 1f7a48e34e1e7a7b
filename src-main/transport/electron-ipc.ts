// The API over Electron IPC: one ipcMain.handle per method, sender checked, arguments validated by the dispatcher.
// Electron's objects are passed in (typed structurally here) so this module never imports 'electron'.
import { methodNames } from '../contract/api';
import { callChannel, eventChannel } from '../contract/channels';
import type { WireResult } from '../contract/result';
import type { Backend } from '../api/backend';

export interface IpcInvokeEventLike {
  senderFrame: { url: string } | null;
  sender: { id: number };
}

export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcInvokeEventLike, args: unknown) => Promise<WireResult<unknown>>): void;
  removeHandler(channel: string): void;
}

export interface IpcOptions {
  /** True for the URL of a frame Berth itself loaded (its renderer); everything else is refused. */
  isTrustedUrl(url: string): boolean;
}

export function clientIdForWebContents(id: number): string {
  return `window-${id}`;
}

/** Registers a handler per contract method; returns a function that removes them all. */
export function bindIpc(ipcMain: IpcMainLike, backend: Pick<Backend, 'dispatch'>, options: IpcOptions): () => void {
  for (const method of methodNames) {
    ipcMain.handle(callChannel(method), async (event, args) => {
      const url = event.senderFrame?.url;
      if (!url || !options.isTrustedUrl(url)) {
        return {
          ok: false,
          error: { code: 'forbidden', message: `refused a call from an untrusted frame (${url ?? 'none'})` },
        };
      }
      return backend.dispatch(method, args, { client: clientIdForWebContents(event.sender.id) });
    });
  }
  return () => {
    for (const method of methodNames) ipcMain.removeHandler(callChannel(method));
  };
}

/** Sends every backend event on its own channel through `send` (a window's webContents.send). */
export function forwardEventsToWindow(
  backend: Pick<Backend, 'subscribe'>,
  send: (channel: string, payload: unknown) => void,
): () => void {
  return backend.subscribe((name, payload) => send(eventChannel(name), payload));
}
