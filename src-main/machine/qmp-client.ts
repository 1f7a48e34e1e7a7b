// A QMP (QEMU Machine Protocol) client over a unix socket: connect with retry, commands with their replies, typed events.
import { EventEmitter } from 'node:events';
import { createConnection, type Socket } from 'node:net';
import { LineAssembler } from '../core/line-assembler';

export interface QmpTimestamp {
  seconds: number;
  microseconds: number;
}

/** An asynchronous event as QEMU sent it. */
export interface QmpEvent {
  event: string;
  data: Record<string, unknown>;
  timestamp: QmpTimestamp;
}

/** Payloads of the events Berth acts on, as QEMU 7.2 documents them (`data`; empty events carry {}). */
export interface QmpEventData {
  /** QEMU is about to exit or power off; `guest` is true when the guest asked (e.g. ACPI poweroff). */
  SHUTDOWN: { guest: boolean; reason: string };
  /** The ACPI power button was pressed (system_powerdown). */
  POWERDOWN: Record<string, never>;
  /** The VM's CPUs stopped (paused). */
  STOP: Record<string, never>;
  /** The VM's CPUs run again. */
  RESUME: Record<string, never>;
  RESET: { guest: boolean; reason: string };
  /** The balloon's new size: `actual` bytes of guest memory. */
  BALLOON_CHANGE: { actual: number };
  GUEST_PANICKED: { action: string; info?: Record<string, unknown> };
}

export type QmpEventName = keyof QmpEventData;

/**
 * What a QmpClient emits: `event` for every QMP event; each known event also under its own name
 * with its typed data; `close` once, when the connection is gone (with the error, if one ended it).
 */
export type QmpClientEvents = { event: [QmpEvent]; close: [Error | undefined] } & {
  [K in QmpEventName]: [data: QmpEventData[K], event: QmpEvent];
};

/** QEMU's version from the greeting. */
export interface QmpVersion {
  qemu: { major: number; minor: number; micro: number };
  /** Distribution's package version, e.g. "Debian 1:7.2+dfsg-7". */
  package: string;
}

/** A command QEMU answered with an error: QEMU's error class (e.g. "CommandNotFound") and its description. */
export class QmpError extends Error {
  readonly errorClass: string;
  readonly desc: string;
  readonly command: string;

  constructor(command: string, errorClass: string, desc: string) {
    super(`QEMU refused "${command}": ${desc}`);
    this.name = 'QmpError';
    this.errorClass = errorClass;
    this.desc = desc;
    this.command = command;
  }
}

export interface QmpConnectOptions {
  /** Give up connecting (socket missing or refusing, or no greeting) after this long, in ms; default 10 000. */
  timeoutMs?: number;
  /** Pause between attempts while the socket is missing or refusing, in ms; default 50. */
  retryIntervalMs?: number;
  /** Stops retrying, e.g. when the QEMU process exits before its socket appears. */
  signal?: AbortSignal;
}

interface Pending {
  command: string;
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

interface Reply {
  id?: unknown;
  return?: unknown;
  error?: { class?: string; desc?: string };
}

/** Longest QMP message accepted, in characters (query-qmp-schema is about 200 KB). */
const MAX_MESSAGE_LENGTH = 16 * 1024 * 1024;
const RETRYABLE = new Set(['ENOENT', 'ECONNREFUSED', 'EAGAIN']);

/**
 * One QMP session. QEMU serves one client per socket at a time: a second connection gets its
 * greeting only once the first has closed. Commands may be sent concurrently; each resolves
 * with its own `return` value. All commands still in flight when the connection goes are
 * rejected, except `quit`, which resolves (QEMU may exit before its reply is read).
 */
export class QmpClient extends EventEmitter<QmpClientEvents> {
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private ended = false;
  /** `quit` was sent. */
  private quitting = false;
  private readonly closedPromise: Promise<void>;

  private constructor(
    private readonly socket: Socket,
    readonly version: QmpVersion,
    lines: LineAssembler,
  ) {
    super();
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => {
      for (const line of lines.push(chunk)) this.receive(line);
    });
    socket.resume();
    this.closedPromise = new Promise((resolve) => {
      let failure: Error | undefined;
      socket.on('error', (error: NodeJS.ErrnoException) => {
        // QEMU told to quit may drop the connection hard: that is the quit, not a failure.
        if (!(this.quitting && (error.code === 'ECONNRESET' || error.code === 'EPIPE'))) failure = error;
      });
      socket.on('close', () => {
        this.ended = true;
        for (const [id, entry] of this.pending) {
          this.pending.delete(id);
          if (entry.command === 'quit') entry.resolve({});
          else entry.reject(new Error(`The QMP connection closed before QEMU answered "${entry.command}"`));
        }
        this.emit('close', failure);
        resolve();
      });
    });
  }

  /**
   * Connects to QEMU's QMP socket at `path`, retrying while it does not exist or refuses (QEMU
   * creates it shortly after it starts), reads the greeting and negotiates capabilities.
   */
  static async connect(path: string, options: QmpConnectOptions = {}): Promise<QmpClient> {
    const { timeoutMs = 10_000, retryIntervalMs = 50, signal } = options;
    const deadline = Date.now() + timeoutMs;
    const socket = await connectWithRetry(path, deadline, retryIntervalMs, signal);
    const lines = new LineAssembler({ maxLineLength: MAX_MESSAGE_LENGTH });
    let version: QmpVersion;
    try {
      version = await readGreeting(socket, lines, path, deadline, signal);
    } catch (error) {
      socket.destroy();
      throw error;
    }
    const client = new QmpClient(socket, version, lines);
    try {
      await client.execute('qmp_capabilities');
    } catch (error) {
      await client.close();
      throw error;
    }
    return client;
  }

