// UDP forwarding through a real QEMU's user-mode network (QMP hostfwd): the host port is QEMU's while forwarded, and a taken one is reported.
import type { ChildProcess } from 'node:child_process';
import { createSocket, type Socket } from 'node:dgram';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QmpClient } from '../../src-main/machine/qmp-client';
import { QmpUdpForwarding } from '../../src-main/machine/qmp-udp-forwarding';
import type { PortForward } from '../../src-main/tunnel/port-forwarder';
import { freePort } from '../support/ports';
import { ensureQemu, makeTempFolder, spawnQemu, stopQemu, type TempFolder } from '../support/qemu';

let qemu: ChildProcess;
let folder: TempFolder;
let client: QmpClient;

beforeAll(async () => {
  const binary = (await ensureQemu())['qemu-system-x86_64'];
  folder = makeTempFolder('berth-udpfwd-');
  const qmpPath = join(folder.path, 'qmp.sock');
  qemu = spawnQemu(binary, [
    ...['-M', 'none', '-nodefaults', '-nographic', '-no-user-config'],
    ...['-netdev', 'user,id=net'],
    ...['-qmp', `unix:${qmpPath},server=on,wait=off`],
  ]);
  client = await QmpClient.connect(qmpPath, { timeoutMs: 20_000 });
});

afterAll(async () => {
  await client?.close();
  if (qemu) await stopQemu(qemu);
  folder?.remove();
});

function udpForward(port: number): PortForward {
  const base = { hostAddress: '127.0.0.1', port, guestAddress: '127.0.0.1', containerId: 'c1', containerName: 'dns' };
  return { ...base, key: `127.0.0.1:${port}/udp`, protocol: 'udp' };
}

/** Binds 127.0.0.1:`port` over UDP; resolves with the socket, or with the error code. */
function bind(port: number): Promise<Socket | string> {
  return new Promise((resolve) => {
    const socket = createSocket('udp4');
    socket.once('error', (error: NodeJS.ErrnoException) => {
      socket.close();
      resolve(error.code ?? 'error');
    });
    socket.bind({ address: '127.0.0.1', port, exclusive: true }, () => resolve(socket));
  });
}

describe('QmpUdpForwarding', () => {
  it('has QEMU hold the host port while forwarded, and gives it back on close', async () => {
    const port = await freePort();
    const listener = await new QmpUdpForwarding(() => client).open(udpForward(port));
    expect(listener.forward.key).toBe(`127.0.0.1:${port}/udp`);
    expect(await bind(port)).toBe('EADDRINUSE');
    await listener.close();
    const socket = await bind(port);
    expect(typeof socket).toBe('object');
    (socket as Socket).close();
  });

  it('reports a port another program holds, with the OS code, and asks QEMU nothing', async () => {
    const port = await freePort();
    const holder = (await bind(port)) as Socket;
    try {
      await expect(new QmpUdpForwarding(() => client).open(udpForward(port))).rejects.toMatchObject({
        name: 'ListenError',
        code: 'EADDRINUSE',
      });
      const rules = await client.execute<string>('human-monitor-command', { 'command-line': 'info usernet' });
      expect(rules).not.toContain(String(port));
    } finally {
      holder.close();
    }
  });
});
