// A client of the machine agent's control socket: requests with their replies, and status events.
import type { DiskSnapshotList } from '../contract/dto/machine';
import { createConnection, type Socket } from 'node:net';
import { createInterface } from 'node:readline';
import {
  encodeAgentMessage,
  type AgentErrorCode,
  type AgentMessage,
  type AgentMethod,
  type AgentReply,
  type AgentSnapshotMethod,
  type MachineSnapshot,
} from './agent-protocol';

/** No agent listens on the socket (it is missing, or left behind by an agent that died). */
export class AgentNotRunningError extends Error {
  constructor(socketPath: string) {
    super(`No Berth machine agent is running (nothing answers at ${socketPath})`);
    this.name = 'AgentNotRunningError';
  }
}

/** The agent refused or failed a request; `message` is for the user. */
export class AgentRequestError extends Error {
  constructor(
    readonly code: AgentErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'AgentRequestError';
  }
}

type Pending = { resolve: (reply: AgentOkReply) => void; reject: (error: Error) => void };
type AgentOkReply = Extract<AgentReply, { ok: true }>;

export class AgentClient {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly listeners = new Set<(snapshot: MachineSnapshot) => void>();
  private watching = false;

  private constructor(private readonly socket: Socket) {
    createInterface({ input: socket, crlfDelay: Infinity }).on('line', (line) => this.receive(line));
    socket.on('error', () => socket.destroy());
    socket.on('close', () => {
      const gone = new Error('The machine agent closed the connection');
      for (const pending of this.pending.values()) pending.reject(gone);
      this.pending.clear();
    });
  }

  /** Connects to the agent at `socketPath`; rejects with AgentNotRunningError when none answers. */
  static connect(socketPath: string): Promise<AgentClient> {
    return new Promise((resolve, reject) => {
      const socket = createConnection(socketPath);
      socket.once('connect', () => {
        socket.removeAllListeners('error');
        resolve(new AgentClient(socket));
      });
      socket.once('error', (error: NodeJS.ErrnoException) => {
        reject(error.code === 'ENOENT' || error.code === 'ECONNREFUSED' ? new AgentNotRunningError(socketPath) : error);
      });
    });
  }

  /** Sends a request; resolves with the machine's snapshot once the agent carried it out. */
  async request(method: AgentMethod): Promise<MachineSnapshot> {
    return (await this.send(method)).snapshot;
  }

  /** Sends a snapshot request (`name` for restore and delete); resolves with the data disk's snapshots afterwards. */
  async requestSnapshots(
    method: AgentSnapshotMethod,
    name?: string,
  ): Promise<{ snapshot: MachineSnapshot; snapshots: DiskSnapshotList }> {
    const { snapshot, snapshots } = await this.send(method, name);
    if (!snapshots) throw new Error(`The machine agent answered ${method} without the list of snapshots`);
    return { snapshot, snapshots };
  }

  private send(method: AgentMethod, name?: string): Promise<AgentOkReply> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      if (this.socket.destroyed) return reject(new Error('The machine agent closed the connection'));
      this.pending.set(id, { resolve, reject });
      this.socket.write(encodeAgentMessage({ id, method, ...(name === undefined ? {} : { name }) }));
    });
  }

  /** Calls `listener` with every status change the agent reports; returns an unsubscribe function. */
  onStatus(listener: (snapshot: MachineSnapshot) => void): () => void {
    this.listeners.add(listener);
    if (!this.watching) {
      this.watching = true;
      void this.request('watch').catch(() => undefined);
    }
    return () => this.listeners.delete(listener);
  }

  /** Resolves when the agent's side of the connection is gone. */
  closed(): Promise<void> {
    return this.socket.destroyed ? Promise.resolve() : new Promise((resolve) => this.socket.once('close', resolve));
  }

  close(): void {
    this.socket.destroy();
  }

  private receive(line: string): void {
    let message: AgentMessage;
    try {
      message = JSON.parse(line) as AgentMessage;
    } catch {
      return;
    }
    if ('event' in message) {
      for (const listener of this.listeners) listener(message.snapshot);
      return;
    }
    const pending = this.pending.get(message.id);
    if (!pending) return;
    this.pending.delete(message.id);
    if (message.ok) pending.resolve(message);
    else pending.reject(new AgentRequestError(message.error.code, message.error.message));
  }
}
