// The page side of a window: its preload run as Electron runs a sandboxed one (own V8 context, `require` giving only 'electron').
import { readFileSync } from 'node:fs';
import { runInNewContext } from 'node:vm';
import { handlers } from './ipc';
import { recorded } from './recorder';

/** What a page's preload sees of its webContents: its frame URL, main's view of it, and the page's IPC listeners. */
export interface PageHost {
  url: string;
  /** The object main gets as `event.sender` (its recording proxy). */
  sender: object;
  /** Channel listeners of the page, fed by webContents.send. */
  page: NodeJS.EventEmitter;
}

type Listener = (...args: unknown[]) => void;

/** Runs the preload at `path` for `host`; returns what it exposed with contextBridge.exposeInMainWorld, by key. */
export function runPreload(path: string, host: PageHost): Map<string, unknown> {
  const exposed = new Map<string, unknown>();
  const ipcRenderer = recorded('ipcRenderer', {
    async invoke(channel: string, ...args: unknown[]): Promise<unknown> {
      const handler = handlers.get(channel);
      if (!handler)
        throw new Error(`Error invoking remote method '${channel}': No handler registered for '${channel}'`);
      return handler({ senderFrame: { url: host.url }, sender: host.sender }, ...args);
    },
    on(channel: string, listener: Listener): void {
      host.page.on(channel, listener);
    },
    removeListener(channel: string, listener: Listener): void {
      host.page.removeListener(channel, listener);
    },
  });
  const contextBridge = recorded('contextBridge', {
    exposeInMainWorld: (key: string, api: unknown) => void exposed.set(key, api),
  });
  const require = (id: string) => {
    if (id === 'electron') return { contextBridge, ipcRenderer };
    throw new Error(`module not found: ${id}`);
  };
  const module = { exports: {} };
  runInNewContext(readFileSync(path, 'utf8'), { require, module, exports: module.exports }, { filename: path });
  return exposed;
}
