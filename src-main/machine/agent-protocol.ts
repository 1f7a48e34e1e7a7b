// The machine agent's control protocol: newline-delimited JSON requests, replies and status events on a unix socket.
import { z } from 'zod';
import type { MachineKind, MachineResources, MachineStatus } from '../contract/dto/machine';
import type { SshTarget } from './machine';

/** What a client can ask the agent. `watch` subscribes the connection to status events. */
export const AGENT_METHODS = ['status', 'start', 'stop', 'restart', 'reset', 'watch'] as const;
export type AgentMethod = (typeof AGENT_METHODS)[number];

export const agentRequestSchema = z.object({
  id: z.number().int().nonnegative(),
  method: z.enum(AGENT_METHODS),
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

/** `conflict`: not in this state; `unsupported`: never on this backend; `failed`: tried and failed. */
export type AgentErrorCode = 'conflict' | 'unsupported' | 'failed' | 'invalid';

export type AgentReply =
  | { id: number; ok: true; snapshot: MachineSnapshot }
  | { id: number; ok: false; error: { code: AgentErrorCode; message: string } };

export interface AgentEvent {
  event: 'status';
  snapshot: MachineSnapshot;
}

export type AgentMessage = AgentReply | AgentEvent;

/** One line of JSON per message. */
export const encodeAgentMessage = (message: AgentMessage | AgentRequest): string => `${JSON.stringify(message)}\n`;
