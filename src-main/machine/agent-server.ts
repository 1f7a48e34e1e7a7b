// Serves a Machine on the agent's control socket (mode 0600), so the CLI, the app and dev tools share one machine.
import { errorMessage } from '../core/error-message';
import { chmod, rm } from 'node:fs/promises';
import { createServer, type Server, type Socket } from 'node:net';
import { dirname } from 'node:path';
import { createInterface } from 'node:readline';
import { isNamedPipe } from '../core/host-socket';
import { ensurePrivateFolder } from './private-folder';
import type { DiskSnapshotList, DiskSnapshotRequest } from '../contract/dto/machine';
import { QemuImgError } from './qemu-img';
import { NoDataDiskError, SnapshotNotFoundError } from './snapshots/disk-snapshots';
import {
  agentRequestSchema,
  encodeAgentMessage,
  type AgentErrorCode,
  type AgentMethod,
  type AgentSnapshotMethod,
  type AgentReply,
  type MachineSnapshot,
} from './agent-protocol';
import { MachineRefusedError, type Machine } from './machine';

export interface AgentServer {
  /** Stops accepting requests, ends every connection and removes the socket file. */
  close(): Promise<void>;
}

export interface AgentServerOptions {
  /** Called after a request was answered, e.g. so the agent can exit once the machine stopped. */
  afterRequest?: (method: AgentMethod, ok: boolean) => void;
}

/** The snapshot a client sees of `machine`. */
export function snapshotOf(machine: Machine): MachineSnapshot {
  const snapshot: MachineSnapshot = { kind: machine.kind, status: machine.status, pid: process.pid };
  if (machine.resources) snapshot.resources = machine.resources;
  if (machine.endpoint) snapshot.endpoint = machine.endpoint;
  if (machine.consoleLogPath) snapshot.consoleLogPath = machine.consoleLogPath;
  if (machine.ssh) snapshot.ssh = machine.ssh;
  return snapshot;
}

/**
 * Listens on `socketPath` (its folder is made mode 0700, the socket mode 0600, before anyone can
 * connect; a Windows named pipe keeps its default access, the owner's) and answers each request line with a reply carrying the machine's snapshot.
 */
export async function serveMachine(
  machine: Machine,
  socketPath: string,
  options: AgentServerOptions = {},
): Promise<AgentServer> {
  const pipe = isNamedPipe(socketPath);
  if (!pipe) {
    await ensurePrivateFolder(dirname(socketPath));
    await rm(socketPath, { force: true });
  }
  const connections = new Set<Socket>();
  const server = createServer((socket) => {
    connections.add(socket);
    let unwatch: (() => void) | undefined;
    socket.on('close', () => {
      connections.delete(socket);
      unwatch?.();
    });
    socket.on('error', () => socket.destroy());
    const send = (text: string) => {
      if (!socket.destroyed) socket.write(text);
    };
    createInterface({ input: socket, crlfDelay: Infinity }).on('line', (line) => {
      void answer(machine, line).then(({ reply, method }) => {
        send(encodeAgentMessage(reply));
        if (method === 'watch' && reply.ok && !unwatch) {
          unwatch = machine.onStatus(() =>
            send(encodeAgentMessage({ event: 'status', snapshot: snapshotOf(machine) })),
          );
        }
        if (method) options.afterRequest?.(method, reply.ok);
      });
    });
  });
  await listen(server, socketPath);
  if (!pipe) await chmod(socketPath, 0o600);
  return {
    async close() {
      for (const socket of connections) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await rm(socketPath, { force: true });
    },
  };
}

async function answer(machine: Machine, line: string): Promise<{ reply: AgentReply; method?: AgentMethod }> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    return { reply: { id: 0, ok: false, error: { code: 'invalid', message: 'A request must be one line of JSON' } } };
  }
  const request = agentRequestSchema.safeParse(parsed);
  if (!request.success) {
    const id = typeof (parsed as { id?: unknown })?.id === 'number' ? (parsed as { id: number }).id : 0;
    return {
      reply: { id, ok: false, error: { code: 'invalid', message: `Not a machine request: ${request.error.message}` } },
    };
  }
  const { id, method, name } = request.data;
  try {
    if (method === 'start') await machine.start();
    else if (method === 'stop') await machine.stop();
    else if (method === 'restart') await machine.restart();
    else if (method === 'reset') await machine.reset();
    else if (method.startsWith('snapshots.')) {
      const snapshots = await snapshotsOf(machine, method as AgentSnapshotMethod, name ?? '');
      return { reply: { id, ok: true, snapshot: snapshotOf(machine), snapshots }, method };
    }
    return { reply: { id, ok: true, snapshot: snapshotOf(machine) }, method };
  } catch (error) {
    const message = errorMessage(error);
    return { reply: { id, ok: false, error: { code: errorCodeOf(error), message } }, method };
  }
}

function snapshotsOf(machine: Machine, method: AgentSnapshotMethod, name: string): Promise<DiskSnapshotList> {
  if (!machine.snapshots) {
    throw new MachineRefusedError('unsupported', "Snapshots are of Berth's VM's data disk; this machine has none");
  }
  const action = method.slice('snapshots.'.length) as DiskSnapshotRequest['action'];
  return machine.snapshots(action === 'restore' || action === 'delete' ? { action, name } : { action });
}

function errorCodeOf(error: unknown): AgentErrorCode {
  if (error instanceof MachineRefusedError) return error.code;
  if (error instanceof SnapshotNotFoundError) return 'not-found';
  if (error instanceof NoDataDiskError || (error instanceof QemuImgError && error.inUse)) return 'conflict';
  return 'failed';
}

/**
 * Listens with a umask that keeps the socket private from the moment it exists. Node binds the
 * socket inside `listen()`, so the process-wide umask is restored before anything else runs.
 */
async function listen(server: Server, socketPath: string): Promise<void> {
  const listening = new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.once('listening', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const previous = process.umask(0o177);
  try {
    server.listen(socketPath);
  } finally {
    process.umask(previous);
  }
  await listening;
}
