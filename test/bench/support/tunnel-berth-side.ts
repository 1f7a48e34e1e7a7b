// Benchmark helper process: Berth's tunnel (one SSH session, the engine socket forwarder, one forwarded port) in a process of its own.
// Input: one JSON line on stdin ({ sshd, guestSocketPath, dir, guestPort }); output: one JSON line ({ socketPath, host, port }) once ready.
// Stops when stdin closes.
import { createInterface } from 'node:readline';
import { PortListener } from '../../../src-main/tunnel/port-listener';
import { SocketForwarder } from '../../../src-main/tunnel/socket-forwarder';
import { SshSession } from '../../../src-main/tunnel/ssh-session';

interface Request {
  sshd: { host: string; port: number; username: string; privateKey: string; hostKey: string };
  guestSocketPath: string;
  dir: string;
  /** The TCP port in the "guest"; the host side listens on the same port of 127.0.0.2, since the guest is this host. */
  guestPort: number;
}

const lines = createInterface({ input: process.stdin });
const request = await new Promise<Request>((resolve) =>
  lines.once('line', (line) => resolve(JSON.parse(line) as Request)),
);
const session = await SshSession.connect(request.sshd);
const forwarder = new SocketForwarder({ session, dir: request.dir, guestSocketPath: request.guestSocketPath });
await forwarder.start();
const onError = (error: Error) => process.stderr.write(`[tunnel-berth-side] ${error.message}\n`);
forwarder.on('connection-error', onError);
const listener = await PortListener.open(
  {
    key: `127.0.0.2:${request.guestPort}`,
    protocol: 'tcp',
    hostAddress: '127.0.0.2',
    port: request.guestPort,
    guestAddress: '127.0.0.1',
    containerId: 'bench',
    containerName: 'bench',
  },
  session,
  onError,
);
process.stdout.write(
  `${JSON.stringify({ socketPath: forwarder.socketPath, host: '127.0.0.2', port: request.guestPort })}\n`,
);
lines.once('close', () => {
  void (async () => {
    await listener.close();
    await forwarder.stop();
    await session.close();
    process.exit(0);
  })();
});
