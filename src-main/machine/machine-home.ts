// Berth's data folder and the files the machine keeps in it: settings, keys, the data disk, sockets and logs.
import { join } from 'node:path';

/** Where each of the machine's files lives, under one data folder. */
export interface MachineHome {
  root: string;
  /** The machine's resources (CPUs, memory, disk) as last set. */
  configFile: string;
  /** Per-install SSH keys (folder mode 0700). */
  keysDir: string;
  /** The user's data disk: images, containers and volumes. */
  dataDisk: string;
  /** Sockets, pid files and the throwaway root overlay (folder mode 0700). */
  runDir: string;
  /** The agent's control socket (mode 0600). */
  agentSocket: string;
  /** The host socket the engine is forwarded to (mode 0600). */
  dockerSocket: string;
  /** A second forwarded engine socket for Berth's own watchers (mode 0600); its connections do not keep the VM awake. */
  internalSocket: string;
  /** The VM's serial console, as QEMU writes it. */
  consoleLog: string;
  /** What the agent process printed. */
  agentLog: string;
}

/**
 * Berth's data folder: `BERTH_HOME` when set, else the platform's place for application data
 * (`$XDG_DATA_HOME/berth` or `~/.local/share/berth`, `~/Library/Application Support/Berth`,
 * `%APPDATA%\Berth`).
 */
export function berthHomeFolder(env: Record<string, string | undefined>, platform: string, homedir: string): string {
  if (env.BERTH_HOME) return env.BERTH_HOME;
  if (platform === 'darwin') return join(homedir, 'Library', 'Application Support', 'Berth');
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir, 'AppData', 'Roaming'), 'Berth');
  return join(env.XDG_DATA_HOME || join(homedir, '.local', 'share'), 'berth');
}

/** The machine's files under `root`. */
export function machineHome(root: string): MachineHome {
  const runDir = join(root, 'run');
  return {
    root,
    configFile: join(root, 'machine.json'),
    keysDir: join(root, 'keys'),
    dataDisk: join(root, 'disks', 'data.qcow2'),
    runDir,
    agentSocket: join(runDir, 'agent.sock'),
    dockerSocket: join(runDir, 'docker.sock'),
    internalSocket: join(runDir, 'internal.sock'),
    consoleLog: join(root, 'logs', 'console.log'),
    agentLog: join(root, 'logs', 'agent.log'),
  };
}
