// Joins a host socket and a stream to the guest (SSH channel or relay socket) both ways: backpressure, half-close passed through, writes coalesced, one teardown.
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';

/**
 * Server options for host sockets that are bridged to the guest: half-open allowed (see
 * bridgeStreams), paused until the channel is open, no Nagle on TCP, and 1 MiB socket buffers
 * (with Node's 16 KiB default a busy SSH channel pauses and resumes for nearly every 32 KiB packet).
 */
export const BRIDGED_SERVER_OPTIONS = {
  allowHalfOpen: true,
  pauseOnConnect: true,
  noDelay: true,
  highWaterMark: 1024 * 1024,
} as const;

export interface StreamBridge {
  /** Resolves once both ends are closed; with the first error either end raised, if any. */
  done: Promise<Error | undefined>;
  /** Tears both ends down now. */
  destroy(): void;
}

/**
 * Copies `socket` → `remote` and `remote` → `socket`. When one side finishes sending (its
 * write half is shut), the other side gets end-of-file and keeps sending back until it finishes
 * too, which is what `docker attach` / `exec -i` with stdin rely on. Once the remote is closed
 * the socket is closed after its pending data is written; once the socket is closed the remote
 * is destroyed (for an SSH channel: EOF and close). The socket must come from a server made with
 * BRIDGED_SERVER_OPTIONS; a remote socket must allow half-open (the relay's do).
 */
export function bridgeStreams(socket: Socket, remote: Duplex): StreamBridge {
  let firstError: Error | undefined;
  const fail = (error: Error) => {
    firstError ??= error;
    socket.destroy();
    remote.destroy();
  };
  socket.on('error', fail);
  remote.on('error', fail);

  copy(socket, remote); // the socket's end-of-file becomes the remote's EOF
  copyCoalesced(remote, socket); // the remote's EOF ends the socket's write half
  remote.resume(); // a relay socket arrives paused

  const done = new Promise<Error | undefined>((resolve) => {
    let socketClosed = false;
    let remoteClosed = false;
    const settle = () => {
      if (socketClosed && remoteClosed) resolve(firstError);
    };
    socket.once('close', () => {
      socketClosed = true;
      // ssh2 emits a channel's 'close' only after its 'end': drop what is still buffered so it gets there.
      remote.removeAllListeners('data');
      remote.resume();
      remote.destroy();
      settle();
    });
    remote.once('close', () => {
      remoteClosed = true;
      socket.destroySoon();
      settle();
    });
  });
  return {
    done,
    destroy: () => {
      socket.destroy();
      remote.destroy();
    },
  };
}

/** How long closeBridges waits for the guest to confirm closed streams, in ms (a paused or hung guest never does). */
const CLOSE_GRACE_MS = 2_000;

/** Tears every bridge down and resolves once all are closed, or after CLOSE_GRACE_MS at most. */
export async function closeBridges(bridges: Iterable<StreamBridge>): Promise<void> {
  const all = [...bridges];
  for (const bridge of all) bridge.destroy();
  let timer: NodeJS.Timeout | undefined;
  const grace = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, CLOSE_GRACE_MS);
  });
  await Promise.race([Promise.all(all.map((bridge) => bridge.done)), grace]);
  clearTimeout(timer);
}

/** `from.pipe(to)` without pipe()'s bookkeeping, which costs a short-lived connection more than its data. */
function copy(from: Socket, to: Duplex): void {
  from.on('data', (chunk: Buffer) => {
    if (!to.write(chunk)) from.pause();
  });
  to.on('drain', () => from.resume());
  from.once('end', () => to.end());
}

/** A chunk from the guest at least this big (bytes) is part of a bulk transfer: more usually follows at once. */
const BULK_CHUNK_BYTES = 16 * 1024;

/**
 * `from.pipe(to)`, except that a burst of big chunks goes out in one write: ssh2 hands over one
 * chunk per SSH packet (≤ 32 KiB), and one system call per packet cost a forwarded port 10–25 %
 * of its throughput in test/bench/tunnel.bench.ts. Big chunks are corked until a small one ends
 * the burst, or until the next tick; a small chunk alone (an engine reply) is written at once.
 */
function copyCoalesced(from: Duplex, to: Socket): void {
  let corked = false;
  const uncork = () => {
    if (!corked) return;
    corked = false;
    to.uncork();
  };
  from.on('data', (chunk: Buffer) => {
    const bulk = chunk.length >= BULK_CHUNK_BYTES;
    if (bulk && !corked) {
      corked = true;
      to.cork();
      process.nextTick(uncork);
    }
    const flowing = to.write(chunk);
    if (!bulk) uncork();
    if (!flowing) from.pause();
  });
  to.on('drain', () => from.resume());
  from.once('end', () => to.end());
}
