// UDP published ports through QEMU's user-mode network: one QMP hostfwd rule per port, as SSH carries TCP only.
import { createSocket } from 'node:dgram';
import { ListenError } from '../tunnel/port-listener';
import type { HostListener, PortForward, UdpForwarding } from '../tunnel/port-forwarder';
import type { QmpClient } from './qmp-client';

/** The user-mode netdev's id in QEMU's command line (qemu-args.ts). */
const NETDEV = 'net';

/**
 * `hostfwd_add net udp:127.0.0.1:5353-:5353` sends datagrams for host 127.0.0.1:5353 to the
 * guest's own address, where the engine's proxy takes them to the container. QEMU only says
 * "Could not set up host forwarding rule" when the port cannot be had, so the port is bound once
 * here first to learn why (taken, or privileged) before asking QEMU.
 */
export class QmpUdpForwarding implements UdpForwarding {
  constructor(private readonly qmp: () => QmpClient) {}

  async open(forward: PortForward): Promise<HostListener> {
    await probeBind(forward.hostAddress, forward.port);
    const where = `udp:${forward.hostAddress}:${forward.port}`;
    const reply = await this.monitor(`hostfwd_add ${NETDEV} ${where}-:${forward.port}`);
    if (reply) throw new ListenError('UNKNOWN', reply);
    return {
      forward,
      close: async () => {
        await this.monitor(`hostfwd_remove ${NETDEV} ${where}`).catch(() => undefined);
      },
    };
  }

  /** Runs a monitor command; resolves with what it printed (nothing on success). */
  private async monitor(commandLine: string): Promise<string> {
    const reply = await this.qmp().execute<string>('human-monitor-command', { 'command-line': commandLine });
    return reply.trim();
  }
}

/** Binds and releases `address:port` (UDP); rejects with a ListenError carrying the OS's code when it cannot. */
function probeBind(address: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = createSocket('udp4');
    socket.once('error', (error: NodeJS.ErrnoException) => {
      socket.close();
      reject(new ListenError(error.code ?? 'UNKNOWN', error.message));
    });
    socket.bind({ address, port, exclusive: true }, () => socket.close(() => resolve()));
  });
}
