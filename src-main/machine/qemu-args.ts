// Builds QEMU's command line for Berth's VM from a typed configuration, following the guest contract. Pure.
import { MIN_MEMORY_MIB } from '../core/machine-resources';
import type { Accelerator } from './accelerator';
import type { SharedFolderDevice } from './home-share';
import { cpuModelFor, type QemuTarget } from './qemu-target';

/** One more port QEMU's user-mode network forwards from the host to the guest. */
export interface HostForward {
  protocol: 'tcp' | 'udp';
  /** IPv4 address on the host to listen on, e.g. "127.0.0.1". */
  hostAddress: string;
  hostPort: number;
  guestPort: number;
}

/** Files QEMU hands the guest through fw_cfg (as opt/berth/<name>); they stay out of the command line. */
export interface GuestFiles {
  /** The host's ed25519 public key, authorized for root (opt/berth/authorized_keys). */
  authorizedKeysPath: string;
  /** The guest's ed25519 host private key, OpenSSH format (opt/berth/ssh_host_ed25519_key). */
  hostKeyPath: string;
  /** KEY=value lines (opt/berth/config); see formatGuestConfig. */
  configPath: string;
  /** The engine relay's per-boot secret, RELAY_SECRET_BYTES random bytes (opt/berth/engine_secret). */
  engineSecretPath: string;
  /**
   * The user's additions to the engine's daemon.json, a non-empty JSON object (opt/berth/daemon_json);
   * left out when there are none, so the guest skips the merge (python3) and boots faster.
   */
  daemonJsonPath?: string;
  /**
   * The trusted registries' CA certificates (opt/berth/registry_certs; see formatGuestRegistryCerts);
   * left out when there are none.
   */
  registryCertsPath?: string;
}

export interface QemuConfig {
  target: QemuTarget;
  accel: Accelerator;
  cpus: number;
  memoryMiB: number;
  kernelPath: string;
  initrdPath: string;
  /** Adds `berth.debug=1` to the kernel command line. */
  debug?: boolean;
  /**
   * vda: a qcow2 overlay whose backing file is the base image, made fresh for each boot
   * (createRootOverlay), so the base is never written. An explicit file rather than
   * `snapshot=on`: it lives in Berth's folder instead of QEMU's temp folder, and works the same
   * on every host.
   */
  rootOverlayPath: string;
  /** vdb: the user's qcow2 data disk (/var/lib/docker). */
  dataDiskPath: string;
  /** Host port on 127.0.0.1 forwarded to the guest's sshd (port 22). */
  sshPort: number;
  /** Host port on 127.0.0.1 forwarded to the guest's engine relay (GUEST_RELAY_PORT). */
  relayPort: number;
  extraForwards?: HostForward[];
  guestFiles: GuestFiles;
  /** QMP unix socket; its folder should be mode 0700 (QEMU creates the socket with the umask). */
  qmpSocketPath: string;
  /** File the first serial port (the guest console) is written to, truncated at each boot. */
  consoleLogPath: string;
  /** File the guest's engine-log port (ENGINE_LOG_PORT: what dockerd logs) is written to, truncated at each boot. */
  engineLogPath: string;
  pidFilePath: string;
  /**
   * Host folders shared into the guest, the home folder first: the i-th is tag `share<i>` (see
   * shareTag), served by a virtiofsd listening on a socket (Linux hosts only: macOS and Windows
   * have neither memfd memory nor vhost-user), or by QEMU's own 9p server.
   */
  shares?: SharedFolderDevice[];
}

export interface QemuCommand {
  /** The qemu-system binary's name; the caller resolves it to a path. */
  binary: string;
  args: string[];
}

/** Guest-contract names of the fw_cfg entries. */
export const FW_CFG_NAMES = {
  authorizedKeys: 'opt/berth/authorized_keys',
  hostKey: 'opt/berth/ssh_host_ed25519_key',
  config: 'opt/berth/config',
  engineSecret: 'opt/berth/engine_secret',
  daemonJson: 'opt/berth/daemon_json',
  registryCerts: 'opt/berth/registry_certs',
} as const;

/** The guest-contract tag of the `index`-th shared folder (the `index`-th SHARE= line of the guest config). */
export function shareTag(index: number): string {
  return `share${index}`;
}

/** The name of the virtio serial port the guest writes dockerd's log to (guest contract; the supervisor's ENGINE_LOG_PORT). */
export const ENGINE_LOG_PORT = 'org.berth.engine-log';

/** The guest port the engine relay listens on (guest contract; the supervisor's RELAY_PORT). */
export const GUEST_RELAY_PORT = 62375;

