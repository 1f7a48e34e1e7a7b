// Benchmark helper process: Berth's tunnel (the engine socket through the relay, one SSH session with a forwarded port, and
// for comparison the engine socket over SSH streamlocal) in a process of its own, as in Berth's main process.
// Input: one JSON line on stdin ({ sshd, relay, guestSocketPath, dir, guestPort }); output: one JSON line
// ({ socketPath, sshSocketPath, host, port }) once ready. Stops when stdin closes.
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { EngineRelay } from '../../../src-main/tunnel/engine-relay';
import { PortListener } from '../../../src-main/tunnel/port-listener';
import { SocketForwarder } from '../../../src-main/tunnel/socket-forwarder';
import { SshSession } from '../../../src-main/tunnel/ssh-session';

interface Request {
  sshd: { host: string; port: number; username: string; privateKey: string; hostKey: string };
  /** The engine relay in the "guest"; the secret in hex. */
  relay: { host: string; port: number; secret: string };
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
const relay = new EngineRelay({ ...request.relay, secret: Buffer.from(request.relay.secret, 'hex') });
const forwarder = new SocketForwarder({ connect: () => relay.connect(), socketPath: join(request.dir, 'docker.sock') });
const overSsh = new SocketForwarder({
  connect: () => session.openStreamLocal(request.guestSocketPath),
  socketPath: join(request.dir, 'ssh.sock'),
});
await forwarder.start();
await overSsh.start();
const onError = (error: Error) => process.stderr.write(`[tunnel-berth-side] ${error.message}\n`);
forwarder.on('connection-error', onError);
overSsh.on('connection-error', onError);
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
  `${JSON.stringify({ socketPath: forwarder.socketPath, sshSocketPath: overSsh.socketPath, host: '127.0.0.2', port: request.guestPort })}\n`,
);
lines.once('close', () => {
  void (async () => {
    await listener.close();
    await forwarder.stop();
    await overSsh.stop();
    relay.close();
    await session.close();
    process.exit(0);
  })();
});
