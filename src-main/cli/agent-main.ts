// The machine agent process (`berth machine agent`): owns the machine and its tunnel, serves them on the control socket.
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { registryTrustFor } from '../machine/guest-registry-trust';
import { qemuTargetFor } from '../machine/qemu-target';
import { serveMachine } from '../machine/agent-server';
import { createMachine } from '../machine/factory';
import type { MachineHome } from '../machine/machine-home';
import { QemuMachine } from '../machine/qemu-machine';
import type { QemuBootSettings } from '../machine/qemu-machine-options';
import type { Settings } from '../settings/settings-schema';
import { SettingsStore } from '../settings/settings-store';
import { connectAgent } from './agent-launcher';

/** The built VM: BERTH_VM_ASSETS, else vm-assets/dist/<arch> in this repository. */
function vmAssetsFolder(): string {
  if (process.env.BERTH_VM_ASSETS) return resolve(process.env.BERTH_VM_ASSETS);
  const repo = fileURLToPath(new URL('../../', import.meta.url));
  return join(repo, 'vm-assets', 'dist', qemuTargetFor(process.arch).debianArch);
}

/** What the VM boots with, from the settings. */
function bootSettings(settings: Settings): QemuBootSettings {
  const { machine, engine, fileSharing } = settings;
  return {
    resources: { cpus: machine.cpus, memoryMiB: machine.memoryMiB, diskGiB: machine.diskGiB },
    idlePauseMs: machine.idlePauseSeconds * 1000,
    exposePortsOnAllInterfaces: machine.exposePortsOnAllInterfaces,
    daemonJson: engine.daemonJson,
    registryTrust: registryTrustFor(settings),
    sharedFolders: fileSharing.folders,
  };
}

/**
 * Runs until the machine was stopped through the socket, or the agent is sent SIGTERM/SIGINT.
 * The backend is chosen once, from the settings at start; the VM reads the settings again at each
 * boot, so what the Settings page saved applies at the next start or restart.
 */
export async function runAgent(home: MachineHome): Promise<number> {
  const other = await connectAgent(home);
  if (other) {
    other.close();
    console.error(`Another machine agent already serves ${home.agentSocket}`);
    return 1;
  }
  const store = new SettingsStore(home.root);
  const { settings, warnings } = await store.load();
  for (const warning of warnings) console.error(`warning: ${warning}`);
  const { machine, reason } = await createMachine({
    setting: settings.machine.backend,
    createQemu: () =>
      new QemuMachine({
        home,
        assetsDir: vmAssetsFolder(),
        ...bootSettings(settings),
        configure: async () => {
          const loaded = await store.load();
          for (const warning of loaded.warnings) console.error(`${new Date().toISOString()} warning: ${warning}`);
          return bootSettings(loaded.settings);
        },
        sharedHome: homedir(),
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
