// The client side of the WebSocket transport: calls matched to results by id, events fanned out to listeners.
import type { ClientTransport } from '../../../src-main/contract/client';
import type { WireResult } from '../../../src-main/contract/result';
import type { CallMessage, ServerMessage } from '../../../src-main/contract/ws-protocol';

/** What is used of a WebSocket: the browser's and the `ws` package's both fit. */
export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(): void;
  addEventListener(type: 'open' | 'close' | 'error', listener: () => void): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
}

export interface WebSocketTransport extends ClientTransport {
  /** Resolves when the socket is open; rejects if it fails first. */
  ready: Promise<void>;
  close(): void;
}

const OPEN = 1;

export function createWebSocketTransport(url: string, open: (url: string) => SocketLike): WebSocketTransport {
  const socket = open(url);
  const pending = new Map<number, (result: WireResult<unknown>) => void>();
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  let nextId = 1;
  let closed = false;

  const ready = new Promise<void>((resolve, reject) => {
    socket.addEventListener('open', () => resolve());
    socket.addEventListener('error', () =>
      reject(new Error(`cannot connect to ${url.replace(/token=[^&]+/, 'token=…')}`)),
    );
  });
  ready.catch(() => undefined);

  socket.addEventListener('message', (event) => {
    const message = JSON.parse(String(event.data)) as ServerMessage;
    if (message.type === 'result') {
      pending.get(message.id)?.(message.result);
      pending.delete(message.id);
    } else {
      for (const { event, payload } of message.events) {
        for (const listener of listeners.get(event) ?? []) listener(payload);
      }
    }
  });
  socket.addEventListener('close', () => {
    closed = true;
    for (const resolve of pending.values()) {
      resolve({ ok: false, error: { code: 'engine-unavailable', message: 'the connection to Berth closed' } });
    }
    pending.clear();
  });

  return {
    ready,
    async invoke(method, args) {
      await ready;
      if (closed || socket.readyState !== OPEN) {
        return { ok: false, error: { code: 'engine-unavailable', message: 'the connection to Berth is closed' } };
      }
      const id = nextId++;
      const message: CallMessage = { type: 'call', id, method, args };
      return new Promise((resolve) => {
        pending.set(id, resolve);
        socket.send(JSON.stringify(message));
      });
    },
    subscribe(event, listener) {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(listener);
      return () => set.delete(listener);
    },
    close: () => socket.close(),
  };
}
