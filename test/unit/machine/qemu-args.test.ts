import { describe, expect, it } from 'vitest';
import { buildQemuCommand, kernelCommandLine, shareTag, type QemuConfig } from '../../../src-main/machine/qemu-args';
import { qemuTargetFor } from '../../../src-main/machine/qemu-target';

const D = '/home/alice/.local/share/berth/machine';

function config(overrides: Partial<QemuConfig> = {}): QemuConfig {
  return {
    target: qemuTargetFor('x64'),
    accel: 'tcg',
    cpus: 2,
    memoryMiB: 2048,
    kernelPath: '/opt/berth/vm/amd64/vmlinuz',
    initrdPath: '/opt/berth/vm/amd64/initrd.img',
    rootOverlayPath: `${D}/root.qcow2`,
    dataDiskPath: `${D}/data.qcow2`,
    sshPort: 50022,
    relayPort: 50023,
    guestFiles: {
      authorizedKeysPath: `${D}/keys/id_ed25519.pub`,
      hostKeyPath: `${D}/keys/ssh_host_ed25519_key`,
      configPath: `${D}/guest.conf`,
      engineSecretPath: `${D}/run/engine.secret`,
    },
    qmpSocketPath: '/run/user/1000/berth/qmp.sock',
    consoleLogPath: `${D}/console.log`,
    engineLogPath: `${D}/engine.log`,
    pidFilePath: `${D}/qemu.pid`,
    ...overrides,
  };
}

/** The argv after the accelerator-dependent head, for x86 without a home share. */
const X86_TAIL = [
  '-smp', '2', '-m', '2048M',
  '-kernel', '/opt/berth/vm/amd64/vmlinuz',
  '-initrd', '/opt/berth/vm/amd64/initrd.img',
  '-append', 'console=ttyS0 root=/dev/vda ro quiet panic=1 init=/sbin/berth-init',
  '-drive', `if=none,id=root,format=qcow2,file=${D}/root.qcow2`,
  '-device', 'virtio-blk-pci,drive=root',
  '-drive', `if=none,id=data,format=qcow2,discard=unmap,detect-zeroes=unmap,file=${D}/data.qcow2`,
  '-device', 'virtio-blk-pci,drive=data',
  '-netdev', 'user,id=net,hostfwd=tcp:127.0.0.1:50022-:22,hostfwd=tcp:127.0.0.1:50023-:62375',
  '-device', 'virtio-net-pci,netdev=net,romfile=',
  '-fw_cfg', `name=opt/berth/authorized_keys,file=${D}/keys/id_ed25519.pub`,
  '-fw_cfg', `name=opt/berth/ssh_host_ed25519_key,file=${D}/keys/ssh_host_ed25519_key`,
  '-fw_cfg', `name=opt/berth/config,file=${D}/guest.conf`,
  '-fw_cfg', `name=opt/berth/engine_secret,file=${D}/run/engine.secret`,
  '-device', 'virtio-rng-pci',
  '-device', 'virtio-balloon-pci,free-page-reporting=on',
  '-qmp', 'unix:/run/user/1000/berth/qmp.sock,server=on,wait=off',
  '-chardev', `file,id=console,path=${D}/console.log`,
  '-serial', 'chardev:console',
  '-device', 'virtio-serial-pci,id=ports',
  '-chardev', `file,id=engine-log,path=${D}/engine.log`,
  '-device', 'virtserialport,bus=ports.0,chardev=engine-log,name=org.berth.engine-log',
  '-pidfile', `${D}/qemu.pid`,
  '-no-reboot',
]; // prettier-ignore

