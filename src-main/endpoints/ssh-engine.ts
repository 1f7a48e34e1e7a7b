// An ssh:// engine: one SSH login (host key pinned) that logs in again by itself, and a local 0600 socket whose every
// connection is a streamlocal channel to the remote engine's socket (or `docker system dial-stdio` where the server
// forbids streamlocal); dockerode and the CLI use that socket.
import type { Duplex } from 'node:stream';
import { shellQuote } from '../core/shell-quote';
import { parseEngineAddress, type EngineEndpoint } from '../engine/endpoint';
import { InvalidArgumentError } from '../engine/errors';
import { PortListener } from '../tunnel/port-listener';
import { ReconnectingSession } from '../tunnel/reconnecting-session';
import { SocketForwarder } from '../tunnel/socket-forwarder';
import { loginWithRetries } from '../tunnel/ssh-login';
import type { SshSession } from '../tunnel/ssh-session';
import { resolveSshTarget, type SshCredentials, type SshTarget, type SshTargetRequest } from './ssh-target';

/**
 * The address (`ssh://[user@]host[:port]`, host may be a Host alias of ~/.ssh/config), and a private key (OpenSSH or
 * PEM; never logged) with its passphrase, or an agent's socket; without either, the config's identity files and
 * SSH_AUTH_SOCK.
 */
export interface SshEngineOptions extends SshTargetRequest {
  /** The server's host key as an OpenSSH line, pinned when the engine was added (see probeHostKey). */
  hostKey: string;
  /** The local socket Berth serves for this engine (its folder made 0700, the socket 0600). */
  socketPath: string;
  /** The engine's socket on the server (default /var/run/docker.sock). */
  remoteSocket?: string;
  /** Longest the first login may take, in ms (default 20 000). */
  loginTimeoutMs?: number;
}

const DEFAULT_REMOTE_SOCKET = '/var/run/docker.sock';
/** How long a dropped connection (sshd restarted, network blip) may take to come back, in ms. */
const RECONNECT_WITHIN_MS = 5 * 60_000;
const LOGIN_RETRY_MS = 1_000;
const LOGIN_ATTEMPT_MS = 15_000;

/** How connections reach the remote engine: OpenSSH streamlocal forwarding, or the remote CLI's dial-stdio. */
export type SshDataPath = 'streamlocal' | 'dial-stdio';

/**
 * sshd's refusal of a streamlocal channel. OpenSSH says "open failed" both when it forbids the forwarding
 * (AllowStreamLocalForwarding no) and when the socket cannot be reached: either way dial-stdio is what is left to try.
 */
const FORWARDING_REFUSED = /Channel open failure: (open failed|administratively prohibited)/i;

