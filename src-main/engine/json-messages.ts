// Reads the Engine's JSON message streams (pull, push, build, import) one message at a time.
import type { Readable } from 'node:stream';
import { LineAssembler } from '../core/line-assembler';

export interface JsonMessage {
  id?: string;
  status?: string;
  stream?: string;
  progressDetail?: { current?: number; total?: number };
  error?: string;
  errorDetail?: { message?: string; code?: number };
  aux?: Record<string, unknown>;
}

/** An error the engine reported inside a stream that started with HTTP 200. */
export class EngineStreamError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EngineStreamError';
  }
}

/** Yields each message; throws EngineStreamError for an `error` message. */
export async function* readJsonMessages(stream: Readable): AsyncGenerator<JsonMessage> {
  const lines = new LineAssembler();
  const parse = (line: string): JsonMessage | undefined => {
    const text = line.trim();
    if (!text) return undefined;
    const message = JSON.parse(text) as JsonMessage;
    if (message.error || message.errorDetail?.message) {
      throw new EngineStreamError(message.errorDetail?.message ?? message.error ?? 'engine error');
    }
    return message;
  };
  for await (const chunk of stream) {
    for (const line of lines.push(chunk as Uint8Array)) {
      const message = parse(line);
      if (message) yield message;
    }
  }
  for (const line of lines.flush()) {
    const message = parse(line);
    if (message) yield message;
  }
}
