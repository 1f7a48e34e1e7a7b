// The machine agent process (`berth machine agent`): owns the machine and its tunnel, serves them on the control socket.
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { qemuTargetFor } from '../machine/qemu-target';
import { serveMachine } from '../machine/agent-server';
import { createMachine } from '../machine/factory';
import type { MachineHome } from '../machine/machine-home';
import { QemuMachine } from '../machine/qemu-machine';
import { SettingsStore } from '../settings/settings-store';
import { connectAgent } from './agent-launcher';

/** The built VM: BERTH_VM_ASSETS, else vm-assets/dist/<arch> in this repository. */
function vmAssetsFolder(): string {
  if (process.env.BERTH_VM_ASSETS) return resolve(process.env.BERTH_VM_ASSETS);
  const repo = fileURLToPath(new URL('../../', import.meta.url));
  return join(repo, 'vm-assets', 'dist', qemuTargetFor(process.arch).debianArch);
}

/** Runs until the machine was stopped through the socket, or the agent is sent SIGTERM/SIGINT. */
export async function runAgent(home: MachineHome): Promise<number> {
  const other = await connectAgent(home);
  if (other) {
    other.close();
    console.error(`Another machine agent already serves ${home.agentSocket}`);
    return 1;
  }
  const { settings, warnings } = await new SettingsStore(home.root).load();
  for (const warning of warnings) console.error(`warning: ${warning}`);
  const config = settings.machine;
  const { machine, reason } = await createMachine({
    setting: config.backend,
    createQemu: () =>
      new QemuMachine({
        home,
        assetsDir: vmAssetsFolder(),
        resources: { cpus: config.cpus, memoryMiB: config.memoryMiB, diskGiB: config.diskGiB },
        sharedHome: homedir(),
        idlePauseMs: config.idlePauseSeconds * 1000,
        exposePortsOnAllInterfaces: config.exposePortsOnAllInterfaces,
        onPortConflict: (conflict) => console.error(`${new Date().toISOString()} ${conflict.message}`),
        onWarning: (message) => console.error(`${new Date().toISOString()} warning: ${message}`),
      }),
  });
  console.error(`${new Date().toISOString()} agent ${process.pid}: ${reason}`);
  machine.onStatus((status) =>
    console.error(
      `${new Date().toISOString()} ${status.state}${status.paused ? ' (paused while idle)' : ''}${status.progress ? `: ${status.progress}` : ''}${status.reason ? ` (${status.reason})` : ''}`,
    ),
  );

  let finish: () => void = () => undefined;
  const finished = new Promise<void>((done) => (finish = done));
  const server = await serveMachine(machine, home.agentSocket, {
    afterRequest: (method, ok) => {
      if (method === 'stop' && ok) finish();
    },
  });
  const shutDown = () => {
    void machine
      .stop()
      .catch(() => undefined)
      .finally(finish);
  };
  process.once('SIGTERM', shutDown);
  process.once('SIGINT', shutDown);
  await finished;
  await server.close();
  await machine.dispose();
  return 0;
}
