// `berth machine start|stop|restart|status|reset|ssh|logs`: each command talks to the machine agent.
import { spawn } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { availableParallelism, totalmem } from 'node:os';
import {
  parseMachineCpus,
  parseMachineDiskGiB,
  parseIdlePauseSeconds,
  parseMachineMemoryMiB,
} from '../core/machine-resources';
import type { MachineLogSource } from '../contract/dto/machine';
import type { MachineSnapshot } from '../machine/agent-protocol';
import type { MachineHome } from '../machine/machine-home';
import type { MachineSettings } from '../settings/settings-schema';
import { SettingsStore } from '../settings/settings-store';
import { connectAgent, ensureAgent } from './agent-launcher';
import { progressPrinter } from './progress-printer';

export interface CommandContext {
  home: MachineHome;
  /** This CLI's entry file, to start the agent with. */
  cliEntry: string;
  out: (text: string) => void;
  err: (text: string) => void;
}

/** A command's exit code. */
export type ExitCode = number;

export interface StartFlags {
  cpus?: string;
  memory?: string;
  disk?: string;
  backend?: string;
  'idle-pause'?: string;
}

/**
 * Saves new resources in settings.json's machine section (they apply when the VM boots), then
 * starts the machine and waits until the engine answers.
 */
export async function startCommand(ctx: CommandContext, flags: StartFlags): Promise<ExitCode> {
  const store = new SettingsStore(ctx.home.root);
  const loaded = await store.load();
  for (const warning of loaded.warnings) ctx.err(`warning: ${warning}\n`);
  const saved = loaded.settings.machine;
  const config = withFlags(saved, flags);
  if (JSON.stringify(config) !== JSON.stringify(saved)) await store.update({ machine: config });
  const client = await ensureAgent(ctx.home, ctx.cliEntry);
  try {
    const before = await client.request('status');
    if (before.status.state === 'running') {
      const changed = before.resources && resourcesDiffer(config, before.resources);
      ctx.err(
        `The machine is already running${changed ? '; the new resources apply after `berth machine restart`' : ''}\n`,
      );
      ctx.out(describe(before));
      return 0;
    }
    client.onStatus(progressPrinter(ctx.err));
    ctx.out(describe(await client.request('start')));
    return 0;
  } finally {
    client.close();
  }
}

/** Stops the machine gracefully; the agent exits once it is stopped. */
export async function stopCommand(ctx: CommandContext): Promise<ExitCode> {
  const client = await connectAgent(ctx.home);
  if (!client) {
    ctx.err('The machine is not running\n');
    return 0;
  }
  try {
    client.onStatus(progressPrinter(ctx.err));
    await client.request('stop');
    return 0;
  } finally {
    client.close();
  }
}

export function restartCommand(ctx: CommandContext): Promise<ExitCode> {
  return requestWithProgress(ctx, 'restart');
}

/** Wipes the data disk (every image, container and volume) and starts afresh; needs `--yes`. */
export async function resetCommand(ctx: CommandContext, confirmed: boolean): Promise<ExitCode> {
  if (!confirmed) {
    ctx.err(
      'This deletes every image, container and volume in the machine, and every snapshot of its data disk, and starts it afresh.\n' +
        'Run `berth machine reset --yes` to go ahead.\n',
    );
    return 2;
  }
  return requestWithProgress(ctx, 'reset');
}

/** Asks the agent (started if needed) for `method`, printing progress, then the machine's description. */
async function requestWithProgress(ctx: CommandContext, method: 'restart' | 'reset'): Promise<ExitCode> {
  const client = await ensureAgent(ctx.home, ctx.cliEntry);
  try {
    client.onStatus(progressPrinter(ctx.err));
    ctx.out(describe(await client.request(method)));
    return 0;
  } finally {
    client.close();
  }
}

export async function statusCommand(ctx: CommandContext, json: boolean): Promise<ExitCode> {
  const client = await connectAgent(ctx.home);
  const snapshot: MachineSnapshot | { status: { state: 'stopped' } } = client
    ? await client.request('status').finally(() => client.close())
    : { status: { state: 'stopped' } };
  if (json) ctx.out(`${JSON.stringify(snapshot)}\n`);
  else ctx.out('pid' in snapshot ? describe(snapshot) : 'stopped\n');
  return 0;
}

