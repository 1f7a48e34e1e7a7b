// An ssh:// engine: one SSH login (host key pinned) that logs in again by itself, and a local 0600 socket whose every
// connection is a streamlocal channel to the remote engine's socket; dockerode and the CLI use that socket.
import { parseEngineAddress, type EngineEndpoint } from '../engine/endpoint';
import { InvalidArgumentError } from '../engine/errors';
import { ReconnectingSession } from '../tunnel/reconnecting-session';
import { SocketForwarder } from '../tunnel/socket-forwarder';
import { loginWithRetries } from '../tunnel/ssh-login';
import type { SshSession } from '../tunnel/ssh-session';

export interface SshEngineOptions {
  /** `ssh://user@host[:port]` */
  address: string;
  /** The private key to log in with, OpenSSH or PEM. Never logged. */
  privateKey: string;
  /** The server's host key as an OpenSSH line, pinned when the engine was added (see probeHostKey). */
  hostKey: string;
  /** The local socket Berth serves for this engine (its folder made 0700, the socket 0600). */
  socketPath: string;
  /** The engine's socket on the server (default /var/run/docker.sock). */
  remoteSocket?: string;
  /** Longest the first login may take, in ms (default 20 000). */
  loginTimeoutMs?: number;
}

export interface SshTarget {
  username: string;
  host: string;
  port: number;
}

const DEFAULT_REMOTE_SOCKET = '/var/run/docker.sock';
/** How long a dropped connection (sshd restarted, network blip) may take to come back, in ms. */
const RECONNECT_WITHIN_MS = 5 * 60_000;
const LOGIN_RETRY_MS = 1_000;
const LOGIN_ATTEMPT_MS = 15_000;

/** `ssh://user@host[:port]` → its parts; the user is required (Berth does not guess one). */
export function parseSshAddress(address: string): SshTarget {
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    throw new InvalidArgumentError('address', `"${address}" is not an ssh://user@host[:port] address`);
  }
  if (url.protocol !== 'ssh:' || !url.hostname || (url.pathname !== '' && url.pathname !== '/'))
    throw new InvalidArgumentError('address', `"${address}" is not an ssh://user@host[:port] address`);
  if (!url.username) throw new InvalidArgumentError('address', `"${address}" names no user (ssh://user@host)`);
  return {
    username: decodeURIComponent(url.username),
    host: url.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: url.port ? Number(url.port) : 22,
  };
}

/** A host key that is not the pinned one, in words for an engine the user added (not Berth's own VM). */
export class RemoteHostKeyChangedError extends Error {
  constructor(target: string, expected: string, seen: string) {
    super(
      `The SSH host key of ${target} is now ${seen}, but it was ${expected} when this engine was added. ` +
        'Refusing to connect: the server was reinstalled or its keys replaced, or someone is intercepting the ' +
        'connection. If you trust the new key, remove the engine and add it again.',
    );
    this.name = 'RemoteHostKeyChangedError';
  }
}

export class SshEngine {
  private constructor(
    private readonly session: ReconnectingSession,
    private readonly socket: SocketForwarder,
    /** Berth's connection to the engine: the local socket, for dockerode and the CLI's DOCKER_HOST. */
    readonly endpoint: EngineEndpoint,
  ) {}

  /** Logs in, then serves the local socket; rejects (leaving nothing open) when either fails. */
  static async open(options: SshEngineOptions): Promise<SshEngine> {
    const target = parseSshAddress(options.address);
    const login = (deadline: number, signal: AbortSignal) => loginTo(target, options, deadline, signal);
    const first = await login(Date.now() + (options.loginTimeoutMs ?? 20_000), new AbortController().signal);
    const session = new ReconnectingSession(first, { connect: login, reconnectWithinMs: RECONNECT_WITHIN_MS });
    const remoteSocket = options.remoteSocket ?? DEFAULT_REMOTE_SOCKET;
    const socket = new SocketForwarder({
      connect: () => session.openStreamLocal(remoteSocket),
      socketPath: options.socketPath,
    });
    try {
      await socket.start();
    } catch (error) {
      await session.close();
      throw error;
    }
    return new SshEngine(session, socket, parseEngineAddress(`unix://${socket.socketPath}`));
  }

  /** Stops serving the socket and logs out. */
  async close(): Promise<void> {
    await this.socket.stop();
    await this.session.close();
  }
}

async function loginTo(
  target: SshTarget,
  options: SshEngineOptions,
  deadline: number,
  signal: AbortSignal,
): Promise<SshSession> {
  const where = `${target.host}:${target.port}`;
  try {
    return await loginWithRetries(
      { ...target, privateKey: options.privateKey, hostKey: options.hostKey },
      { deadline, signal, retryMs: LOGIN_RETRY_MS, attemptMs: LOGIN_ATTEMPT_MS, server: `The SSH server ${where}` },
    );
  } catch (error) {
    const mismatch = error as Error & { expected?: string; seen?: string };
    if (mismatch.name === 'HostKeyMismatchError' && mismatch.expected && mismatch.seen)
      throw new RemoteHostKeyChangedError(where, mismatch.expected, mismatch.seen);
    throw error;
  }
}
