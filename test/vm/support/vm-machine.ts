// A QemuMachine of the test's own (own data folder, sockets and ports), stopped and cleaned up even when a test fails.
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, inject } from 'vitest';
import type { MachineResources } from '../../../src-main/contract/dto/machine';
import { machineHome, type MachineHome } from '../../../src-main/machine/machine-home';
import { QemuMachine } from '../../../src-main/machine/qemu-machine';
import type { QemuBootSettings } from '../../../src-main/machine/qemu-machine-options';
import { onExitCleanup } from '../../support/processes';
import { makeOwnedTempDir } from '../../support/temp-dirs';

export interface TestVm {
  /** The machine; replaced by `switchAssets`. */
  machine: QemuMachine;
  /** Swaps in a machine on the same data folder that boots the VM built in `assetsDir` (stop the old one first). */
  switchAssets(assetsDir: string): Promise<void>;
  home: MachineHome;
  /** The docker CLI config folder the machine writes its context to. */
  dockerConfig: string;
  /** DOCKER_HOST for the forwarded engine socket. */
  dockerHost: string;
  /**
   * Runs the real docker CLI against the machine; resolves with its stdout. Asynchronous on
   * purpose: the tunnel it talks through runs in this very process.
   */
  docker(args: string[], input?: string | Buffer, env?: Record<string, string>, timeoutMs?: number): Promise<string>;
  /** Runs a shell command in the guest as root over SSH (the machine must be running); resolves with its stdout. */
  guest(command: string): Promise<string>;
  /** QEMU's pid while it runs. */
  qemuPid(): number | undefined;
  /** The warnings the machine reported (also printed), oldest first. */
  warnings: string[];
}

/** How much of the console a failed machine prints. */
const CONSOLE_LINES_ON_ERROR = 150;

export const TEST_RESOURCES: MachineResources = { cpus: 2, memoryMiB: 1536, diskGiB: 16 };

/** A machine in a fresh data folder; `afterAll` stops it and removes the folder. */
export function useTestVm(
  options: {
    resources?: MachineResources;
    sharedHome?: string;
    idlePauseMs?: number;
    /** Read at each boot, as the agent reads the settings (QemuMachineOptions.configure). */
    configure?: () => Promise<QemuBootSettings>;
  } = {},
): TestVm {
  const root = makeOwnedTempDir('berth-vm-');
  const warnings: string[] = [];
  const home = machineHome(root);
  const dockerConfig = join(root, 'docker-config');
  const create = (assetsDir: string) => {
    const machine = new QemuMachine({
      home,
      assetsDir,
      resources: options.resources ?? TEST_RESOURCES,
      dockerConfigDir: dockerConfig,
      sharedHome: options.sharedHome,
      idlePauseMs: options.idlePauseMs,
      configure: options.configure,
      onWarning: (message) => {
        warnings.push(message);
        process.stdout.write(`[berth vm] warning: ${message}\n`);
        if (/kernel crashed/.test(message)) printConsole(home.consoleLog);
      },
    });
    // The machine's story in the test output, so a failure shows what the VM went through.
    machine.onStatus(({ state, progress, reason, paused }) => {
      process.stdout.write(
        `[berth vm] ${new Date().toISOString()} ${state}${paused ? ' (paused)' : ''}${progress ? `: ${progress}` : ''}${reason ? ` (${reason})` : ''}\n`,
      );
      if (state === 'error') printConsole(home.consoleLog);
    });
    return machine;
  };
  let machine = create(inject('vmAssets'));
  const qemuPid = () => {
    try {
      const pid = Number(readFileSync(join(home.runDir, 'qemu.pid'), 'utf8').trim());
      process.kill(pid, 0);
      return pid;
    } catch {
      return undefined;
    }
  };
  const removeExitHook = onExitCleanup(() => {
    const pid = qemuPid();
    if (pid) process.kill(pid, 'SIGKILL');
  });
  afterAll(async () => {
    await machine.stop().catch(() => undefined);
    await machine.dispose();
    const pid = qemuPid();
    if (pid) process.kill(pid, 'SIGKILL');
    removeExitHook();
    rmSync(root, { recursive: true, force: true });
  });
  const dockerHost = `unix://${home.dockerSocket}`;
  return {
    get machine() {
      return machine;
    },
    async switchAssets(assetsDir) {
      await machine.dispose();
      machine = create(assetsDir);
    },
    home,
    dockerHost,
    dockerConfig,
    qemuPid,
    warnings,
    docker: (args, input, env = { DOCKER_HOST: dockerHost }, timeoutMs = 120_000) =>
      run('docker', args, { ...process.env, DOCKER_CONFIG: dockerConfig, ...env }, timeoutMs, input),
    guest: (command) => {
      const ssh = machine.ssh;
      if (!ssh) return Promise.reject(new Error(`the machine is ${machine.status.state}: no SSH into the guest`));
      const options = [
        '-o',
        'BatchMode=yes',
        '-o',
        'StrictHostKeyChecking=yes',
        '-o',
        `UserKnownHostsFile=${ssh.knownHostsFile}`,
      ];
      const args = [...options, '-i', ssh.identityFile, '-p', String(ssh.port), `${ssh.user}@${ssh.host}`, command];
      return run('ssh', args, process.env, 120_000);
    },
  };
}

/** The guest console's last lines (a kernel oops is longer than what an error reason quotes). */
function printConsole(path: string): void {
  if (!existsSync(path)) return;
  const lines = readFileSync(path, 'utf8').split('\n').slice(-CONSOLE_LINES_ON_ERROR);
  process.stdout.write(lines.map((line) => `[berth vm console] ${line}\n`).join(''));
}

/** Runs `command`; resolves with its stdout, rejects with its stderr (or why it failed). */
function run(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  timeoutMs: number,
  input?: string | Buffer,
): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(command, args, { env, encoding: 'utf8', timeout: timeoutMs }, (error, stdout, stderr) =>
      error ? reject(new Error(`${command} ${args.join(' ')}: ${stderr.trim() || error.message}`)) : resolve(stdout),
    );
    child.stdin?.end(input);
  });
}
