// Electron IPC binding with a stand-in ipcMain: one handler per method, untrusted frames refused, events forwarded.
import { describe, expect, it } from 'vitest';
import { methodNames } from '../../../src-main/contract/api';
import type { HubListener } from '../../../src-main/engine/event-hub';
import {
  bindIpc,
  forwardEventsToWindow,
  type IpcInvokeEventLike,
  type IpcMainLike,
} from '../../../src-main/transport/electron-ipc';

type Listener = Parameters<IpcMainLike['handle']>[1];

function fakeIpcMain() {
  const handlers = new Map<string, Listener>();
  const ipc: IpcMainLike = {
    handle: (channel, listener) => {
      if (handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      handlers.set(channel, listener);
    },
    removeHandler: (channel) => handlers.delete(channel),
  };
  return { ipc, handlers };
}

const frame = (url: string | null, id = 7): IpcInvokeEventLike => ({
  senderFrame: url === null ? null : { url },
  sender: { id },
});

describe('bindIpc', () => {
  const calls: unknown[] = [];
  const backend = {
    dispatch: async (method: unknown, args: unknown, context: { client: string }) => {
      calls.push({ method, args, context });
      return { ok: true as const, value: 'done' };
    },
  };
  const trusted = (url: string) => url.startsWith('file:///app/renderer/index.html');

  it('registers exactly one channel per contract method and removes them again', () => {
    const { ipc, handlers } = fakeIpcMain();
    const unbind = bindIpc(ipc, backend, { isTrustedUrl: trusted });
    expect([...handlers.keys()].sort()).toEqual(methodNames.map((m) => `berth:call:${m}`).sort());
    unbind();
    expect(handlers.size).toBe(0);
  });

  it('dispatches calls from the trusted renderer with the window as client', async () => {
    const { ipc, handlers } = fakeIpcMain();
    bindIpc(ipc, backend, { isTrustedUrl: trusted });
    const result = await handlers.get('berth:call:containers.list')!(
      frame('file:///app/renderer/index.html#/containers', 3),
      { all: false },
    );
    expect(result).toEqual({ ok: true, value: 'done' });
    expect(calls.at(-1)).toEqual({ method: 'containers.list', args: { all: false }, context: { client: 'window-3' } });
  });

  it.each([['https://evil.example/'], ['file:///tmp/other.html'], [null]])('refuses a call from %s', async (url) => {
    const { ipc, handlers } = fakeIpcMain();
    bindIpc(ipc, backend, { isTrustedUrl: trusted });
    const before = calls.length;
    const result = await handlers.get('berth:call:containers.remove')!(frame(url), { id: 'x' });
    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(calls.length).toBe(before);
  });
});

describe('forwardEventsToWindow', () => {
  it('sends each event on its own channel until unsubscribed', () => {
    let listener: HubListener | undefined;
    const sent: unknown[] = [];
    const stop = forwardEventsToWindow(
      { subscribe: (l) => ((listener = l), () => (listener = undefined)) },
      (channel, payload) => sent.push([channel, payload]),
    );
    listener?.('containers.changed', { ids: ['a'] });
    stop();
    expect(sent).toEqual([['berth:event:containers.changed', { ids: ['a'] }]]);
    expect(listener).toBeUndefined();
  });
});
