// Connections to the guest's engine relay (vm-assets/relay): TCP through QEMU's forward, the per-boot secret, one ready byte.
import { randomBytes } from 'node:crypto';
import { connect, type Socket } from 'node:net';

/** Length of the per-boot secret every relay connection starts with, in bytes (the relay reads exactly this many). */
export const RELAY_SECRET_BYTES = 32;
/** The byte the relay answers once it has connected to the engine socket. */
const READY = 0x01;
/** Longest wait for the relay's ready byte, in ms. */
const DEFAULT_READY_TIMEOUT_MS = 10_000;
/** Connections kept open and ready, so a client's connection starts without a round trip to the guest. */
const DEFAULT_POOL_SIZE = 2;

interface PooledSocket {
  socket: Socket;
  /** Removes it from the pool once the guest closed it. */
  drop: () => void;
}

/** A fresh per-boot secret for the relay. */
export function newRelaySecret(): Buffer {
  return randomBytes(RELAY_SECRET_BYTES);
}

export interface EngineRelayOptions {
  /** Where QEMU forwards to the relay on the host, e.g. 127.0.0.1 and the port chosen at boot. */
  host: string;
  port: number;
  /** The per-boot secret the guest got through fw_cfg. Never logged. */
  secret: Buffer;
  /** Ready connections kept at hand (default 2; 0 opens every connection on demand). */
  poolSize?: number;
  readyTimeoutMs?: number;
}

/**
 * Opens engine connections through the relay. A few are kept ready (authenticated, the relay
 * connected to the engine) and refilled after each one taken has its first answer; one that
 * the guest closes while waiting (the engine restarted) is dropped. Refills happen only after a
 * connection succeeded, so an engine that is down is not hammered. A connection's bytes after the
 * ready byte are the engine's own: it is a plain socket to the engine from then on.
 */
export class EngineRelay {
  private readonly ready: PooledSocket[] = [];
  private opening = 0;
  private closed = false;
  private readonly poolSize: number;

  constructor(private readonly options: EngineRelayOptions) {
    if (options.secret.length !== RELAY_SECRET_BYTES) {
      throw new RangeError(`The relay secret must be ${RELAY_SECRET_BYTES} bytes, got ${options.secret.length}`);
    }
    this.poolSize = options.poolSize ?? DEFAULT_POOL_SIZE;
  }

  /** Connections open and ready for the next client. */
  get readyConnections(): number {
    return this.ready.length;
  }

  /** A socket to the engine: a ready one from the pool, or a new one. */
  async connect(): Promise<Socket> {
    if (this.closed) throw new Error('The engine relay is closed');
    const pooled = this.ready.shift();
    if (pooled) pooled.socket.off('end', pooled.drop).off('close', pooled.drop).pause();
    const socket = pooled?.socket ?? (await this.open());
    this.refillAfterFirstAnswer(socket);
    return socket;
  }

  /** Drops the ready connections; later connect() calls fail. */
  close(): void {
    this.closed = true;
    for (const { socket } of this.ready.splice(0)) socket.destroy();
  }

  /**
   * Refills the pool once the engine answered on `socket` (or it closed): opening a connection
   * costs CPU in three processes, which would otherwise compete with the call being made.
   */
  private refillAfterFirstAnswer(socket: Socket): void {
    const refill = () => {
      socket.off('data', refill).off('close', refill);
      this.refill();
    };
    socket.on('data', refill).on('close', refill);
  }

  private refill(): void {
    while (!this.closed && this.ready.length + this.opening < this.poolSize) {
      this.opening += 1;
      this.open().then(
        (socket) => {
          this.opening -= 1;
          if (this.closed) {
            socket.destroy();
            return;
          }
          // The guest may close a waiting connection (its engine restarted): forget it.
          const entry: PooledSocket = {
            socket,
            drop: () => {
              socket.destroy();
              const index = this.ready.indexOf(entry);
              if (index >= 0) this.ready.splice(index, 1);
            },
          };
          socket.once('end', entry.drop).once('close', entry.drop);
          socket.resume(); // to see the end; nothing else arrives before the client writes
          this.ready.push(entry);
        },
        () => {
          this.opening -= 1; // the next connect() says why
        },
      );
    }
  }

  /** Connects, sends the secret and resolves once the relay's ready byte arrives. */
  private open(): Promise<Socket> {
    const { host, port, secret } = this.options;
    const timeoutMs = this.options.readyTimeoutMs ?? DEFAULT_READY_TIMEOUT_MS;
    return new Promise((resolve, reject) => {
      // Half-open allowed: the engine may finish sending while a client still writes (attach, exec -i).
      const socket = connect({ host, port, noDelay: true, allowHalfOpen: true });
      const onEnd = () => fail('the relay closed the connection (is the engine running?)');
      // A relay that closes at once (it refused the connection) may reset it instead: same story.
      const onError = (error: NodeJS.ErrnoException) =>
        error.code === 'ECONNRESET' || error.code === 'EPIPE' ? onEnd() : fail(error.message);
      const onData = (chunk: Buffer) => {
        if (chunk[0] !== READY) return fail('the relay answered something unexpected');
        clearTimeout(timer);
        socket.off('error', onError).off('end', onEnd).off('close', onEnd).off('data', onData);
        socket.on('error', () => undefined); // until the caller adds its own
        socket.pause();
        if (chunk.length > 1) socket.unshift(chunk.subarray(1));
        resolve(socket);
      };
      const fail = (reason: string) => {
        clearTimeout(timer);
        socket.off('data', onData);
        socket.destroy();
        reject(new Error(`Could not reach the engine in the machine: ${reason}`));
      };
      const timer = setTimeout(() => fail(`the relay did not answer within ${timeoutMs} ms`), timeoutMs);
      socket.on('error', onError).once('end', onEnd).once('close', onEnd).on('data', onData);
      socket.write(secret);
    });
  }
}
