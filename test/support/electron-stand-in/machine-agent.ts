// The machine agent a main under test started (detached, so not our child): found by the pid it logs, and stopped.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { machineHome } from '../../../src-main/machine/machine-home';
import { pidAlive, terminatePidsSync } from '../host-cleanup';
import type { StandInMain } from './driver';

/** Pids of the agents of the Berth home `berthHome` (each writes "agent <pid>: …" to its log). */
export function agentPids(berthHome: string): number[] {
  const log = machineHome(berthHome).agentLog;
  if (!existsSync(log)) return [];
  return [...readFileSync(log, 'utf8').matchAll(/ agent (\d+): /g)].map((match) => Number(match[1]));
}

/**
 * After a test: stops `main`, then each of its agents still running (SIGTERM, which stops the machine; SIGKILL after
 * `graceMs`), then removes `folder` (the test's HOME holding that Berth home).
 */
export async function stopMainAndAgents(
  main: StandInMain | undefined,
  berthHome: string,
  folder: string,
  graceMs = 10_000,
): Promise<void> {
  await main?.stop();
  terminatePidsSync(agentPids(berthHome).filter(pidAlive), graceMs);
  rmSync(folder, { recursive: true, force: true });
}
