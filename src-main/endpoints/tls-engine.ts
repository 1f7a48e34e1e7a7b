// A tcp:// engine with TLS served on a local 0600 socket: every connection is a verified TLS connection with Berth's
// client certificate, so the CLIs' DOCKER_HOST points at the socket and no key material is written anywhere.
import { isIP } from 'node:net';
import { connect as tlsConnect, type TLSSocket } from 'node:tls';
import { engineTlsFailureMessage } from '../core/engine-certificate';
import { parseEngineAddress, type EngineEndpoint, type EngineTls } from '../engine/endpoint';
import { InvalidArgumentError } from '../engine/errors';
import { SocketForwarder } from '../tunnel/socket-forwarder';

export interface TlsEngineOptions {
  /** `tcp://host:port` */
  address: string;
  tls: EngineTls;
  /** The local socket Berth serves for this engine (its folder made 0700, the socket 0600). */
  socketPath: string;
  /** Longest a TLS connection may take to be set up, in ms (default 15 000). */
  connectTimeoutMs?: number;
}

/** A TLS connection to the engine that failed, in Berth's words when it is a certificate's fault. */
export class EngineTlsError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'EngineTlsError';
  }
}

export class TlsEngine {
  private constructor(
    private readonly socket: SocketForwarder,
    /** Berth's connection to the engine: the local socket, for dockerode and the CLI's DOCKER_HOST. */
    readonly endpoint: EngineEndpoint,
  ) {}

  /** Checks one TLS connection (so a wrong CA or certificate is told now), then serves the local socket. */
  static async open(options: TlsEngineOptions): Promise<TlsEngine> {
    const url = new URL(options.address.replace(/^tcp:/, 'https:'));
    if (!options.address.startsWith('tcp://') || !url.port)
      throw new InvalidArgumentError('address', `"${options.address}" is not a tcp://host:port address`);
    // The same checks the direct endpoint makes (a certificate needs its key).
    parseEngineAddress(options.address, options.tls);
    const open = () => connectTls(url.hostname, Number(url.port), options);
    await pingOver(await open(), options.address);
    const socket = new SocketForwarder({ connect: open, socketPath: options.socketPath });
    await socket.start();
    return new TlsEngine(socket, parseEngineAddress(`unix://${options.socketPath}`));
  }

  async close(): Promise<void> {
    await this.socket.stop();
  }
}

/** Berth's words for a failed TLS connection or exchange with the engine at `address`. */
function tlsFailure(error: NodeJS.ErrnoException, address: string): EngineTlsError {
  const words = error.code ? engineTlsFailureMessage(error.code, address) : undefined;
  return new EngineTlsError(words ?? `Could not reach the Docker Engine at ${address}: ${error.message}`, {
    cause: error,
  });
}

/**
 * GET /_ping over `socket`, then closes it: under TLS 1.3 a server that refuses the client certificate says so only
 * after the handshake, so the check needs an answer, not just a connection.
 */
function pingOver(socket: TLSSocket, address: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let answer = '';
    socket.on('data', (chunk: Buffer) => {
      answer += chunk.toString('latin1');
      if (!answer.includes('\r\n')) return;
      socket.destroy();
      if (/^HTTP\/1\.[01] 200 /.test(answer)) resolve();
      else reject(new EngineTlsError(`The Docker Engine at ${address} answered ${answer.split('\r\n')[0]} to a ping`));
    });
    socket.once('error', (error: NodeJS.ErrnoException) => reject(tlsFailure(error, address)));
    socket.once('end', () => reject(new EngineTlsError(`The Docker Engine at ${address} closed the connection`)));
    socket.write('GET /_ping HTTP/1.1\r\nHost: docker\r\nConnection: close\r\n\r\n');
  });
}

function connectTls(host: string, port: number, options: TlsEngineOptions): Promise<TLSSocket> {
  return new Promise((resolve, reject) => {
    const socket = tlsConnect({ host, port, ...(isIP(host) ? {} : { servername: host }), ...options.tls });
    socket.setNoDelay(true);
    socket.setTimeout(options.connectTimeoutMs ?? 15_000, () =>
      socket.destroy(new Error(`no TLS answer within ${(options.connectTimeoutMs ?? 15_000) / 1000} s`)),
    );
    socket.once('secureConnect', () => {
      socket.setTimeout(0);
      resolve(socket);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => reject(tlsFailure(error, options.address)));
  });
}
