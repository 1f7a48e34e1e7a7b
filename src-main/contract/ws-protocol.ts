// The WebSocket wire format: calls and results matched by id; events pushed with their name, several to a
// message when they come close together.
import type { WireResult } from './result';

export interface CallMessage {
  type: 'call';
  id: number;
  method: string;
  args: unknown;
}

export interface EventMessage {
  event: string;
  payload: unknown;
}

export type ServerMessage =
  { type: 'result'; id: number; result: WireResult<unknown> } | { type: 'events'; events: EventMessage[] };

/** A call, or a description of why the text is not one (with its id when that much was readable). */
export function parseClientMessage(text: string): CallMessage | { error: string; id?: number } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { error: 'message is not JSON' };
  }
  const m = value as Partial<CallMessage> | null;
  const id = typeof m?.id === 'number' && Number.isSafeInteger(m.id) ? m.id : undefined;
  if (!m || m.type !== 'call' || id === undefined || typeof m.method !== 'string') {
    return id === undefined
      ? { error: 'expected { type: "call", id, method, args }' }
      : { error: 'expected { type: "call", id, method, args }', id };
  }
  return { type: 'call', id, method: m.method, args: m.args };
}