/** Opens a shell in the VM (or runs `command` there) with the system's ssh client and the pinned host key. */
export async function sshCommand(ctx: CommandContext, command: string[]): Promise<ExitCode> {
  const client = await connectAgent(ctx.home);
  const snapshot = client ? await client.request('status').finally(() => client.close()) : undefined;
  const ssh = snapshot?.ssh;
  if (!ssh || snapshot.status.state !== 'running') {
    ctx.err('The machine is not running; start it with `berth machine start`\n');
    return 1;
  }
  const args = [
    ...['-i', ssh.identityFile, '-p', String(ssh.port)],
    ...['-o', `UserKnownHostsFile=${ssh.knownHostsFile}`, '-o', 'StrictHostKeyChecking=yes'],
    ...['-o', 'IdentitiesOnly=yes', '-o', 'LogLevel=ERROR'],
    ...(process.stdin.isTTY && command.length === 0 ? ['-t'] : []),
    `${ssh.user}@${ssh.host}`,
    ...command,
  ];
  return new Promise((resolve) => {
    const child = spawn('ssh', args, { stdio: 'inherit' });
    child.on('error', (error) => {
      ctx.err(`Could not run ssh: ${error.message}\n`);
      resolve(1);
    });
    child.on('exit', (code) => resolve(code ?? 1));
  });
}

/** Prints one of the machine's logs: the VM's console, dockerd's in the VM, or the agent's. */
export async function logsCommand(ctx: CommandContext, source: MachineLogSource): Promise<ExitCode> {
  const path = { console: ctx.home.consoleLog, engine: ctx.home.engineLog, agent: ctx.home.agentLog }[source];
  const exists = await stat(path).then(
    () => true,
    () => false,
  );
  if (!exists) {
    ctx.err(`No log yet at ${path}\n`);
    return 1;
  }
  for await (const chunk of createReadStream(path, 'utf8')) ctx.out(chunk as string);
  return 0;
}

function withFlags(config: MachineSettings, flags: StartFlags): MachineSettings {
  const next = { ...config };
  if (flags.cpus !== undefined) next.cpus = parseMachineCpus(flags.cpus, availableParallelism());
  if (flags.memory !== undefined)
    next.memoryMiB = parseMachineMemoryMiB(flags.memory, Math.floor(totalmem() / 2 ** 20));
  if (flags.disk !== undefined) next.diskGiB = parseMachineDiskGiB(flags.disk);
  if (flags['idle-pause'] !== undefined) next.idlePauseSeconds = parseIdlePauseSeconds(flags['idle-pause']);
  if (flags.backend !== undefined) {
    if (flags.backend !== 'auto' && flags.backend !== 'qemu' && flags.backend !== 'native') {
      throw new Error(`--backend must be auto, qemu or native, not "${flags.backend}"`);
    }
    next.backend = flags.backend;
  }
  return next;
}

function resourcesDiffer(config: MachineSettings, resources: NonNullable<MachineSnapshot['resources']>): boolean {
  return (
    config.cpus !== resources.cpus || config.memoryMiB !== resources.memoryMiB || config.diskGiB !== resources.diskGiB
  );
}

function describe(snapshot: MachineSnapshot): string {
  const { status, resources, endpoint } = snapshot;
  const paused = status.paused ? ' (paused while idle; the next engine call resumes it)' : '';
  const lines = [`${status.state}${paused}${status.reason ? ` (${status.reason})` : ''}`];
  lines.push(`backend:  ${snapshot.kind === 'qemu' ? "Berth's VM (QEMU)" : 'the Docker Engine on this computer'}`);
  if (resources)
    lines.push(`resources: ${resources.cpus} CPUs, ${resources.memoryMiB} MiB memory, ${resources.diskGiB} GiB disk`);
  if (endpoint) lines.push(`engine:   ${endpoint}  (docker context "berth")`);
  return `${lines.join('\n')}\n`;
}
