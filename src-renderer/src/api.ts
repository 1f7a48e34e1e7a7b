// The renderer's one client: window.berth inside Electron, the WebSocket transport in a browser.
import { createClient, type BerthClient } from '../../src-main/contract/client';
import { createWebSocketTransport } from './transport/websocket-client';

function browserTransport() {
  const token = new URLSearchParams(location.search).get('token') ?? sessionStorage.getItem('berth-token') ?? '';
  sessionStorage.setItem('berth-token', token);
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return createWebSocketTransport(
    `${scheme}://${location.host}/api?token=${encodeURIComponent(token)}`,
    (url) => new WebSocket(url),
  );
}

const bridge = window.berth;

export const berth: BerthClient = createClient(
  bridge
    ? {
        invoke: (method, args) => bridge.call(method, args),
        subscribe: (event, listener) => bridge.on(event, listener),
      }
    : browserTransport(),
);
