// A unix-socket proxy in front of an engine that passes, stalls, truncates or corrupts its answers, for fault tests.
import { createServer, connect, type Socket } from 'node:net';
import { join } from 'node:path';
import { rmSync } from 'node:fs';
import { makeOwnedTempDir } from './temp-dirs';

/** 'stall': answers never come; 'truncate': half an answer, then the connection closes; 'corrupt': bodies garbled. */
export type ProxyFault = 'none' | 'stall' | 'truncate' | 'corrupt';

export interface EngineProxy {
  dockerHost: string;
  /** Applies to every answer from now on, on new and kept-alive connections alike. */
  fault: ProxyFault;
  stop(): Promise<void>;
}

const HEADER_END = '\r\n\r\n';

/** JSON's structural bytes turned to 'x' after the headers: HTTP framing stays valid, the JSON does not. */
function corrupt(chunk: Buffer, headersDone: boolean): { out: Buffer; headersDone: boolean } {
  const text = chunk.toString('latin1');
  const start = headersDone ? 0 : text.indexOf(HEADER_END);
  if (start < 0) return { out: chunk, headersDone };
  const from = headersDone ? 0 : start + HEADER_END.length;
  return {
    out: Buffer.from(text.slice(0, from) + text.slice(from).replace(/[{}[\]"]/g, 'x'), 'latin1'),
    headersDone: true,
  };
}

export async function startEngineProxy(targetSocket: string): Promise<EngineProxy> {
  const dir = makeOwnedTempDir('berth-engine-proxy-');
  const socketPath = join(dir, 'proxy.sock');
  const sockets = new Set<Socket>();
  const proxy: EngineProxy = { dockerHost: `unix://${socketPath}`, fault: 'none', stop: async () => undefined };
  const server = createServer((client) => {
    const upstream = connect(targetSocket);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => undefined);
    }
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => proxy.fault !== 'stall' && client.destroy());
    client.pipe(upstream);
    let headersDone = false;
    upstream.on('data', (chunk: Buffer) => {
      const fault = proxy.fault;
      if (fault === 'none') client.write(chunk);
      else if (fault === 'truncate') {
        client.end(chunk.subarray(0, Math.floor(chunk.length / 2)));
        upstream.destroy();
      } else if (fault === 'corrupt') {
        const result = corrupt(chunk, headersDone);
        headersDone = result.headersDone;
        client.write(result.out);
      }
    });
  });
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(socketPath, resolve));
  proxy.stop = async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    rmSync(dir, { recursive: true, force: true });
  };
  return proxy;
}
