// One terminal session seen from the renderer (a container exec or a host shell): open with the events already
// subscribed, ordered input, resize, exit, close.
import type { ArgsOf } from '../../../../src-main/contract/api';
import type { BerthClient } from '../../../../src-main/contract/client';
import type { EventPayload } from '../../../../src-main/contract/events';

/** `exec`: a process in a container; `terminal`: a shell on the user's computer. Same calls and events otherwise. */
export type TerminalKind = 'exec' | 'terminal';

export interface TerminalHandlers {
  /** Output of the process, in order, from its first byte. */
  data(text: string): void;
  /** The process ended; `exitCode` is null when the engine could not tell. */
  exit(exitCode: number | null, error?: string): void;
}

/** Largest input call, in characters (the contract allows 1 MiB). */
export const INPUT_CHUNK_CHARS = 64 * 1024;

type Pending =
  | { kind: 'data'; payload: EventPayload<`${TerminalKind}.data`> }
  | { kind: 'exit'; payload: EventPayload<`${TerminalKind}.exit`> };

/**
 * Events are subscribed before `exec.open` is sent, and those arriving while it is in flight are
 * held, so the shell's first prompt (often sent before the open call returns) is never lost.
 * Input is sent one call at a time, in order; keystrokes typed meanwhile go in the next call.
 */
export class TerminalConnection<K extends TerminalKind> {
  private session: string | undefined;
  private opening = false;
  private held: Pending[] = [];
  private closed = false;
  private exited = false;
  private queuedInput = '';
  private sending = false;
  /** The size asked for while the session was opening, sent once it is open. */
  private sizeWhileOpening: { cols: number; rows: number } | undefined;
  private readonly offs: Array<() => void>;

  constructor(
    private readonly client: Pick<BerthClient, 'call' | 'on'>,
    private readonly kind: K,
    private readonly handlers: TerminalHandlers,
  ) {
    this.offs = [
      client.on(`${kind}.data`, (payload) => this.receive({ kind: 'data', payload })),
      client.on(`${kind}.exit`, (payload) => this.receive({ kind: 'exit', payload })),
    ];
  }

  /** The session id once open. */
  get id(): string | undefined {
    return this.session;
  }

  get running(): boolean {
    return this.session !== undefined && !this.exited && !this.closed;
  }

  /** Starts the process; rejects when the engine refuses (the connection is then closed). */
  async open(request: ArgsOf<`${K}.open`>): Promise<void> {
    this.opening = true;
    try {
      const { session } = await this.client.call<`${TerminalKind}.open`>(`${this.kind}.open`, request);
      this.session = session;
    } catch (error) {
      this.dispose();
      throw error;
    } finally {
      this.opening = false;
    }
    const held = this.held;
    this.held = [];
    if (this.closed) {
      void this.client
        .call<`${TerminalKind}.close`>(`${this.kind}.close`, { session: this.session })
        .catch(() => undefined);
      return;
    }
    for (const event of held) this.deliver(event);
    const size = this.sizeWhileOpening;
    this.sizeWhileOpening = undefined;
    if (size && (size.cols !== request.cols || size.rows !== request.rows)) this.resize(size.cols, size.rows);
    this.flushInput();
  }

  private receive(event: Pending): void {
    if (this.closed) return;
    if (this.opening) this.held.push(event);
    else this.deliver(event);
  }

  private deliver(event: Pending): void {
    if (event.payload.session !== this.session || this.exited) return;
    if (event.kind === 'data') return this.handlers.data(event.payload.data);
    this.exited = true;
    this.queuedInput = '';
    this.handlers.exit(event.payload.exitCode, 'error' in event.payload ? event.payload.error : undefined);
  }

  /** Sends keystrokes or pasted text to the process's stdin. */
  input(data: string): void {
    if (this.closed || this.exited) return;
    this.queuedInput += data;
    this.flushInput();
  }

  private flushInput(): void {
    if (this.sending || !this.session || this.closed || this.exited || !this.queuedInput) return;
    const data = this.queuedInput.slice(0, INPUT_CHUNK_CHARS);
    this.queuedInput = this.queuedInput.slice(data.length);
    this.sending = true;
    void this.client
      .call<`${TerminalKind}.input`>(`${this.kind}.input`, { session: this.session, data })
      .catch(() => undefined) // the process exited meanwhile: the exit event says so
      .finally(() => {
        this.sending = false;
        this.flushInput();
      });
  }

  /** Tells the process its terminal is now `cols` × `rows` characters (once open, if it is still opening). */
  resize(cols: number, rows: number): void {
    if (this.opening) this.sizeWhileOpening = { cols, rows };
    if (!this.running || !this.session) return;
    void this.client
      .call<`${TerminalKind}.resize`>(`${this.kind}.resize`, { session: this.session, cols, rows })
      .catch(() => undefined);
  }

  /** Ends the process (if still running) and stops listening. Idempotent. */
  close(): void {
    if (this.closed) return;
    const session = this.session;
    this.dispose();
    if (session)
      void this.client.call<`${TerminalKind}.close`>(`${this.kind}.close`, { session }).catch(() => undefined);
  }

  private dispose(): void {
    this.closed = true;
    this.held = [];
    this.queuedInput = '';
    for (const off of this.offs) off();
  }
}