/** The longest unix socket path (bytes) that fits sun_path everywhere (macOS: 104 with the NUL). */
export const MAX_SOCKET_PATH_BYTES = 103;

/**
 * The guest kernel command line of the guest contract, with the console for `target`. `panic=1`:
 * a guest kernel panic reboots, which `-no-reboot` turns into QEMU exiting with the panic on the
 * console, instead of a hung guest that start-up waits out.
 */
export function kernelCommandLine(target: QemuTarget, debug = false): string {
  const base = `console=${target.console} root=/dev/vda ro quiet panic=1 init=/sbin/berth-init`;
  return debug ? `${base} berth.debug=1` : base;
}

/**
 * QEMU's argv for the VM. Throws a RangeError naming the field when a value cannot work (a
 * socket path too long for the OS, a port out of range). The guest reboots only when told to or
 * after a panic; `-no-reboot` turns that into QEMU exiting, which the backend reports with the
 * console's last lines, instead of a silent boot loop.
 */
export function buildQemuCommand(config: QemuConfig): QemuCommand {
  validate(config);
  const { target, accel } = config;
  const shares = config.shares ?? [];
  const cpu = cpuModelFor(accel);
  const args = [
    ...['-nodefaults', '-nographic', '-no-user-config'],
    ...['-M', target.machine, '-accel', accelOption(accel)],
    ...(cpu ? ['-cpu', cpu] : []),
    ...['-smp', String(config.cpus), '-m', `${config.memoryMiB}M`],
    // vhost-user (virtiofsd) needs guest memory it can map: a shared memfd backend.
    ...(shares.some((share) => share.kind === 'virtiofs')
      ? [
          ...['-object', `memory-backend-memfd,id=mem,size=${config.memoryMiB}M,share=on`],
          ...['-numa', 'node,memdev=mem'],
        ]
      : []),
    ...['-kernel', config.kernelPath, '-initrd', config.initrdPath],
    ...['-append', kernelCommandLine(target, config.debug)],
    ...['-drive', `if=none,id=root,format=qcow2,file=${option(config.rootOverlayPath)}`],
    ...['-device', 'virtio-blk-pci,drive=root'],
    ...['-drive', `if=none,id=data,format=qcow2,discard=unmap,detect-zeroes=unmap,file=${option(config.dataDiskPath)}`],
    ...['-device', 'virtio-blk-pci,drive=data'],
    ...['-netdev', netdev(config)],
    // No option ROM: the kernel is loaded directly, so iPXE would only cost boot time.
    ...['-device', 'virtio-net-pci,netdev=net,romfile='],
    ...fwCfg(FW_CFG_NAMES.authorizedKeys, config.guestFiles.authorizedKeysPath),
    ...fwCfg(FW_CFG_NAMES.hostKey, config.guestFiles.hostKeyPath),
    ...fwCfg(FW_CFG_NAMES.config, config.guestFiles.configPath),
    ...fwCfg(FW_CFG_NAMES.engineSecret, config.guestFiles.engineSecretPath),
    ...(config.guestFiles.daemonJsonPath ? fwCfg(FW_CFG_NAMES.daemonJson, config.guestFiles.daemonJsonPath) : []),
    ...(config.guestFiles.registryCertsPath
      ? fwCfg(FW_CFG_NAMES.registryCerts, config.guestFiles.registryCertsPath)
      : []),
    ...['-device', 'virtio-rng-pci'],
    ...['-device', 'virtio-balloon-pci,free-page-reporting=on'],
    ...shares.flatMap(shareDevice),
    ...['-qmp', `unix:${option(config.qmpSocketPath)},server=on,wait=off`],
    ...['-chardev', `file,id=console,path=${option(config.consoleLogPath)}`, '-serial', 'chardev:console'],
    ...['-device', 'virtio-serial-pci,id=ports'],
    ...['-chardev', `file,id=engine-log,path=${option(config.engineLogPath)}`],
    ...['-device', `virtserialport,bus=ports.0,chardev=engine-log,name=${ENGINE_LOG_PORT}`],
    ...['-pidfile', config.pidFilePath],
    '-no-reboot',
  ];
  return { binary: target.binary, args };
}

/**
 * Under tcg the translated-code cache is capped at TCG_CODE_CACHE_MIB. QEMU 7.2's default (1 GiB)
 * filled to ~830 MiB by the time the engine was up, most of an idle VM's 1.2 GiB RSS, and grew
 * whenever containers ran new code; capped at 256 MiB the idle RSS was 710 MiB and boot to a
 * running engine took the same 24 s (128, 256, 512 MiB and the default measured alike).
 */
