// What one boot of Berth's VM prepares on the host: the user's daemon.json, the trusted registries' certificates and the shared folders for the guest, the SSH target file, free ports.
import { rm, writeFile } from 'node:fs/promises';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { join } from 'node:path';
import { formatGuestConfig, guestDaemonJson } from './guest-config';
import { daemonJsonWithInsecureRegistries, formatGuestRegistryCerts, type RegistryTrust } from './guest-registry-trust';
import { serveSharedFolders, type SharedFolderDevice, type Virtiofsd } from './home-share';
import type { SshTarget } from './machine';
import type { MachineHome } from './machine-home';
import type { MachineKeys } from './machine-keys';
import { findSharedFolders } from './shared-folders';

/**
 * Writes the user's daemon.json for fw_cfg when it adds something and returns its path; removes
 * a stale one and returns undefined otherwise. Text that is not a JSON object is a warning, and
 * the engine gets Berth's own file. `insecureRegistries` join the file's `insecure-registries`
 * (also when the user's text was refused).
 */
export async function writeGuestDaemonJson(
  runDir: string,
  source: string | undefined,
  onWarning?: (message: string) => void,
  insecureRegistries: readonly string[] = [],
): Promise<string | undefined> {
  const path = join(runDir, 'daemon.json');
  let daemonJson: string | undefined;
  try {
    daemonJson = guestDaemonJson(source ?? '{}');
  } catch (error) {
    onWarning?.(`The engine gets Berth's own daemon.json only: ${(error as Error).message}`);
  }
  if (insecureRegistries.length) {
    const merged = daemonJsonWithInsecureRegistries(daemonJson ?? '{}', insecureRegistries);
    if (merged.warning) onWarning?.(merged.warning);
    daemonJson = merged.text;
  }
  if (daemonJson === undefined) {
    await rm(path, { force: true });
    return undefined;
  }
  await writeFile(path, daemonJson, { mode: 0o600 });
  return path;
}

/**
 * Writes the CA certificates of `trust` for fw_cfg (run/registry_certs) and returns its path when
 * any entry has one; removes a stale file and returns undefined otherwise. Each entry left out is
 * a warning.
 */
export async function writeGuestRegistryCerts(
  runDir: string,
  trust: readonly RegistryTrust[],
  onWarning?: (message: string) => void,
): Promise<string | undefined> {
  const path = join(runDir, 'registry_certs');
  const certs = formatGuestRegistryCerts(trust);
  for (const warning of certs.warnings) onWarning?.(warning);
  if (certs.text === undefined) {
    await rm(path, { force: true });
    return undefined;
  }
  await writeFile(path, certs.text, { mode: 0o600 });
  return path;
}

export interface SharedFoldersForBoot {
  /** QEMU's devices, in the guest config's order. */
  devices: SharedFolderDevice[];
  /** The virtiofsd daemons serving them (none for 9p). */
  virtiofsds: Virtiofsd[];
}

/**
 * Chooses the folders to share from `requested` (the home folder first; each one skipped is a
 * warning), serves them (virtiofsd, or nothing for 9p; `onServing` is called first) and writes the
 * guest config (run/guest.conf) that lists the ones shared.
 */
export async function shareFoldersForBoot(
  home: MachineHome,
  requested: readonly string[],
  { onServing, onWarning }: { onServing: () => void; onWarning?: (message: string) => void },
): Promise<SharedFoldersForBoot> {
  const choice = await findSharedFolders(requested);
  for (const { folder, reason } of choice.skipped) onWarning?.(`${folder} is not shared with the VM: ${reason}`);
  let served: SharedFoldersForBoot = { devices: [], virtiofsds: [] };
  if (choice.folders.length) {
    onServing();
    const result = await serveSharedFolders(choice.folders, {
      socketPath: (index) => join(home.runDir, `virtiofs-${index}.sock`),
      logPath: join(home.consoleLog, '..', 'virtiofsd.log'),
    });
    served = result;
    if (!result.devices.length) onWarning?.(`${choice.folders.join(', ')} not shared with the VM: ${result.reason}`);
  }
  const shares = served.devices.length ? choice.folders : [];
  await writeFile(join(home.runDir, 'guest.conf'), formatGuestConfig({ hostname: 'berth', shares }), { mode: 0o600 });
  return served;
}

/** Writes run/known_hosts with only the pinned host key, and returns how to log in with ssh. */
export async function writeSshTarget(runDir: string, keys: MachineKeys, port: number): Promise<SshTarget> {
  const knownHostsFile = join(runDir, 'known_hosts');
  await writeFile(knownHostsFile, `[127.0.0.1]:${port} ${keys.hostPublicKey}\n`, { mode: 0o600 });
  return { host: '127.0.0.1', port, user: 'root', identityFile: keys.userPrivateKeyPath, knownHostsFile };
}

/** Two distinct TCP ports free on 127.0.0.1 right now, for QEMU's SSH and relay forwards. */
export async function twoFreeLoopbackPorts(): Promise<[number, number]> {
  const listen = () =>
    new Promise<Server>((resolve, reject) => {
      const server = createServer();
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve(server));
    });
  const servers = [await listen(), await listen()];
  const [first, second] = servers.map((server) => (server.address() as AddressInfo).port);
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  return [first!, second!];
}