  /** True once the connection is gone. */
  get closed(): boolean {
    return this.ended;
  }

  /**
   * Runs a QMP command and resolves with its `return` value. Rejects with QmpError when QEMU
   * answers with an error, and with an Error when the connection is or goes away.
   */
  execute<T = unknown>(command: string, args?: Record<string, unknown>): Promise<T> {
    if (this.ended) return Promise.reject(new Error(`The QMP connection is closed; cannot run "${command}"`));
    const id = this.nextId++;
    if (command === 'quit') this.quitting = true;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { command, resolve: resolve as (value: unknown) => void, reject });
      const message = args === undefined ? { execute: command, id } : { execute: command, arguments: args, id };
      this.socket.write(`${JSON.stringify(message)}\n`);
    });
  }

  /** Closes the connection (commands in flight are rejected); resolves once it is closed. */
  close(): Promise<void> {
    this.socket.destroy();
    return this.closedPromise;
  }

  private receive(line: string): void {
    if (!line.trim()) return;
    let message: unknown;
    try {
      message = JSON.parse(line);
    } catch {
      this.socket.destroy(new Error(`QEMU sent a QMP message that is not JSON: ${line.slice(0, 200)}`));
      return;
    }
    if (isRecord(message) && typeof message.event === 'string') {
      const event: QmpEvent = {
        event: message.event,
        data: isRecord(message.data) ? message.data : {},
        timestamp: (message.timestamp as QmpTimestamp | undefined) ?? { seconds: 0, microseconds: 0 },
      };
      this.emit('event', event);
      (this.emit as (name: string, ...args: unknown[]) => boolean)(event.event, event.data, event);
      return;
    }
    if (isRecord(message) && ('return' in message || 'error' in message)) this.settle(message as Reply);
  }

  private settle(reply: Reply): void {
    // QEMU echoes our id; a reply without one (a request it could not parse) answers the oldest.
    const id = typeof reply.id === 'number' ? reply.id : this.pending.keys().next().value;
    if (id === undefined) return;
    const entry = this.pending.get(id);
    if (!entry) return;
    this.pending.delete(id);
    if (reply.error) {
      entry.reject(
        new QmpError(entry.command, reply.error.class ?? 'GenericError', reply.error.desc ?? 'no description'),
      );
    } else {
      entry.resolve(reply.return);
    }
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

async function connectWithRetry(
  path: string,
  deadline: number,
  retryIntervalMs: number,
  signal: AbortSignal | undefined,
): Promise<Socket> {
  for (;;) {
    signal?.throwIfAborted();
    try {
      return await connectOnce(path);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? '';
      if (!RETRYABLE.has(code)) {
        throw new Error(`Cannot connect to QEMU's QMP socket ${path}: ${(error as Error).message}`, { cause: error });
      }
      if (Date.now() + retryIntervalMs > deadline) {
        throw new Error(`QEMU's QMP socket ${path} did not accept a connection in time (last error: ${code})`, {
          cause: error,
        });
      }
      await pause(retryIntervalMs, signal);
    }
  }
}

function connectOnce(path: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = createConnection(path);
    socket.once('connect', () => {
      socket.off('error', reject);
      resolve(socket);
    });
    socket.once('error', reject);
  });
}

function pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Waits for QEMU's {"QMP": {...}} greeting, and pauses the socket until the client takes it over. */
function readGreeting(
  socket: Socket,
  lines: LineAssembler,
  path: string,
  deadline: number,
  signal: AbortSignal | undefined,
): Promise<QmpVersion> {
  return new Promise((resolve, reject) => {
    const finish = (error: Error | undefined, version?: QmpVersion) => {
      socket.pause();
      clearTimeout(timer);
      socket.off('data', onData);
      socket.off('error', onError);
      socket.off('close', onClose);
      signal?.removeEventListener('abort', onAbort);
      if (error) reject(error);
      else resolve(version as QmpVersion);
    };
    const onData = (chunk: Buffer) => {
      const received = lines.push(chunk);
      const first = received.shift();
      if (first === undefined) return;
      // QEMU sends nothing after the greeting until qmp_capabilities, so the greeting is the only line.
      try {
        const greeting = JSON.parse(first) as { QMP?: { version?: QmpVersion } };
        if (!greeting.QMP?.version) throw new Error('no "QMP" greeting');
        finish(undefined, greeting.QMP.version);
      } catch (error) {
        finish(new Error(`${path} is not a QMP socket: ${(error as Error).message}`));
      }
    };
    const onError = (error: Error) => finish(new Error(`QMP socket ${path}: ${error.message}`));
    const onClose = () => finish(new Error(`QEMU closed the QMP socket ${path} before greeting`));
    const onAbort = () => finish(signal?.reason instanceof Error ? signal.reason : new Error('aborted'));
    const timer = setTimeout(
      () =>
        finish(
          new Error(
            `QEMU accepted a connection on ${path} but sent no QMP greeting in time; is another client connected? QEMU serves one at a time`,
          ),
        ),
      Math.max(deadline - Date.now(), 1),
    );
    socket.on('data', onData);
    socket.on('error', onError);
    socket.on('close', onClose);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
