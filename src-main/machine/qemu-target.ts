// What QEMU emulates for a host CPU: the qemu-system binary, Debian's architecture name, machine type, console and CPU model.
import type { Accelerator } from './accelerator';

export interface QemuTarget {
  /** The qemu-system binary's name. */
  binary: 'qemu-system-x86_64' | 'qemu-system-aarch64';
  /** Debian's name for the guest architecture: the folder under vm-assets/dist/. */
  debianArch: 'amd64' | 'arm64';
  /**
   * QEMU machine type. x86 uses q35: measured here under TCG with the guest's devices (two
   * virtio-blk, virtio-net, rng, balloon), the kernel found and set up its virtio devices in a
   * median 0.67 s on q35 against 2.8 s on pc (i440fx), the rest of the boot being equal.
   */
  machine: 'q35' | 'virt';
  /** The guest's serial console device, for the kernel command line. */
  console: 'ttyS0' | 'ttyAMA0';
}

/** The QEMU target for a host CPU (`process.arch`); the VM always matches the host, so it can be accelerated. */
export function qemuTargetFor(hostArch: string): QemuTarget {
  switch (hostArch) {
    case 'x64':
      return { binary: 'qemu-system-x86_64', debianArch: 'amd64', machine: 'q35', console: 'ttyS0' };
    case 'arm64':
      return { binary: 'qemu-system-aarch64', debianArch: 'arm64', machine: 'virt', console: 'ttyAMA0' };
    default:
      throw new Error(`Berth's VM runs on x64 and arm64 computers; this one is ${hostArch}`);
  }
}

/**
 * The `-cpu` model: `host` (the real CPU's features) where the accelerator runs guest code on
 * it (kvm, hvf); `max` (everything QEMU emulates) under tcg. Under whpx QEMU refuses `host`
 * ("requires KVM or HVF") and `max` is reported to hang, so QEMU's default model is kept
 * (undefined: pass no -cpu).
 */
export function cpuModelFor(accel: Accelerator): 'host' | 'max' | undefined {
  if (accel === 'kvm' || accel === 'hvf') return 'host';
  if (accel === 'tcg') return 'max';
  return undefined;
}
