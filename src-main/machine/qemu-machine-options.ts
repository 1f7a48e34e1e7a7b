// What Berth's VM is given: the settings read at each boot, and the options of the qemu backend.
import type { MachineResources } from '../contract/dto/machine';
import type { PortConflict } from '../tunnel/port-forwarder';
import type { RegistryTrust } from './guest-registry-trust';
import type { MachineHome } from './machine-home';
import type { HostForward } from './qemu-args';

/** What a boot of the VM is given; read again at the start of every boot (see `QemuMachineOptions.configure`). */
export interface QemuBootSettings {
  /** CPUs, memory and data disk size; the data disk only ever grows (a smaller size fails the boot, except on reset). */
  resources: MachineResources;
  /** Pause the VM after this long with no running containers and no engine clients, in ms; never when unset or 0. */
  idlePauseMs?: number;
  /** Binds published ports on every host interface instead of 127.0.0.1. */
  exposePortsOnAllInterfaces?: boolean;
  /** The user's additions to the engine's daemon.json (the `engine.daemonJson` setting): the text of a JSON object. */
  daemonJson?: string;
  /** Registries the guest's engine trusts (the `registries.trust` setting): CA certificates and insecure-registries. */
  registryTrust?: readonly RegistryTrust[];
  /** Absolute host folders shared into the guest at the same path, besides `sharedHome`. */
  sharedFolders?: readonly string[];
}

/** The boot settings here are what the VM boots with until `configure` says otherwise (and always, without it). */
export interface QemuMachineOptions extends QemuBootSettings {
  home: MachineHome;
  /** Folder with the built VM: manifest.json, vmlinuz, initrd.img, base.qcow2. */
  assetsDir: string;
  /**
   * Called at the start of every boot (start, restart, reset) for what that boot is given, e.g.
   * from the settings file, so changed settings apply at the next start without a new machine.
   * The values of these options are used when it is not set. A rejection fails the start.
   */
  configure?: () => Promise<QemuBootSettings>;
  /** Longest wait from QEMU's start to the engine answering, in ms; default 300 000 (software emulation is slow). */
  bootTimeoutMs?: number;
  /** Longest wait for the guest to power off after the power button, in ms; default 30 000. */
  powerdownTimeoutMs?: number;
  /** The docker CLI's config folder, where the `berth` context is written; default `$DOCKER_CONFIG` or ~/.docker. */
  dockerConfigDir?: string;
  /** A published port could not get its host listener (taken on this computer). */
  onPortConflict?: (conflict: PortConflict) => void;
  /** Adds `berth.debug=1` to the kernel command line. */
  debug?: boolean;
  /** Host folder shared into the guest at the same path (the user's home, so bind mounts work), first of the shares; none when unset. */
  sharedHome?: string;
  /** More host ports QEMU itself forwards to the guest from boot (the port benchmark compares them with the tunnel). */
  extraHostForwards?: HostForward[];
  /** Something went wrong that the machine survives (a trim, a pause); for the log. */
  onWarning?: (message: string) => void;
}
