// Free TCP ports on the loopback interface.
import { connect, createServer } from 'node:net';
import type { AddressInfo } from 'node:net';

/** A TCP port that was free on 127.0.0.1 a moment ago (listen on port 0, read it, close). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close((error) => (error ? reject(error) : resolve(port)));
    });
  });
}

/** True when something accepts TCP connections on 127.0.0.1:`port`. */
export function acceptsTcp(port: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      done(true);
    });
    socket.once('error', () => done(false));
  });
}
