// Which QEMU accelerator this host offers (hvf, whpx, kvm or the slow tcg), decided from host facts a small probe reads.
import { execFile } from 'node:child_process';
import { open, readFile } from 'node:fs/promises';

export type Accelerator = 'kvm' | 'hvf' | 'whpx' | 'tcg';

/** How opening /dev/kvm read-write went. */
export type KvmAccess = 'usable' | 'missing' | 'no-permission' | 'failed';

/** What the accelerator choice depends on; `probeHostFacts` reads them from this host. */
export interface HostFacts {
  /** `process.platform`. */
  platform: NodeJS.Platform;
  /** `process.arch`, e.g. 'x64' or 'arm64'. */
  arch: string;
  /** Linux only: /dev/kvm; `detail` is the error code when `failed`. */
  kvm?: { access: KvmAccess; detail?: string };
  /**
   * Linux on x64 only: /proc/cpuinfo lists vmx or svm. Without it a /dev/kvm that opens may still
   * not run a guest: measured inside a Firecracker VM, QEMU aborts with `-cpu host` ("failed to
   * set MSR 0x10a") and the kernel hangs at start with other models.
   */
  cpuVirtualization?: boolean;
  /** macOS only: `sysctl kern.hv_support` is 1. */
  hypervisorFramework?: boolean;
}

export interface AcceleratorChoice {
  accel: Accelerator;
  /** A sentence for the UI saying what was chosen and, for tcg, why and what it costs. */
  reason: string;
}

const SLOW = 'the VM runs under software emulation and will be slow';

/** The best accelerator for the facts, with a user-facing reason. Pure. */
export function chooseAccelerator(facts: HostFacts): AcceleratorChoice {
  switch (facts.platform) {
    case 'darwin':
      return facts.hypervisorFramework
        ? { accel: 'hvf', reason: "Using Apple's Hypervisor framework (hvf)" }
        : {
            accel: 'tcg',
            reason: `Apple's Hypervisor framework is not available (kern.hv_support is not 1, e.g. inside another VM): ${SLOW}`,
          };
    case 'win32':
      return facts.arch === 'x64'
        ? { accel: 'whpx', reason: 'Using the Windows Hypervisor Platform (whpx)' }
        : { accel: 'tcg', reason: `QEMU has no Windows Hypervisor Platform support on ${facts.arch}: ${SLOW}` };
    case 'linux':
      if (facts.kvm?.access === 'usable' && facts.arch === 'x64' && facts.cpuVirtualization === false) {
        return {
          accel: 'tcg',
          reason: `KVM is not usable (/dev/kvm exists but the CPU shows no vmx or svm flag, e.g. inside a VM without nested virtualization): ${SLOW}`,
        };
      }
      return chooseOnLinux(facts.kvm ?? { access: 'missing' });
    default:
      return { accel: 'tcg', reason: `Berth knows no hardware virtualization on ${facts.platform}: ${SLOW}` };
  }
}

function chooseOnLinux(kvm: NonNullable<HostFacts['kvm']>): AcceleratorChoice {
  switch (kvm.access) {
    case 'usable':
      return { accel: 'kvm', reason: 'Using KVM hardware virtualization' };
    case 'missing':
      return { accel: 'tcg', reason: `KVM is not available (/dev/kvm is missing): ${SLOW}` };
    case 'no-permission':
      return {
        accel: 'tcg',
        reason: `KVM is not available (no permission to open /dev/kvm: add your user to the kvm group and log in again): ${SLOW}`,
      };
    case 'failed':
      return {
        accel: 'tcg',
        reason: `KVM is not available (/dev/kvm cannot be opened: ${kvm.detail ?? 'unknown error'}): ${SLOW}`,
      };
  }
}

/**
 * Reads the facts `chooseAccelerator` needs from this host: opens /dev/kvm and reads
 * /proc/cpuinfo on Linux, asks sysctl on macOS.
 */
export async function probeHostFacts(): Promise<HostFacts> {
  const facts: HostFacts = { platform: process.platform, arch: process.arch };
  if (facts.platform === 'linux') facts.kvm = await probeKvm();
  if (facts.platform === 'linux' && facts.arch === 'x64') facts.cpuVirtualization = await probeCpuVirtualization();
  if (facts.platform === 'darwin') facts.hypervisorFramework = await probeHypervisorFramework();
  return facts;
}

/** Opens `device` read-write, as QEMU does, and reports how that went. */
export async function probeKvm(device = '/dev/kvm'): Promise<NonNullable<HostFacts['kvm']>> {
  try {
    const handle = await open(device, 'r+');
    await handle.close();
    return { access: 'usable' };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    if (code === 'ENOENT') return { access: 'missing' };
    if (code === 'EACCES' || code === 'EPERM') return { access: 'no-permission' };
    return { access: 'failed', detail: code };
  }
}

/** True when a `flags` line of `cpuinfo` (default /proc/cpuinfo) names vmx (Intel) or svm (AMD). */
export async function probeCpuVirtualization(cpuinfo = '/proc/cpuinfo'): Promise<boolean> {
  try {
    return /^flags\s*:.*\b(vmx|svm)\b/m.test(await readFile(cpuinfo, 'utf8'));
  } catch {
    return false;
  }
}

function probeHypervisorFramework(): Promise<boolean> {
  return new Promise((resolve) => {
    execFile('/usr/sbin/sysctl', ['-n', 'kern.hv_support'], { timeout: 5000 }, (error, stdout) =>
      resolve(!error && stdout.trim() === '1'),
    );
  });
}
