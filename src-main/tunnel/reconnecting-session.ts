// The machine's SSH session that logs in again by itself when the connection drops (sshd restarted in the guest).
import { EventEmitter } from 'node:events';
import type { ClientChannel } from 'ssh2';
import type { ExecOptions, ExecResult, SshSession } from './ssh-session';

export interface ReconnectingSessionOptions {
  /** Logs in, retrying until `deadline` (ms since the epoch) or `signal` aborts; rejects when it cannot. */
  connect: (deadline: number, signal: AbortSignal) => Promise<SshSession>;
  /** How long a dropped connection may take to come back before it counts as lost, in ms. */
  reconnectWithinMs: number;
}

export type ReconnectingSessionEvents = {
  /** The connection dropped; logging in again. */
  reconnecting: [reason: string];
  /** Logged in again, `downMs` after the drop. */
  reconnected: [downMs: number];
  /** The connection dropped and did not come back in time; the session is closed for good. */
  lost: [reason: string];
};

/**
 * Channels (forwarded ports, commands) asked for while the connection is down wait for the next login,
 * so a host listener keeps its port and its clients only see a delay. Emits `lost` once when a
 * login does not come back within `reconnectWithinMs`; `close()` never emits it.
 */
export class ReconnectingSession extends EventEmitter<ReconnectingSessionEvents> {
  private current: Promise<SshSession>;
  /** The session while it is connected. */
  private live: SshSession | undefined;
  private closing = false;
  private keepaliveSuspended = false;
  private readonly stopped = new AbortController();

  constructor(
    first: SshSession,
    private readonly options: ReconnectingSessionOptions,
  ) {
    super();
    this.current = Promise.resolve(first);
    this.watch(first);
  }

  openTcp(port: number, host?: string, origin?: { address: string; port: number }): Promise<ClientChannel> {
    return this.onLiveSession((session) => session.openTcp(port, host, origin));
  }

  /** A stream to the unix socket `socketPath` on the server (OpenSSH streamlocal forwarding). */
  openStreamLocal(socketPath: string): Promise<ClientChannel> {
    return this.onLiveSession((session) => session.openStreamLocal(socketPath));
  }

  exec(command: string, options?: ExecOptions): Promise<ExecResult> {
    return this.onLiveSession((session) => session.exec(command, options));
  }

  /** A command's channel, to talk to it while it runs (the data disk frozen for a snapshot). */
  execChannel(command: string): Promise<ClientChannel> {
    return this.onLiveSession((session) => session.execChannel(command));
  }

  /** Stops the keepalive while the VM is paused on purpose; a login meanwhile starts suspended too. */
  suspendKeepalive(): void {
    this.keepaliveSuspended = true;
    void this.current.then((session) => session.suspendKeepalive(), noop);
  }

  resumeKeepalive(): void {
    this.keepaliveSuspended = false;
    void this.current.then((session) => session.resumeKeepalive(), noop);
  }

  /**
   * Logs in no more: a login under way is given up (and closed, should it still succeed), and what
   * waits for one is refused at once; a live connection stays until `close()`.
   */
  stopReconnecting(): void {
    this.closing = true;
    this.stopped.abort();
  }

  /** Ends the connection, logging in no more. */
  async close(): Promise<void> {
    this.stopReconnecting();
    await this.live?.close();
  }

  /**
   * Runs `use` on the session, or the next one when this one dropped under it (a channel asked for
   * just as the connection went is refused; the next login serves it).
   */
  private async onLiveSession<T>(use: (session: SshSession) => Promise<T>): Promise<T> {
    const session = await this.current;
    try {
      return await use(session);
    } catch (error) {
      if (!session.closed || this.closing) throw error;
      return use(await this.current);
    }
  }

  private watch(session: SshSession): void {
    this.live = session;
    session.once('close', ({ error }) => {
      this.live = undefined;
      if (this.closing) return;
      this.reconnect(error?.message ?? 'closed');
    });
  }

  private reconnect(reason: string): void {
    const droppedAt = Date.now();
    this.emit('reconnecting', reason);
    this.current = this.options.connect(droppedAt + this.options.reconnectWithinMs, this.stopped.signal);
    this.current.then(
      (session) => {
        if (this.closing) return void session.close();
        if (this.keepaliveSuspended) session.suspendKeepalive();
        this.watch(session);
        this.emit('reconnected', Date.now() - droppedAt);
      },
      (error: Error) => {
        if (this.closing) return;
        this.closing = true;
        this.emit(
          'lost',
          `The SSH connection to the VM was lost (${reason}) and did not come back within ` +
            `${this.options.reconnectWithinMs / 1000} s: ${error.message}`,
        );
      },
    );
  }
}

function noop(): void {}
