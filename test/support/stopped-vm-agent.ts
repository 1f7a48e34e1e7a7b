// A data folder for Berth's VM that is never booted: settings choose the VM, a real empty qcow2 data disk, and the real
// machine agent (`berth machine agent`, started as the CLI does), which `stop()` ends.
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ensureDataDisk } from '../../src-main/machine/data-disk';
import { connectAgent, ensureAgent } from '../../src-main/cli/agent-launcher';
import type { AgentClient } from '../../src-main/machine/agent-client';
import { machineHome, type MachineHome } from '../../src-main/machine/machine-home';
import { SettingsStore } from '../../src-main/settings/settings-store';
import { ensureQemu, makeTempFolder } from './qemu';
import { waitFor } from './wait';

export interface StoppedVmHome {
  home: MachineHome;
  /** Environment for the CLI and the agent: BERTH_HOME, and qemu-img in PATH. */
  env: NodeJS.ProcessEnv;
  /** The agent for this data folder, started when none runs. */
  agent(): Promise<AgentClient>;
  /** Ends the agent if one runs (SIGTERM: it stops its machine and exits) and removes the folder. */
  stop(): Promise<void>;
}

export const BERTH_CLI = resolve('bin/berth.js');

export async function stoppedVmHome(): Promise<StoppedVmHome> {
  const { 'qemu-img': qemuImg } = await ensureQemu();
  const folder = makeTempFolder('berth-vm-home-');
  const home = machineHome(folder.path);
  const env = { PATH: `${join(qemuImg, '..')}:${process.env.PATH}`, BERTH_HOME: folder.path };
  const store = new SettingsStore(folder.path);
  const { settings } = await store.load();
  await store.update({ machine: { ...settings.machine, backend: 'qemu' } });
  mkdirSync(join(home.dataDisk, '..'), { mode: 0o700 });
  await ensureDataDisk(home.dataDisk, 1, { qemuImgPath: qemuImg });
  return {
    home,
    env,
    agent: () => ensureAgent(home, BERTH_CLI, env as Record<string, string>),
    async stop() {
      const client = await connectAgent(home);
      const pid = client && (await client.request('status').finally(() => client.close())).pid;
      if (pid) {
        process.kill(pid, 'SIGTERM');
        await waitFor(async () => !(await connectAgent(home).then((other) => (other?.close(), other))), {
          timeoutMs: 10_000,
          message: `the machine agent ${pid} to exit`,
        });
      }
      folder.remove();
    },
  };
}
