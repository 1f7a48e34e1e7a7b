// Finds the running machine agent, or starts one in the background (detached, output to its log) and waits for it.
import { spawn } from 'node:child_process';
import { mkdir, open } from 'node:fs/promises';
import { dirname } from 'node:path';
import { AgentClient, AgentNotRunningError } from '../machine/agent-client';
import type { MachineHome } from '../machine/machine-home';

/** How long a new agent may take to open its control socket, in ms. */
const AGENT_READY_MS = 15_000;
const RETRY_MS = 50;

/** A client of the running agent, or undefined when none runs. */
export async function connectAgent(home: MachineHome): Promise<AgentClient | undefined> {
  try {
    return await AgentClient.connect(home.agentSocket);
  } catch (error) {
    if (error instanceof AgentNotRunningError) return undefined;
    throw error;
  }
}

/**
 * The running agent, or a new one: `node <cli entry> machine agent` detached from this process,
 * so the machine and its tunnel outlive the command that started them.
 */
export async function ensureAgent(
  home: MachineHome,
  cliEntry: string,
  /** More environment for the agent, e.g. BERTH_VM_ASSETS in a packaged app. */
  env: Record<string, string> = {},
): Promise<AgentClient> {
  const running = await connectAgent(home);
  if (running) return running;
  await mkdir(dirname(home.agentLog), { recursive: true, mode: 0o700 });
  const log = await open(home.agentLog, 'a', 0o600);
  const child = spawn(process.execPath, [...process.execArgv, cliEntry, 'machine', 'agent'], {
    detached: true,
    stdio: ['ignore', log.fd, log.fd],
    // From Electron's main process, process.execPath is Electron: run it as plain Node.
    env: {
      ...process.env,
      ...(process.versions.electron ? { ELECTRON_RUN_AS_NODE: '1' } : {}),
      ...env,
      BERTH_HOME: home.root,
    },
  });
  child.unref();
  await log.close();
  let exited: number | null | undefined;
  child.once('exit', (code) => (exited = code));
  const deadline = Date.now() + AGENT_READY_MS;
  for (;;) {
    const client = await connectAgent(home);
    if (client) return client;
    if (exited !== undefined) {
      throw new Error(`The machine agent exited (code ${exited}) before it was ready; see ${home.agentLog}`);
    }
    if (Date.now() > deadline) throw new Error(`The machine agent did not start within 15 s; see ${home.agentLog}`);
    await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
  }
}
