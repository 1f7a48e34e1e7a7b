// One long-lived SSH connection to the machine's guest (pinned host key, no Nagle); every forward and command is a channel on it.
import { EventEmitter } from 'node:events';
import ssh2, { type Client as SshClient, type ClientChannel } from 'ssh2';

// ssh2 is CommonJS: Node's ESM loader sees only its default export.
const { Client } = ssh2;
import { fingerprintOf, hostKeyAlgorithmsFor, parseOpenSshPublicKey } from './host-key';
import { Keepalive } from './keepalive';

export type { ClientChannel } from 'ssh2';

export interface SshConnectOptions {
  host: string;
  port: number;
  username: string;
  /** Private key, OpenSSH or PEM format; or leave it out and give `agent`. Never logged. */
  privateKey?: string | Buffer;
  /** The private key's passphrase, when it has one. Never logged. */
  passphrase?: string;
  /** An SSH agent's socket (SSH_AUTH_SOCK) to log in with the keys it holds. */
  agent?: string;
  /**
   * The guest's host public key as an OpenSSH line, `ssh-ed25519 AAAA… [comment]` (what
   * `ssh-keygen` writes to the `.pub` file). Only this key is accepted; any other fails the connection.
   */
  hostKey: string;
  /** Give up on connect + handshake + login after this long, in ms (default 20 000). */
  readyTimeoutMs?: number;
  /** Send an SSH keepalive this often, in ms (default 10 000; 0 turns them off). After 3 unanswered ones the connection is dropped. */
  keepaliveIntervalMs?: number;
}

export interface ExecOptions {
  /** Keep at most this many bytes of stdout and of stderr each (default 1 MiB); the rest is dropped and `truncated` set. */
  maxOutputBytes?: number;
  /** Close the channel and reject if the command has not finished after this long, in ms (default: no limit). */
  timeoutMs?: number;
}

export interface ExecResult {
  /** Exit status; null when the command was ended by a signal (see `signal`). */
  code: number | null;
  signal?: string;
  stdout: string;
  stderr: string;
  /** True when stdout or stderr was longer than `maxOutputBytes` and was cut. */
  truncated: boolean;
}

export interface ShellOptions {
  rows: number;
  cols: number;
  /** TERM for the guest side (default 'xterm-256color'). */
  term?: string;
  /** Run this command under the terminal instead of the login shell. */
  command?: string;
}

/** An interactive terminal in the guest: `stream` carries keystrokes in and screen output out. */
export interface ShellSession {
  stream: ClientChannel;
  /** Tells the guest the terminal's new size, in character cells. */
  resize(rows: number, cols: number): void;
  /** Resolves with the exit status once the shell or command ends (null when ended by a signal). */
  exited: Promise<number | null>;
}

/** Why the connection ended: `error` is set unless `close()` was called. */
export interface SshCloseInfo {
  error?: Error;
}

export type SshSessionEvents = { close: [info: SshCloseInfo] };

/** The pinned host key did not match the one the server presented. */
export class HostKeyMismatchError extends Error {
  readonly expected: string;
  readonly seen: string;

  constructor(target: string, expected: string, seen: string) {
    super(
      `The SSH host key of ${target} is ${seen}, but Berth expects ${expected}. ` +
        'Refusing to connect: this is not the machine Berth created (or someone is intercepting the connection). ' +
        "If the machine's keys were reset, reset the machine so Berth can pin its new key.",
    );
    this.name = 'HostKeyMismatchError';
    this.expected = expected;
    this.seen = seen;
  }
}

const DEFAULT_READY_TIMEOUT_MS = 20_000;
const DEFAULT_KEEPALIVE_INTERVAL_MS = 10_000;
const KEEPALIVE_COUNT_MAX = 3;
/** The address the keepalive probe "cancels" a forward for: never one Berth forwards. */
const KEEPALIVE_PROBE_ADDRESS = 'berth-keepalive.invalid';
const DEFAULT_MAX_OUTPUT_BYTES = 1024 * 1024;
/** How long close() waits for the guest to acknowledge the disconnect before dropping the socket, in ms. */
const CLOSE_GRACE_MS = 2_000;

/**
 * A connected SSH client. Opening a channel costs one round trip on the existing connection
 * (a new login costs over a second under TCG), so there is exactly one connection per machine.
 * Emits `close` once, when the connection is gone; every channel on it is gone too.
 */
export class SshSession extends EventEmitter<SshSessionEvents> {
  private closedInfo: SshCloseInfo | undefined;
  private closeRequested = false;
  private lastError: Error | undefined;
  private readonly closedPromise: Promise<void>;
  private readonly keepalive: Keepalive;