/** The remote command that joins its stdin and stdout to the engine at `remoteSocket`, as the docker CLI's ssh does. */
export function dialStdioCommand(remoteSocket: string): string {
  const command = 'docker system dial-stdio';
  return remoteSocket === DEFAULT_REMOTE_SOCKET
    ? command
    : `DOCKER_HOST=${shellQuote(`unix://${remoteSocket}`)} ${command}`;
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

/** A remote engine's published port to forward to this computer's 127.0.0.1. */
export interface RemotePortRequest {
  /** The port the container publishes on the remote host. */
  remotePort: number;
  /** The address it is published on there (default 127.0.0.1, which reaches one published on every address). */
  remoteAddress?: string;
  /** The port on this computer (default the same number). */
  localPort?: number;
  containerId: string;
  containerName: string;
}

export class SshEngine {
  private socket: SocketForwarder | undefined;
  private readonly forwards = new Map<number, PortListener>();
  private path: SshDataPath = 'streamlocal';

  private constructor(
    private readonly session: ReconnectingSession,
    private readonly remoteSocket: string,
    /** Berth's connection to the engine: the local socket, for dockerode and the CLI's DOCKER_HOST. */
    readonly endpoint: EngineEndpoint,
  ) {}

  /** How connections reach the engine now: streamlocal until the server refuses it, then dial-stdio. */
  get dataPath(): SshDataPath {
    return this.path;
  }

  /** One stream to the remote engine, for one connection to the local socket. */
  private async connect(): Promise<Duplex> {
    if (this.path === 'streamlocal') {
      try {
        return await this.session.openStreamLocal(this.remoteSocket);
      } catch (error) {
        if (!FORWARDING_REFUSED.test(error instanceof Error ? error.message : String(error))) throw error;
        this.path = 'dial-stdio';
      }
    }
    return this.session.execChannel(dialStdioCommand(this.remoteSocket));
  }

  /** Logs in, then serves the local socket; rejects (leaving nothing open) when either fails. */
  static async open(options: SshEngineOptions): Promise<SshEngine> {
    const { target, credentials } = await resolveSshTarget(options);
    const login = (deadline: number, signal: AbortSignal) =>
      loginTo(target, { ...credentials, hostKey: options.hostKey }, deadline, signal);
    const first = await login(Date.now() + (options.loginTimeoutMs ?? 20_000), new AbortController().signal);
    const session = new ReconnectingSession(first, { connect: login, reconnectWithinMs: RECONNECT_WITHIN_MS });
    const engine = new SshEngine(
      session,
      options.remoteSocket ?? DEFAULT_REMOTE_SOCKET,
      parseEngineAddress(`unix://${options.socketPath}`),
    );
    const socket = new SocketForwarder({ connect: () => engine.connect(), socketPath: options.socketPath });
    try {
      await socket.start();
    } catch (error) {
      await session.close();
      throw error;
    }
    engine.socket = socket;
    return engine;
  }

  /**
   * Listens on 127.0.0.1:`localPort` and carries each connection over the SSH connection to the remote port; rejects
   * with a ListenError when the local port cannot be had. `onError` hears connections that fail.
   */
  async forwardPort(request: RemotePortRequest, onError: (error: Error) => void = () => undefined): Promise<number> {
    const port = request.localPort ?? request.remotePort;
    if (this.forwards.has(port)) throw new InvalidArgumentError('localPort', `127.0.0.1:${port} is already forwarded`);
    const listener = await PortListener.open(
      {
        key: `127.0.0.1:${port}`,
        protocol: 'tcp',
        hostAddress: '127.0.0.1',
        port,
        guestAddress: request.remoteAddress ?? '127.0.0.1',
        guestPort: request.remotePort,
        containerId: request.containerId,
        containerName: request.containerName,
      },
      this.session,
      onError,
    );
    this.forwards.set(port, listener);
    return port;
  }

  /** Stops forwarding local port `localPort` and drops its connections. */
  async unforwardPort(localPort: number): Promise<void> {
    await this.forwards.get(localPort)?.close();
    this.forwards.delete(localPort);
  }

  /** Stops every forward and serving the socket, and logs out. */
  async close(): Promise<void> {
    for (const port of [...this.forwards.keys()]) await this.unforwardPort(port);
    await this.socket?.stop();
    await this.session.close();
  }
}

async function loginTo(
  target: SshTarget,
  credentials: SshCredentials & { hostKey: string },
  deadline: number,
  signal: AbortSignal,
): Promise<SshSession> {
  const where = `${target.host}:${target.port}`;
  try {
    return await loginWithRetries(
      { ...target, ...credentials },
      {
        deadline,
        signal,
        retryMs: LOGIN_RETRY_MS,
        attemptMs: LOGIN_ATTEMPT_MS,
        server: `The SSH server ${where}`,
        refusalIsFinal: true,
      },
    );
  } catch (error) {
    const mismatch = error as Error & { expected?: string; seen?: string };
    if (mismatch.name === 'HostKeyMismatchError' && mismatch.expected && mismatch.seen)
      throw new RemoteHostKeyChangedError(where, mismatch.expected, mismatch.seen);
    throw error;
  }
}
