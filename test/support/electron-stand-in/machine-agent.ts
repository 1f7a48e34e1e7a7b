// The machine agent a main under test started (detached, so not our child): found by the pid it logs, and stopped.
import { existsSync, readFileSync } from 'node:fs';
import { pidAlive, terminatePidsSync } from '../host-cleanup';

/** Pids of the agents that wrote "agent <pid>: …" to `agentLog`. */
export function agentPids(agentLog: string): number[] {
  if (!existsSync(agentLog)) return [];
  return [...readFileSync(agentLog, 'utf8').matchAll(/ agent (\d+): /g)].map((match) => Number(match[1]));
}

/** SIGTERM (the agent stops its machine and exits), then SIGKILL after `graceMs`, for every agent still running. */
export function stopAgents(agentLog: string, graceMs = 10_000): void {
  terminatePidsSync(agentPids(agentLog).filter(pidAlive), graceMs);
}
