import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import {
  chooseAccelerator,
  probeCpuVirtualization,
  probeKvm,
  type HostFacts,
} from '../../../src-main/machine/accelerator';
import { cpuModelFor, qemuTargetFor } from '../../../src-main/machine/qemu-target';

const SLOW = 'the VM runs under software emulation and will be slow';

describe('chooseAccelerator', () => {
  it.each<[string, HostFacts, string, string]>([
    [
      'macOS with the Hypervisor framework',
      { platform: 'darwin', arch: 'arm64', hypervisorFramework: true },
      'hvf',
      "Using Apple's Hypervisor framework (hvf)",
    ],
    [
      'Intel macOS with the Hypervisor framework',
      { platform: 'darwin', arch: 'x64', hypervisorFramework: true },
      'hvf',
      "Using Apple's Hypervisor framework (hvf)",
    ],
    [
      'macOS without it (nested)',
      { platform: 'darwin', arch: 'arm64', hypervisorFramework: false },
      'tcg',
      `Apple's Hypervisor framework is not available (kern.hv_support is not 1, e.g. inside another VM): ${SLOW}`,
    ],
    ['Windows x64', { platform: 'win32', arch: 'x64' }, 'whpx', 'Using the Windows Hypervisor Platform (whpx)'],
    [
      'Windows arm64',
      { platform: 'win32', arch: 'arm64' },
      'tcg',
      `QEMU has no Windows Hypervisor Platform support on arm64: ${SLOW}`,
    ],
    [
      'Linux with a usable /dev/kvm and vmx/svm',
      { platform: 'linux', arch: 'x64', kvm: { access: 'usable' }, cpuVirtualization: true },
      'kvm',
      'Using KVM hardware virtualization',
    ],
    [
      'Linux with a /dev/kvm that opens but no vmx/svm (a VM without nested virtualization)',
      { platform: 'linux', arch: 'x64', kvm: { access: 'usable' }, cpuVirtualization: false },
      'tcg',
      `KVM is not usable (/dev/kvm exists but the CPU shows no vmx or svm flag, e.g. inside a VM without nested virtualization): ${SLOW}`,
    ],
    [
      'Linux arm64 with KVM',
      { platform: 'linux', arch: 'arm64', kvm: { access: 'usable' } },
      'kvm',
      'Using KVM hardware virtualization',
    ],
    [
      'Linux without /dev/kvm',
      { platform: 'linux', arch: 'x64', kvm: { access: 'missing' } },
      'tcg',
      `KVM is not available (/dev/kvm is missing): ${SLOW}`,
    ],
    [
      'Linux without KVM facts',
      { platform: 'linux', arch: 'x64' },
      'tcg',
      `KVM is not available (/dev/kvm is missing): ${SLOW}`,
    ],
    [
      'Linux, /dev/kvm not permitted',
      { platform: 'linux', arch: 'x64', kvm: { access: 'no-permission' } },
      'tcg',
      `KVM is not available (no permission to open /dev/kvm: add your user to the kvm group and log in again): ${SLOW}`,
    ],
    [
      'Linux, /dev/kvm failing otherwise',
      { platform: 'linux', arch: 'x64', kvm: { access: 'failed', detail: 'EBUSY' } },
      'tcg',
      `KVM is not available (/dev/kvm cannot be opened: EBUSY): ${SLOW}`,
    ],
    [
      'FreeBSD',
      { platform: 'freebsd', arch: 'x64' },
      'tcg',
      `Berth knows no hardware virtualization on freebsd: ${SLOW}`,
    ],
  ])('%s → %s', (_name, facts, accel, reason) => {
    expect(chooseAccelerator(facts)).toEqual({ accel, reason });
  });
});

describe('probeKvm', () => {
  const folder = mkdtempSync(join(tmpdir(), 'berth-kvm-'));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('reports a device it can open read-write as usable', async () => {
    expect(await probeKvm('/dev/null')).toEqual({ access: 'usable' });
  });

  it('reports a missing device', async () => {
    expect(await probeKvm(join(folder, 'kvm'))).toEqual({ access: 'missing' });
  });

  it('reports other failures with their code', async () => {
    expect(await probeKvm(folder)).toEqual({ access: 'failed', detail: 'EISDIR' });
  });
});

describe('probeCpuVirtualization', () => {
  const folder = mkdtempSync(join(tmpdir(), 'berth-cpuinfo-'));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));
  const cpuinfo = (flags: string) => {
    const path = join(folder, `cpuinfo-${flags.length}`);
    writeFileSync(path, `processor\t: 0\nmodel name\t: Some CPU\nflags\t\t: ${flags}\n\nprocessor\t: 1\n`);
    return path;
  };

  it.each([
    ['fpu vme vmx sse2', true],
    ['fpu svm lm', true],
    ['fpu vme pni avx2 hypervisor', false],
    ['fpu vmxnet sse2', false],
  ])('flags "%s" → %s', async (flags, expected) => {
    expect(await probeCpuVirtualization(cpuinfo(flags))).toBe(expected);
  });

  it('is false when there is no cpuinfo', async () => {
    expect(await probeCpuVirtualization(join(folder, 'missing'))).toBe(false);
  });
});

describe('qemuTargetFor', () => {
  it('maps x64 to qemu-system-x86_64, amd64, q35, ttyS0', () => {
    expect(qemuTargetFor('x64')).toEqual({
      binary: 'qemu-system-x86_64',
      debianArch: 'amd64',
      machine: 'q35',
      console: 'ttyS0',
    });
  });

  it('maps arm64 to qemu-system-aarch64, arm64, virt, ttyAMA0', () => {
    expect(qemuTargetFor('arm64')).toEqual({
      binary: 'qemu-system-aarch64',
      debianArch: 'arm64',
      machine: 'virt',
      console: 'ttyAMA0',
    });
  });

  it('refuses other CPUs', () => {
    expect(() => qemuTargetFor('ia32')).toThrow("Berth's VM runs on x64 and arm64 computers; this one is ia32");
  });
});

describe('cpuModelFor', () => {
  it.each([
    ['kvm', 'host'],
    ['hvf', 'host'],
    ['tcg', 'max'],
    ['whpx', undefined],
  ] as const)('%s → %s', (accel, model) => {
    expect(cpuModelFor(accel)).toBe(model);
  });
});