  private constructor(
    private readonly client: SshClient,
    private readonly keepaliveIntervalMs: number,
  ) {
    super();
    this.keepalive = new Keepalive({
      intervalMs: keepaliveIntervalMs,
      maxUnanswered: KEEPALIVE_COUNT_MAX,
      // A global request the server must answer: cancelling a forward that was never asked for
      // (OpenSSH answers "failure", as its own keepalive@openssh.com requests get).
      probe: (answered) => {
        try {
          this.client.unforwardIn(KEEPALIVE_PROBE_ADDRESS, 0, () => answered());
        } catch {
          // Not writable: the close that follows says why.
        }
      },
      onDead: (silentMs) => {
        this.lastError ??= new Error(`The machine stopped answering over SSH (nothing for ${silentMs / 1000} s)`);
        this.client.destroy();
      },
    });
    if (this.keepaliveIntervalMs > 0) this.keepalive.start();
    client.on('error', (error) => {
      this.lastError ??= error;
    });
    this.closedPromise = new Promise((resolve) => {
      client.once('close', () => {
        this.keepalive.stop();
        const error = this.closeRequested
          ? undefined
          : (this.lastError ?? new Error('The SSH connection to the machine closed unexpectedly'));
        this.closedInfo = error ? { error } : {};
        this.emit('close', this.closedInfo);
        resolve();
      });
    });
  }

  /**
   * Connects, checks the host key against `hostKey`, logs in with the private key, then runs
   * `true` once: OpenSSH's sshd turns off Nagle on its side (TCP_NODELAY) only when a session
   * runs a command, and without that a forwarded engine call can wait tens of ms for a delayed ACK.
   */
  static async connect(options: SshConnectOptions): Promise<SshSession> {
    const pinned = parseOpenSshPublicKey(options.hostKey);
    const target = `${options.host}:${options.port}`;
    const client = new Client();
    let seenKey: Buffer | undefined;
    await new Promise<void>((resolve, reject) => {
      const onError = (error: Error) => {
        client.removeListener('ready', onReady);
        // A failing connection can report more than one error; the first one decides.
        client.on('error', () => undefined);
        client.end();
        if (seenKey && !seenKey.equals(pinned.blob)) {
          reject(new HostKeyMismatchError(target, pinned.fingerprint, fingerprintOf(seenKey)));
        } else {
          reject(new Error(`Could not open an SSH connection to the machine at ${target}: ${error.message}`));
        }
      };
      const onReady = () => {
        client.removeListener('error', onError);
        resolve();
      };
      client.once('error', onError);
      client.once('ready', onReady);
      client.connect({
        host: options.host,
        port: options.port,
        username: options.username,
        ...(options.privateKey === undefined ? {} : { privateKey: options.privateKey }),
        ...(options.passphrase === undefined ? {} : { passphrase: options.passphrase }),
        ...(options.agent === undefined ? {} : { agent: options.agent }),
        readyTimeout: options.readyTimeoutMs ?? DEFAULT_READY_TIMEOUT_MS,
        // Berth's own keepalive (below) instead of ssh2's, which cannot be suspended while the VM is paused.
        keepaliveInterval: 0,
        algorithms: { serverHostKey: hostKeyAlgorithmsFor(pinned) },
        hostVerifier: (key: Buffer) => {
          seenKey = Buffer.from(key);
          return seenKey.equals(pinned.blob);
        },
      });
      // Each engine call is a few small packets each way: Nagle would hold them for a delayed ACK.
      client.setNoDelay(true);
    });
    const session = new SshSession(client, options.keepaliveIntervalMs ?? DEFAULT_KEEPALIVE_INTERVAL_MS);
    await session.exec('true', { timeoutMs: options.readyTimeoutMs ?? DEFAULT_READY_TIMEOUT_MS }).catch(() => {
      // Only a latency optimisation: a guest that refuses commands still forwards.
    });
    return session;
  }

  /** True once the connection is gone. */
  get closed(): boolean {
    return this.closedInfo !== undefined;
  }

  /** Resolves once the connection is gone. */
  whenClosed(): Promise<void> {
    return this.closedPromise;
  }

  /** A stream to the guest's unix socket `socketPath` (OpenSSH direct-streamlocal). */
  openStreamLocal(socketPath: string): Promise<ClientChannel> {
    return this.openChannel(`the guest socket ${socketPath}`, (callback) =>
      this.client.openssh_forwardOutStreamLocal(socketPath, callback),
    );
  }

  /**
   * A stream to TCP `host:port` as seen from the guest (default host 127.0.0.1). `origin` is the
   * host-side peer, which sshd only logs.
   */
  openTcp(port: number, host = '127.0.0.1', origin = { address: '127.0.0.1', port: 0 }): Promise<ClientChannel> {
    return this.openChannel(`${host}:${port} in the guest`, (callback) =>
      this.client.forwardOut(origin.address, origin.port, host, port, callback),
    );
  }

