// Berth's data folder and the files the machine keeps in it: keys, the data disk, sockets and logs (settings.json: src-main/settings).
import { createHash } from 'node:crypto';
import { join } from 'node:path';

/** Where each of the machine's files lives, under one data folder. */
export interface MachineHome {
  root: string;
  /** Per-install SSH keys (folder mode 0700). */
  keysDir: string;
  /** The user's data disk: images, containers and volumes. */
  dataDisk: string;
  /** The recipe hash of the VM image the data disk last booted (a new one gets a snapshot first). */
  dataDiskImage: string;
  /** Sockets, pid files and the throwaway root overlay (folder mode 0700). */
  runDir: string;
  /** The agent's control socket (mode 0600; a named pipe on Windows). */
  agentSocket: string;
  /** The host socket the engine is forwarded to (mode 0600; a named pipe on Windows). */
  dockerSocket: string;
  /** A second forwarded engine socket for Berth's own watchers (as dockerSocket); its connections do not keep the VM awake. */
  internalSocket: string;
  /** The VM's serial console, as QEMU writes it. */
  consoleLog: string;
  /** What the VM's dockerd logged this boot, as QEMU writes it from the guest's engine-log port. */
  engineLog: string;
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

/**
 * The machine's files under `root`. Its sockets live in `run/`, except on Windows, where Node
 * serves named pipes instead: `\\.\pipe\berth-<8 hex digits of a hash of root>-docker`, so two
 * data folders never share a pipe.
 */
export function machineHome(root: string, platform: NodeJS.Platform = process.platform): MachineHome {
  const runDir = join(root, 'run');
  const folderId = createHash('sha256').update(root).digest('hex').slice(0, 8);
  const socket = (name: string) =>
    platform === 'win32' ? `\\\\.\\pipe\\berth-${folderId}-${name}` : join(runDir, `${name}.sock`);
  return {
    root,
    keysDir: join(root, 'keys'),
    dataDisk: join(root, 'disks', 'data.qcow2'),
    dataDiskImage: join(root, 'disks', 'data.vm-image'),
    runDir,
    agentSocket: socket('agent'),
    dockerSocket: socket('docker'),
    internalSocket: socket('internal'),
    consoleLog: join(root, 'logs', 'console.log'),
    engineLog: join(root, 'logs', 'engine.log'),
    agentLog: join(root, 'logs', 'agent.log'),
  };
}
