// What one boot of Berth's VM prepares on the host before QEMU starts: the disks and keys, the user's daemon.json, the trusted registries' certificates, the shared folders, the relay's secret and free ports; and the SSH target file once it runs.
import { rm, writeFile } from 'node:fs/promises';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { join } from 'node:path';
import type { MachineProgressStep } from '../contract/dto/machine';
import { newRelaySecret } from '../tunnel/engine-relay';
import { prepareBootDisks } from './boot-disks';
import { formatGuestConfig, guestDaemonJson } from './guest-config';
import {
  daemonJsonWithInsecureRegistries,
  formatGuestRegistryCerts,
  insecureRegistryServers,
  type RegistryTrust,
} from './guest-registry-trust';
import { serveSharedFolders, type SharedFolderDevice, type Virtiofsd } from './home-share';
import type { SshTarget } from './machine';
import type { MachineHome } from './machine-home';
import type { MachineKeys } from './machine-keys';
import type { BootPlumbing } from './qemu-command';
import type { QemuBootSettings, QemuMachineOptions } from './qemu-machine-options';
import { findSharedFolders } from './shared-folders';
import { readVmAssets, type VmAssets } from './vm-assets';

/** What prepareBootFiles made for one boot: QEMU's command line is built from it. */
export interface BootFiles {
  assets: VmAssets;
  plumbing: BootPlumbing;
  /** The relay's secret for this boot, also in run/engine.secret (0600) for fw_cfg. */
  relaySecret: Buffer;
}

export interface BootFileEvents {
  /** A step of the boot's progress, e.g. "Sharing folders". */
  onStep: (step: MachineProgressStep) => void;
  /** The virtiofsd daemons now serving the shared folders, for the machine to stop with QEMU (also when the boot fails next). */
  onVirtiofsds: (virtiofsds: Virtiofsd[]) => void;
  onWarning?: (message: string) => void;
}

/**
 * Everything that must be on the host before QEMU starts with `settings`: the disks and keys
 * (boot-disks.ts), the fw_cfg files (daemon.json, registry_certs, guest.conf, engine.secret), the
 * shared folders served, and two free ports for SSH and the relay. `signal` aborted stops it
 * between steps (with its reason).
 */
export async function prepareBootFiles(
  options: Pick<QemuMachineOptions, 'home' | 'assetsDir' | 'sharedHome'>,
  settings: QemuBootSettings,
  { onStep, onVirtiofsds, onWarning }: BootFileEvents,
  signal: AbortSignal,
): Promise<BootFiles> {
  const { home, sharedHome } = options;
  onStep('Preparing the disks');
  const assets = await readVmAssets(options.assetsDir);
  const keys = await prepareBootDisks(home, assets, settings, {
    onSnapshot: () => onStep('Taking a snapshot of the data disk'),
    onWarning,
  });
  const trust = settings.registryTrust ?? [];
  const insecure = insecureRegistryServers(trust);
  const daemonJsonPath = await writeGuestDaemonJson(home.runDir, settings.daemonJson, onWarning, insecure);
  const registryCertsPath = await writeGuestRegistryCerts(home.runDir, trust, onWarning);
  signal.throwIfAborted();

  const requested = [...(sharedHome ? [sharedHome] : []), ...(settings.sharedFolders ?? [])];
  const served = await shareFoldersForBoot(home, requested, { onServing: () => onStep('Sharing folders'), onWarning });
  onVirtiofsds(served.virtiofsds);
  signal.throwIfAborted();

  const [sshPort, relayPort] = await twoFreeLoopbackPorts();
  const relaySecret = newRelaySecret();
  await writeFile(join(home.runDir, 'engine.secret'), relaySecret, { mode: 0o600 });
  const plumbing = { sshPort, relayPort, keys, shares: served.devices, daemonJsonPath, registryCertsPath };
  return { assets, plumbing, relaySecret };
}

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

interface SharedFoldersForBoot {
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
async function shareFoldersForBoot(
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
async function twoFreeLoopbackPorts(): Promise<[number, number]> {
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
