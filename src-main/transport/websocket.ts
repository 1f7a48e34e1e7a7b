// The API over a loopback WebSocket (for browser tests and `npm run dev:web`): 127.0.0.1 only,
// a random token required, the Origin checked; the same dispatcher as Electron IPC.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Backend } from '../api/backend';
import { parseClientMessage, type EventMessage, type ServerMessage } from '../contract/ws-protocol';

export type RequestHandler = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

export interface WebServerOptions {
  backend: Pick<Backend, 'dispatch' | 'subscribe' | 'clientGone'>;
  /** 0 picks a free port. */
  port?: number;
  /** Random when omitted. */
  token?: string;
  /** Makes the handler that serves the renderer (static files, or Vite's middleware on this server); 404 when omitted. */
  renderer?: (server: Server) => RequestHandler | Promise<RequestHandler>;
  /** Extra origins allowed to open the socket, e.g. a Vite dev server's. */
  extraOrigins?: string[];
}

export interface WebServer {
  port: number;
  token: string;
  /** The UI's address with the token: opens already connected. */
  url: string;
  close(): Promise<void>;
}

export const WS_PATH = '/api';
const MAX_MESSAGE_BYTES = 16 * 1024 * 1024;
/** Events published within this many milliseconds go out in one message. */
const EVENT_COALESCE_MS = 10;

function sameToken(given: string | null, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function refuse(socket: Duplex, status: number, reason: string): void {
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const { backend } = options;
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  let clients = 0;

  const server = createServer();
  const renderer = await options.renderer?.(server);
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const notFound = () => {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    };
    if (renderer) renderer(req, res, notFound);
    else notFound();
  });

  server.on('upgrade', (req, socket, head) => {
    const port = (server.address() as AddressInfo).port;
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    if (url.pathname !== WS_PATH) {
      // Another upgrade listener (Vite's hot reload) may own this path.
      if (server.listenerCount('upgrade') > 1) return;
      return refuse(socket, 404, 'Not Found');
    }
    if (!sameToken(url.searchParams.get('token'), token)) return refuse(socket, 401, 'Unauthorized');
    const origin = req.headers.origin;
    const allowed = [`http://127.0.0.1:${port}`, `http://localhost:${port}`, ...(options.extraOrigins ?? [])];
    if (origin !== undefined && !allowed.includes(origin)) return refuse(socket, 403, 'Forbidden');
    wss.handleUpgrade(req, socket, head, (ws) => serveClient(ws, `ws-${++clients}`));
  });

  function serveClient(ws: WebSocket, client: string): void {
    const send = (message: ServerMessage) => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
    };
    // Events that come close together (stats for many containers, say) share one message.
    let queued: EventMessage[] = [];
    const flushEvents = () => {
      if (queued.length === 0) return;
      const events = queued;
      queued = [];
      send({ type: 'events', events });
    };
    const unsubscribe = backend.subscribe((event, payload) => {
      if (queued.push({ event, payload }) === 1) setTimeout(flushEvents, EVENT_COALESCE_MS);
    });
    ws.on('message', async (data) => {
      const message = parseClientMessage(data.toString());
      if ('error' in message) {
        if (message.id !== undefined)
          send({
            type: 'result',
            id: message.id,
            result: { ok: false, error: { code: 'invalid-argument', message: message.error } },
          });
        return;
      }
      const result = await backend.dispatch(message.method, message.args, { client });
      // Events published before the result go first, so a client sees them in the order they happened.
      if (queued.length) flushEvents();
      send({ type: 'result', id: message.id, result });
    });
    // A frame over MAX_MESSAGE_BYTES (or a broken one) is an 'error' before ws closes the socket with 1009/1002:
    // without this listener it would be thrown, ending the process.
    ws.on('error', () => {});
    ws.on('close', () => {
      unsubscribe();
      backend.clientGone(client);
    });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    token,
    url: `http://127.0.0.1:${port}/?token=${token}`,
    async close() {
      for (const ws of wss.clients) ws.terminate();
      wss.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
    },
  };
}