  /** Runs `command` through the guest user's shell and collects its exit status and (bounded) output. */
  exec(command: string, options: ExecOptions = {}): Promise<ExecResult> {
    const limit = options.maxOutputBytes ?? DEFAULT_MAX_OUTPUT_BYTES;
    return new Promise((resolve, reject) => {
      this.client.exec(command, (error, channel) => {
        if (error) {
          reject(new Error(`Could not run "${command}" in the machine: ${error.message}`));
          return;
        }
        const stdout = new BoundedText(limit);
        const stderr = new BoundedText(limit);
        let code: number | null = null;
        let signal: string | undefined;
        let timer: NodeJS.Timeout | undefined;
        if (options.timeoutMs !== undefined) {
          timer = setTimeout(() => {
            channel.close();
            reject(new Error(`"${command}" in the machine did not finish within ${options.timeoutMs} ms`));
          }, options.timeoutMs);
        }
        channel.on('data', (chunk: Buffer) => stdout.push(chunk));
        channel.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
        channel.on('exit', (exitCode: number | null, exitSignal?: string) => {
          code = typeof exitCode === 'number' ? exitCode : null;
          if (exitSignal) signal = exitSignal;
        });
        channel.on('close', () => {
          clearTimeout(timer);
          resolve({
            code,
            ...(signal ? { signal } : {}),
            stdout: stdout.text(),
            stderr: stderr.text(),
            truncated: stdout.truncated || stderr.truncated,
          });
        });
      });
    });
  }

  /** Runs `command` through the guest user's shell; its output is the channel's (stderr on `channel.stderr`). */
  execChannel(command: string): Promise<ClientChannel> {
    return new Promise((resolve, reject) => {
      this.client.exec(command, (error, channel) =>
        error ? reject(new Error(`Could not run "${command}" in the machine: ${error.message}`)) : resolve(channel),
      );
    });
  }

  /** An interactive terminal (pty) in the guest, e.g. for `berth machine ssh`. */
  shell(options: ShellOptions): Promise<ShellSession> {
    const pty = { rows: options.rows, cols: options.cols, term: options.term ?? 'xterm-256color' };
    return new Promise((resolve, reject) => {
      const done = (error: Error | undefined, stream: ClientChannel) => {
        if (error) {
          reject(new Error(`Could not open a terminal in the machine: ${error.message}`));
          return;
        }
        const exited = new Promise<number | null>((resolveExit) => {
          let code: number | null = null;
          stream.on('exit', (exitCode: number | null) => {
            code = typeof exitCode === 'number' ? exitCode : null;
          });
          stream.on('close', () => resolveExit(code));
        });
        resolve({ stream, exited, resize: (rows, cols) => stream.setWindow(rows, cols, 0, 0) });
      };
      if (options.command === undefined) this.client.shell(pty, done);
      else this.client.exec(options.command, { pty }, done);
    });
  }

  /** Stops the keepalive while the VM is paused on purpose (it cannot answer then). */
  suspendKeepalive(): void {
    this.keepalive.suspend();
  }

  /** Starts the keepalive afresh after the VM resumed. */
  resumeKeepalive(): void {
    if (!this.closed && this.keepaliveIntervalMs > 0) this.keepalive.resume();
  }

  /** Ends the connection (and every channel on it); resolves once it is closed (dropped after CLOSE_GRACE_MS if the guest does not answer). */
  async close(): Promise<void> {
    if (!this.closed && !this.closeRequested) {
      this.closeRequested = true;
      this.client.end();
      const timer = setTimeout(() => this.client.destroy(), CLOSE_GRACE_MS);
      await this.closedPromise;
      clearTimeout(timer);
    }
    return this.closedPromise;
  }

  private openChannel(
    what: string,
    open: (callback: (error: Error | undefined, channel: ClientChannel) => void) => void,
  ): Promise<ClientChannel> {
    if (this.closed) return Promise.reject(new Error(`Cannot reach ${what}: the SSH connection is closed`));
    return new Promise((resolve, reject) => {
      open((error, channel) => {
        if (error) reject(new Error(`Cannot reach ${what}: ${error.message}`));
        else resolve(channel);
      });
    });
  }
}

/** Collects up to `limit` bytes of a stream and remembers whether more came. */
class BoundedText {
  private readonly chunks: Buffer[] = [];
  private size = 0;
  truncated = false;

  constructor(private readonly limit: number) {}

  push(chunk: Buffer): void {
    const room = this.limit - this.size;
    if (chunk.length > room) this.truncated = true;
    if (room <= 0) return;
    const kept = chunk.length > room ? chunk.subarray(0, room) : chunk;
    this.chunks.push(kept);
    this.size += kept.length;
  }

  text(): string {
    return Buffer.concat(this.chunks).toString('utf8');
  }
}
