// A VM machine's files without a VM: per-install keys, the relay's per-boot secret and the logs, made the way the machine makes them.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DiskSnapshotList, MachineInfo, MachineLogSource } from '../../src-main/contract/dto/machine';
import { hostResources, type MachineControl } from '../../src-main/machine/machine-control';
import { machineHome, type MachineHome } from '../../src-main/machine/machine-home';
import { ensureMachineKeys, type MachineKeys } from '../../src-main/machine/machine-keys';
import { ensurePrivateFolder } from '../../src-main/machine/private-folder';
import { newRelaySecret } from '../../src-main/tunnel/engine-relay';

export interface VmFiles {
  home: MachineHome;
  keys: MachineKeys;
  /** What qemu-boot-files.ts writes to run/engine.secret at each boot. */
  relaySecret: Buffer;
}

/**
 * Makes, under `root`, what a booted VM machine leaves in Berth's data folder: the SSH keys (machine-keys.ts),
 * run/engine.secret (0600, as qemu-boot-files.ts writes it) and the console, engine and agent logs.
 */
export async function makeVmFiles(root: string): Promise<VmFiles> {
  const home = machineHome(root);
  const keys = await ensureMachineKeys(home.keysDir);
  await ensurePrivateFolder(home.runDir);
  const relaySecret = newRelaySecret();
  await writeFile(join(home.runDir, 'engine.secret'), relaySecret, { mode: 0o600 });
  await mkdir(join(root, 'logs'), { recursive: true });
  const now = new Date().toISOString();
  await writeFile(
    home.consoleLog,
    `[    0.000000] Linux version 6.1.0 (berth)\n[    1.2] berth-init: relay listening\n`,
  );
  await writeFile(home.engineLog, `time="${now}" level=info msg="API listen on /var/run/docker.sock"\n`);
  await writeFile(home.agentLog, `${now} agent ${process.pid}: started for ${root}\n`);
  return { home, keys, relaySecret };
}

/** The machine of a data folder made by makeVmFiles, in front of the test engine: its logs are those files. */
export class VmFilesMachine implements MachineControl {
  constructor(
    private readonly files: VmFiles,
    private readonly endpoint: string,
  ) {}

  get info(): MachineInfo {
    return {
      kind: 'qemu',
      status: { state: 'running' },
      resources: { cpus: 2, memoryMiB: 2048, diskGiB: 64 },
      endpoint: this.endpoint,
      host: hostResources(),
      logs: ['console', 'engine', 'agent'],
    };
  }

  onChange(): () => void {
    return () => undefined;
  }

  async start(): Promise<void> {}
  async stop(): Promise<void> {}
  async restart(): Promise<void> {}
  async reset(): Promise<void> {}
  /** No data disk: no snapshots. */
  async snapshots(): Promise<DiskSnapshotList> {
    return { snapshots: [], diskAllocatedBytes: 0, keepAutomatic: 0 };
  }

  sshTarget(): undefined {
    return undefined;
  }

  logFile(source: MachineLogSource): string {
    const { home } = this.files;
    return source === 'console' ? home.consoleLog : source === 'engine' ? home.engineLog : home.agentLog;
  }

  dispose(): void {}
}
