// One host TCP listener whose every connection is an SSH channel to the same port in the guest.
import { createServer, type Server, type Socket } from 'node:net';
import type { ClientChannel } from 'ssh2';
import type { PortForward } from './published-ports';
import { BRIDGED_SERVER_OPTIONS, bridgeStreams, closeBridges, type StreamBridge } from './stream-bridge';

/** What a port listener needs from the SSH session (SshSession has it). */
export interface TcpOpener {
  openTcp(port: number, host?: string, origin?: { address: string; port: number }): Promise<ClientChannel>;
}

/** A listen error, with the code that says why (EADDRINUSE, EACCES, …). */
export class ListenError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ListenError';
  }
}

export class PortListener {
  private readonly bridges = new Set<StreamBridge>();
  private readonly pending = new Set<Socket>();

  private constructor(
    readonly forward: PortForward,
    private readonly server: Server,
  ) {}

  /** Listens on `forward.hostAddress:forward.port`; rejects with a ListenError when the port cannot be had. */
  static async open(forward: PortForward, session: TcpOpener, onError: (error: Error) => void): Promise<PortListener> {
    const server = createServer(BRIDGED_SERVER_OPTIONS);
    const listener = new PortListener(forward, server);
    server.on('connection', (socket) => listener.accept(socket, session, onError));
    await new Promise<void>((resolve, reject) => {
      server.once('error', (error: NodeJS.ErrnoException) =>
        reject(new ListenError(error.code ?? 'UNKNOWN', error.message)),
      );
      server.listen({ host: forward.hostAddress, port: forward.port, exclusive: true }, () => resolve());
    });
    server.removeAllListeners('error');
    server.on('error', onError);
    return listener;
  }

  /** Stops listening and drops every connection through it. */
  async close(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    for (const socket of this.pending) socket.destroy();
    await closeBridges(this.bridges);
    await closed;
  }

  private accept(socket: Socket, session: TcpOpener, onError: (error: Error) => void): void {
    const { port, guestAddress, guestPort = port } = this.forward;
    this.pending.add(socket);
    socket.on('error', () => undefined); // reported through the bridge, or moot if the channel never opens
    const origin = { address: socket.remoteAddress ?? '127.0.0.1', port: socket.remotePort ?? 0 };
    session.openTcp(guestPort, guestAddress, origin).then(
      (channel) => {
        this.pending.delete(socket);
        if (socket.destroyed || !this.server.listening) {
          channel.close();
          socket.destroy();
          return;
        }
        const bridge = bridgeStreams(socket, channel);
        this.bridges.add(bridge);
        socket.resume();
        void bridge.done.then(() => this.bridges.delete(bridge));
      },
      (error: Error) => {
        this.pending.delete(socket);
        socket.destroy();
        onError(new Error(`Port ${port} (container "${this.forward.containerName}"): ${error.message}`));
      },
    );
  }
}