export const TCG_CODE_CACHE_MIB = 256;

/**
 * Under tcg the vCPUs take turns on one thread (`thread=single`). With QEMU 7.2's multi-threaded
 * tcg, the trixie kernel (6.12) now and then ran its own code as it was before it patched it: it
 * flips static keys at run time (the first memory cgroup, cgroup BPF, netfilter hooks), writing an
 * int3 first, and a vCPU later met that int3 where none was left ("Oops: int3" at a static-key
 * site in `__alloc_pages`, then "Kernel panic - not syncing: Fatal exception in interrupt"), about
 * once in every few VM test runs. One thread never translates code while another rewrites it;
 * 2 vCPUs starting containers in a loop measured 4.4 s per `docker run` against 3.9 s.
 */
function accelOption(accel: Accelerator): string {
  return accel === 'tcg' ? `tcg,thread=single,tb-size=${TCG_CODE_CACHE_MIB}` : accel;
}

/** QEMU's device for the `index`-th shared folder; its chardev or fsdev id is the tag too. */
function shareDevice(share: SharedFolderDevice, index: number): string[] {
  const tag = shareTag(index);
  if (share.kind === 'virtiofs') {
    return [
      ...['-chardev', `socket,id=${tag},path=${option(share.socketPath)}`],
      ...['-device', `vhost-user-fs-pci,chardev=${tag},tag=${tag}`],
    ];
  }
  return [
    ...['-fsdev', `local,id=${tag},path=${option(share.folder)},security_model=none`],
    ...['-device', `virtio-9p-pci,fsdev=${tag},mount_tag=${tag}`],
  ];
}

/** A value inside a QEMU `key=value,...` option: commas are doubled. */
function option(value: string): string {
  return value.replaceAll(',', ',,');
}

function fwCfg(name: string, file: string): string[] {
  return ['-fw_cfg', `name=${name},file=${option(file)}`];
}

function netdev(config: QemuConfig): string {
  const forwards = [
    `hostfwd=tcp:127.0.0.1:${config.sshPort}-:22`,
    `hostfwd=tcp:127.0.0.1:${config.relayPort}-:${GUEST_RELAY_PORT}`,
    ...(config.extraForwards ?? []).map((f) => `hostfwd=${f.protocol}:${f.hostAddress}:${f.hostPort}-:${f.guestPort}`),
  ];
  return ['user', 'id=net', ...forwards].join(',');
}

function validate(config: QemuConfig): void {
  if (!Number.isInteger(config.cpus) || config.cpus < 1) {
    throw new RangeError(`cpus must be a whole number of at least 1, got ${config.cpus}`);
  }
  if (!Number.isInteger(config.memoryMiB) || config.memoryMiB < MIN_MEMORY_MIB) {
    throw new RangeError(`memoryMiB must be a whole number of at least ${MIN_MEMORY_MIB}, got ${config.memoryMiB}`);
  }
  checkPort('sshPort', config.sshPort);
  checkPort('relayPort', config.relayPort);
  (config.extraForwards ?? []).forEach((forward, index) => {
    checkPort(`extraForwards[${index}].hostPort`, forward.hostPort);
    checkPort(`extraForwards[${index}].guestPort`, forward.guestPort);
    if (!/^(\d{1,3}\.){3}\d{1,3}$/.test(forward.hostAddress)) {
      throw new RangeError(`extraForwards[${index}].hostAddress must be an IPv4 address, got "${forward.hostAddress}"`);
    }
  });
  checkSocketPath('qmpSocketPath', config.qmpSocketPath);
  (config.shares ?? []).forEach((share, index) => {
    if (share.kind !== 'virtiofs') return;
    if (config.accel === 'hvf' || config.accel === 'whpx') {
      throw new RangeError(
        `Sharing folders over virtiofs needs a Linux host (shared memfd memory and vhost-user), not ${config.accel}`,
      );
    }
    checkSocketPath(`shares[${index}].socketPath`, share.socketPath);
  });
}

function checkPort(field: string, port: number): void {
  if (!Number.isInteger(port) || port < 1 || port > 65_535) {
    throw new RangeError(`${field} must be a port number (1-65535), got ${port}`);
  }
}

function checkSocketPath(field: string, path: string): void {
  const bytes = new TextEncoder().encode(path).length;
  if (bytes > MAX_SOCKET_PATH_BYTES) {
    throw new RangeError(
      `${field} is ${bytes} bytes long, more than the ${MAX_SOCKET_PATH_BYTES} a unix socket path may have: ${path}`,
    );
  }
}