describe('buildQemuCommand', () => {
  it('x86 under tcg', () => {
    expect(buildQemuCommand(config())).toEqual({
      binary: 'qemu-system-x86_64',
      // prettier-ignore
      args: ['-nodefaults', '-nographic', '-no-user-config', '-M', 'q35', '-accel', 'tcg,thread=single,tb-size=256', '-cpu', 'max', ...X86_TAIL],
    });
  });

  it('x86 under kvm', () => {
    expect(buildQemuCommand(config({ accel: 'kvm' }))).toEqual({
      binary: 'qemu-system-x86_64',
      args: ['-nodefaults', '-nographic', '-no-user-config', '-M', 'q35', '-accel', 'kvm', '-cpu', 'host', ...X86_TAIL],
    });
  });

  it("x86 under whpx keeps QEMU's default CPU model", () => {
    expect(buildQemuCommand(config({ accel: 'whpx' })).args.slice(0, 8)).toEqual([
      '-nodefaults', '-nographic', '-no-user-config', '-M', 'q35', '-accel', 'whpx', '-smp',
    ]); // prettier-ignore
  });

  it('x86 under kvm with the home share: shared memfd memory, numa node, vhost-user-fs', () => {
    const { args } = buildQemuCommand(
      config({ accel: 'kvm', shares: [{ kind: 'virtiofs', socketPath: '/run/user/1000/berth/home.sock' }] }),
    );
    expect(args).toEqual([
      '-nodefaults', '-nographic', '-no-user-config', '-M', 'q35', '-accel', 'kvm', '-cpu', 'host',
      '-smp', '2', '-m', '2048M',
      '-object', 'memory-backend-memfd,id=mem,size=2048M,share=on',
      '-numa', 'node,memdev=mem',
      ...X86_TAIL.slice(4, X86_TAIL.indexOf('-qmp')),
      '-chardev', 'socket,id=share0,path=/run/user/1000/berth/home.sock',
      '-device', 'vhost-user-fs-pci,chardev=share0,tag=share0',
      ...X86_TAIL.slice(X86_TAIL.indexOf('-qmp')),
    ]); // prettier-ignore
  });

  it('the home share over 9p: QEMU serves the folder itself, no shared memory', () => {
    const { args } = buildQemuCommand(
      config({ accel: 'hvf', shares: [{ kind: '9p', folder: '/Users/Zoë Martín,x' }] }),
    );
    expect(args).not.toContain('-numa');
    expect(args.slice(args.indexOf('-fsdev'), args.indexOf('-fsdev') + 4)).toEqual([
      '-fsdev', 'local,id=share0,path=/Users/Zoë Martín,,x,security_model=none',
      '-device', 'virtio-9p-pci,fsdev=share0,mount_tag=share0',
    ]); // prettier-ignore
  });

  /** The argv from the first share device to -qmp (shares come right before it). */
  const shareArgs = (args: string[]) =>
    args.slice(args.indexOf('virtio-balloon-pci,free-page-reporting=on') + 1, args.indexOf('-qmp'));

  it('no shares: no share device, no shared memory', () => {
    const { args } = buildQemuCommand(config({ accel: 'kvm', shares: [] }));
    expect(shareArgs(args)).toEqual([]);
    expect(args).not.toContain('-numa');
    expect(args).toEqual(buildQemuCommand(config({ accel: 'kvm' })).args);
  });

  it('three folders over 9p: one fsdev and device each, tags share0..2, commas doubled', () => {
    const { args } = buildQemuCommand(
      config({
        shares: [
          { kind: '9p', folder: '/home/alice' },
          { kind: '9p', folder: '/srv/My Projects' },
          { kind: '9p', folder: '/data/a,b' },
        ],
      }),
    );
    expect(shareArgs(args)).toEqual([
      '-fsdev', 'local,id=share0,path=/home/alice,security_model=none',
      '-device', 'virtio-9p-pci,fsdev=share0,mount_tag=share0',
      '-fsdev', 'local,id=share1,path=/srv/My Projects,security_model=none',
      '-device', 'virtio-9p-pci,fsdev=share1,mount_tag=share1',
      '-fsdev', 'local,id=share2,path=/data/a,,b,security_model=none',
      '-device', 'virtio-9p-pci,fsdev=share2,mount_tag=share2',
    ]); // prettier-ignore
    expect(args).not.toContain('-numa');
  });

  it('three folders over virtiofs: one socket chardev and vhost-user-fs each, one shared memory backend', () => {
    const { args } = buildQemuCommand(
      config({
        accel: 'kvm',
        shares: [0, 1, 2].map((index) => ({ kind: 'virtiofs', socketPath: `/run/b,erth/virtiofs-${index}.sock` })),
      }),
    );
    expect(shareArgs(args)).toEqual([
      '-chardev', 'socket,id=share0,path=/run/b,,erth/virtiofs-0.sock',
      '-device', 'vhost-user-fs-pci,chardev=share0,tag=share0',
      '-chardev', 'socket,id=share1,path=/run/b,,erth/virtiofs-1.sock',
      '-device', 'vhost-user-fs-pci,chardev=share1,tag=share1',
      '-chardev', 'socket,id=share2,path=/run/b,,erth/virtiofs-2.sock',
      '-device', 'vhost-user-fs-pci,chardev=share2,tag=share2',
    ]); // prettier-ignore
    expect(args.filter((arg) => arg === '-object')).toHaveLength(1);
    expect(args.filter((arg) => arg === '-numa')).toHaveLength(1);
  });

  it('one folder over virtiofs or 9p gets tag share0', () => {
    expect(shareTag(0)).toBe('share0');
    expect(shareArgs(buildQemuCommand(config({ shares: [{ kind: '9p', folder: '/h' }] })).args)).toHaveLength(4);
    expect(
      shareArgs(buildQemuCommand(config({ accel: 'kvm', shares: [{ kind: 'virtiofs', socketPath: '/s' }] })).args),
    ).toEqual(['-chardev', 'socket,id=share0,path=/s', '-device', 'vhost-user-fs-pci,chardev=share0,tag=share0']);
  });

  it('hands the user daemon.json to the guest as opt/berth/daemon_json only when there is one', () => {
    const withFile = buildQemuCommand(
      config({ guestFiles: { ...config().guestFiles, daemonJsonPath: `${D}/run/daemon,json` } }),
    ).args;
    const entry = withFile.indexOf(`name=opt/berth/daemon_json,file=${D}/run/daemon,,json`);
    expect(withFile.slice(entry - 3, entry + 1)).toEqual([
      '-fw_cfg',
      `name=opt/berth/engine_secret,file=${D}/run/engine.secret`,
      '-fw_cfg',
      `name=opt/berth/daemon_json,file=${D}/run/daemon,,json`,
    ]);
    const without = buildQemuCommand(config()).args;
    expect(without.join(' ')).not.toContain('daemon_json');
    expect(without.filter((arg) => arg === '-fw_cfg')).toHaveLength(4);
  });

  it("hands the trusted registries' CA certificates to the guest as opt/berth/registry_certs only when there are some", () => {
    const withFile = buildQemuCommand(
      config({ guestFiles: { ...config().guestFiles, registryCertsPath: `${D}/run/registry_certs` } }),
    ).args;
    const entry = withFile.indexOf(`name=opt/berth/registry_certs,file=${D}/run/registry_certs`);
    expect(withFile[entry - 1]).toBe('-fw_cfg');
    expect(withFile.filter((arg) => arg === '-fw_cfg')).toHaveLength(5);
    expect(buildQemuCommand(config()).args.join(' ')).not.toContain('registry_certs');
  });

  it('arm64 under hvf: virt machine, host CPU, ttyAMA0 console', () => {
    expect(
      buildQemuCommand(
        config({
          target: qemuTargetFor('arm64'),
          accel: 'hvf',
          cpus: 4,
          memoryMiB: 4096,
          kernelPath: '/Applications/Berth.app/Contents/Resources/vm/arm64/vmlinuz',
          initrdPath: '/Applications/Berth.app/Contents/Resources/vm/arm64/initrd.img',
        }),
      ),
    ).toEqual({
      binary: 'qemu-system-aarch64',
      args: [
        '-nodefaults', '-nographic', '-no-user-config', '-M', 'virt', '-accel', 'hvf', '-cpu', 'host',
        '-smp', '4', '-m', '4096M',
        '-kernel', '/Applications/Berth.app/Contents/Resources/vm/arm64/vmlinuz',
        '-initrd', '/Applications/Berth.app/Contents/Resources/vm/arm64/initrd.img',
        '-append', 'console=ttyAMA0 root=/dev/vda ro quiet panic=1 init=/sbin/berth-init',
        ...X86_TAIL.slice(X86_TAIL.indexOf('-drive')),
      ],
    }); // prettier-ignore
  });

  it('arm64 under kvm (a Linux host) with the home share', () => {
    const { args } = buildQemuCommand(
      config({
        target: qemuTargetFor('arm64'),
        accel: 'kvm',
        shares: [{ kind: 'virtiofs', socketPath: '/tmp/h.sock' }],
      }),
    );
    expect(args.slice(0, 18)).toEqual([
      '-nodefaults', '-nographic', '-no-user-config', '-M', 'virt', '-accel', 'kvm', '-cpu', 'host',
      '-smp', '2', '-m', '2048M',
      '-object', 'memory-backend-memfd,id=mem,size=2048M,share=on',
      '-numa', 'node,memdev=mem',
      '-kernel',
    ]); // prettier-ignore
    expect(args[args.indexOf('-append') + 1]).toBe(
      'console=ttyAMA0 root=/dev/vda ro quiet panic=1 init=/sbin/berth-init',
    );
    expect(args.join(' ')).toContain(
      '-chardev socket,id=share0,path=/tmp/h.sock -device vhost-user-fs-pci,chardev=share0,tag=share0',
    );
  });

  it.each(['hvf', 'whpx'] as const)('refuses virtiofs shares under %s (no memfd or vhost-user there)', (accel) => {
    expect(() =>
      buildQemuCommand(config({ accel, shares: [{ kind: 'virtiofs', socketPath: '/tmp/h.sock' }] })),
    ).toThrow(`Sharing folders over virtiofs needs a Linux host (shared memfd memory and vhost-user), not ${accel}`);
  });

  it('adds berth.debug=1 when debugging', () => {
    const { args } = buildQemuCommand(config({ debug: true }));
    expect(args[args.indexOf('-append') + 1]).toBe(
      'console=ttyS0 root=/dev/vda ro quiet panic=1 init=/sbin/berth-init berth.debug=1',
    );
  });

  it('adds extra forwards after the SSH one', () => {
    const { args } = buildQemuCommand(
      config({
        extraForwards: [
          { protocol: 'udp', hostAddress: '127.0.0.1', hostPort: 5353, guestPort: 53 },
          { protocol: 'tcp', hostAddress: '0.0.0.0', hostPort: 8080, guestPort: 80 },
        ],
      }),
    );
    expect(args[args.indexOf('-netdev') + 1]).toBe(
      'user,id=net,hostfwd=tcp:127.0.0.1:50022-:22,hostfwd=tcp:127.0.0.1:50023-:62375,hostfwd=udp:127.0.0.1:5353-:53,hostfwd=tcp:0.0.0.0:8080-:80',
    );
  });

  it('doubles commas in paths inside QEMU options, and only there', () => {
    const odd = '/home/a,b/berth';
    const { args } = buildQemuCommand(
      config({
        kernelPath: `${odd}/vmlinuz`,
        rootOverlayPath: `${odd}/root.qcow2`,
        dataDiskPath: `${odd}/data.qcow2`,
        guestFiles: {
          authorizedKeysPath: `${odd}/k.pub`,
          hostKeyPath: `${odd}/hk`,
          configPath: `${odd}/c`,
          engineSecretPath: `${odd}/s`,
        },
        qmpSocketPath: '/tmp/a,b/q.sock',
        consoleLogPath: `${odd}/console.log`,
        engineLogPath: `${odd}/engine.log`,
        pidFilePath: `${odd}/qemu.pid`,
        shares: [{ kind: 'virtiofs', socketPath: '/tmp/a,b/h.sock' }],
      }),
    );
    const line = args.join(' ');
    expect(line).toContain('-kernel /home/a,b/berth/vmlinuz');
    expect(line).toContain('file=/home/a,,b/berth/root.qcow2');
    expect(line).toContain('file=/home/a,,b/berth/data.qcow2');
    expect(line).toContain('name=opt/berth/authorized_keys,file=/home/a,,b/berth/k.pub');
    expect(line).toContain('name=opt/berth/engine_secret,file=/home/a,,b/berth/s');
    expect(line).toContain('-qmp unix:/tmp/a,,b/q.sock,server=on,wait=off');
    expect(line).toContain('file,id=console,path=/home/a,,b/berth/console.log');
    expect(line).toContain('file,id=engine-log,path=/home/a,,b/berth/engine.log');
    expect(line).toContain('socket,id=share0,path=/tmp/a,,b/h.sock');
    expect(line).toContain('-pidfile /home/a,b/berth/qemu.pid');
  });

  it.each<[string, Partial<QemuConfig>, string]>([
    ['no CPUs', { cpus: 0 }, 'cpus must be a whole number of at least 1, got 0'],
    ['half a CPU', { cpus: 1.5 }, 'cpus must be a whole number of at least 1, got 1.5'],
    ['too little memory', { memoryMiB: 256 }, 'memoryMiB must be a whole number of at least 512, got 256'],
    ['a bad SSH port', { sshPort: 70_000 }, 'sshPort must be a port number (1-65535), got 70000'],
    ['a bad relay port', { relayPort: 0 }, 'relayPort must be a port number (1-65535), got 0'],
    [
      'a bad forward',
      { extraForwards: [{ protocol: 'tcp', hostAddress: 'localhost', hostPort: 80, guestPort: 80 }] },
      'extraForwards[0].hostAddress must be an IPv4 address, got "localhost"',
    ],
    [
      'a forward port of 0',
      { extraForwards: [{ protocol: 'tcp', hostAddress: '127.0.0.1', hostPort: 0, guestPort: 80 }] },
      'extraForwards[0].hostPort must be a port number (1-65535), got 0',
    ],
    [
      'a QMP socket path too long for macOS',
      { qmpSocketPath: `/Users/alice/Library/Application Support/Berth/${'m'.repeat(60)}/qmp.sock` },
      'qmpSocketPath is 116 bytes long, more than the 103 a unix socket path may have',
    ],
    [
      'a virtiofs socket path too long',
      {
        shares: [
          { kind: 'virtiofs', socketPath: '/tmp/a.sock' },
          { kind: 'virtiofs', socketPath: `/tmp/${'é'.repeat(50)}.sock` },
        ],
      },
      'shares[1].socketPath is 110 bytes long',
    ],
  ])('refuses %s', (_name, overrides, message) => {
    expect(() => buildQemuCommand(config(overrides))).toThrow(message);
  });
});

describe('kernelCommandLine', () => {
  it('follows the guest contract for each console', () => {
    expect(kernelCommandLine(qemuTargetFor('x64'))).toBe(
      'console=ttyS0 root=/dev/vda ro quiet panic=1 init=/sbin/berth-init',
    );
    expect(kernelCommandLine(qemuTargetFor('arm64'), true)).toBe(
      'console=ttyAMA0 root=/dev/vda ro quiet panic=1 init=/sbin/berth-init berth.debug=1',
    );
  });
});
