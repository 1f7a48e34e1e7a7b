// Preload: exposes window.berth = { call, on } for the contract's methods and events only; nothing else of Electron.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { isMethodName } from '../contract/api';
import { callChannel, eventChannel } from '../contract/channels';
import { isEventName } from '../contract/events';
import type { WireResult } from '../contract/result';

/**
 * `call` resolves to a WireResult rather than throwing: an Error crossing the context bridge loses
 * its fields (code, status), so the renderer's client unwraps it into a BerthError itself.
 */
const berth = {
  call(method: unknown, args: unknown): Promise<WireResult<unknown>> {
    if (!isMethodName(method)) {
      return Promise.resolve({
        ok: false,
        error: { code: 'unknown-method', message: `unknown method "${String(method)}"` },
      });
    }
    return ipcRenderer.invoke(callChannel(method), args) as Promise<WireResult<unknown>>;
  },
  on(event: unknown, listener: (payload: unknown) => void): () => void {
    if (!isEventName(event)) throw new Error(`unknown event "${String(event)}"`);
    if (typeof listener !== 'function') throw new Error('listener must be a function');
    const channel = eventChannel(event);
    const wrapped = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on(channel, wrapped);
    return () => {
      ipcRenderer.removeListener(channel, wrapped);
    };
  },
};

contextBridge.exposeInMainWorld('berth', berth);
