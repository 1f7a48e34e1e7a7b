// A bare client of Berth's WebSocket transport for tests: raw results (no unwrapping), raw text, and how it closed.
import WebSocket from 'ws';
import type { ServerMessage } from '../../src-main/contract/ws-protocol';
import type { WireResult } from '../../src-main/contract/result';
import { withTimeout } from './wait';

/** Longest a call may take to be answered, in ms. */
const ANSWER_TIMEOUT_MS = 30_000;

export interface RawWebSocket {
  /** Sends a call and resolves with its result as it came over the wire. */
  call(method: string, args: unknown): Promise<WireResult<unknown>>;
  /** Sends `text` as is; resolves with the result for `id` when one is expected. */
  send(text: string, id?: number): Promise<WireResult<unknown> | undefined>;
  /** Resolves with the close code and reason once the server closes the socket. */
  closed: Promise<{ code: number; reason: string }>;
  close(): void;
}

export async function openRawWebSocket(port: number, token: string): Promise<RawWebSocket> {
  const ws = new WebSocket(`ws://127.0.0.1:${port}/api?token=${token}`, { maxPayload: 64 * 1024 * 1024 });
  const pending = new Map<number, (result: WireResult<unknown>) => void>();
  ws.on('message', (data) => {
    const message = JSON.parse(data.toString()) as ServerMessage;
    if (message.type === 'result') pending.get(message.id)?.(message.result);
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  let nextId = 1;
  const send = async (text: string, id?: number) => {
    if (id === undefined) {
      ws.send(text);
      return undefined;
    }
    const answer = new Promise<WireResult<unknown>>((resolve) => pending.set(id, resolve));
    ws.send(text);
    return withTimeout(answer, ANSWER_TIMEOUT_MS).finally(() => pending.delete(id));
  };
  return {
    async call(method, args) {
      const id = nextId++;
      return (await send(JSON.stringify({ type: 'call', id, method, args }), id)) as WireResult<unknown>;
    },
    send,
    closed,
    close: () => ws.close(),
  };
}
