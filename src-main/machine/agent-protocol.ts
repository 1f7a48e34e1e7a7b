// The machine agent's control protocol: newline-delimited JSON requests, replies and status events on a unix socket.
import { z } from 'zod';
import type { DiskSnapshotList, MachineKind, MachineResources, MachineStatus } from '../contract/dto/machine';
import type { SshTarget } from './machine';

/**
 * What a client can ask the agent. `watch` subscribes the connection to status events; the
 * `snapshots.*` methods work on the data disk's snapshots (restore and delete name one) and
 * answer with the list as well.
 */
export const AGENT_METHODS = [
  'status',
  'start',
  'stop',
  'restart',
  'reset',
  'watch',
  'snapshots.list',
  'snapshots.create',
  'snapshots.restore',
  'snapshots.delete',
] as const;
export type AgentMethod = (typeof AGENT_METHODS)[number];
export type AgentSnapshotMethod = Extract<AgentMethod, `snapshots.${string}`>;

export const agentRequestSchema = z
  .object({
    id: z.number().int().nonnegative(),
    method: z.enum(AGENT_METHODS),
    name: z.string().min(1).optional(),
  })
  .refine((request) => !/^snapshots\.(restore|delete)$/.test(request.method) || request.name !== undefined, {
    message: 'restoring or deleting a snapshot needs its name',
    path: ['name'],
  });
export type AgentRequest = z.infer<typeof agentRequestSchema>;

/** Everything a client needs to show and use the machine. */
export interface MachineSnapshot {
  kind: MachineKind;
  status: MachineStatus;
  resources?: MachineResources;
  endpoint?: string;
  consoleLogPath?: string;
  /** How to log in to the VM with the system's ssh client (qemu only). */
  ssh?: SshTarget;
  /** The agent's process id. */
  pid: number;
}

/**
 * `conflict`: not in this state (or the disk is busy); `unsupported`: never on this backend;
 * `not-found`: no such snapshot; `failed`: tried and failed.
 */
export type AgentErrorCode = 'conflict' | 'unsupported' | 'not-found' | 'failed' | 'invalid';

export type AgentReply =
  | { id: number; ok: true; snapshot: MachineSnapshot; snapshots?: DiskSnapshotList }
  | { id: number; ok: false; error: { code: AgentErrorCode; message: string } };

export interface AgentEvent {
  event: 'status';
  snapshot: MachineSnapshot;
}

export type AgentMessage = AgentReply | AgentEvent;

/** One line of JSON per message. */
export const encodeAgentMessage = (message: AgentMessage | AgentRequest): string => `${JSON.stringify(message)}\n`;
