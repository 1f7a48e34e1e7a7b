import { createServer, type Server } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MachineKind } from '../../../src-main/contract/dto/machine';
import { chooseMachineKind, createMachine, type MachineBackendSetting } from '../../../src-main/machine/factory';
import type { Machine } from '../../../src-main/machine/machine';
import { NativeMachine } from '../../../src-main/machine/native-machine';

describe('chooseMachineKind', () => {
  it.each<[MachineBackendSetting, NodeJS.Platform, string | undefined, MachineKind, string]>([
    [
      'auto',
      'linux',
      '/var/run/docker.sock',
      'native',
      'Using the Docker Engine installed on this computer (/var/run/docker.sock)',
    ],
    ['auto', 'linux', undefined, 'qemu', 'No Docker Engine is installed on this computer, so Berth runs its own VM'],
    ['qemu', 'linux', '/var/run/docker.sock', 'qemu', "Berth's VM was chosen in Settings"],
    ['native', 'linux', undefined, 'native', 'The Docker Engine installed on this computer was chosen in Settings'],
    ['auto', 'darwin', '/var/run/docker.sock', 'qemu', "On darwin the Docker Engine runs in Berth's VM"],
    ['qemu', 'win32', undefined, 'qemu', "On win32 the Docker Engine runs in Berth's VM"],
    [
      'native',
      'darwin',
      '/var/run/docker.sock',
      'qemu',
      'Only Linux runs the Docker Engine natively; on darwin Berth runs its own VM',
    ],
  ])('%s on %s with socket %s → %s', (setting, platform, socket, kind, reason) => {
    expect(chooseMachineKind(setting, platform, socket)).toEqual({ kind, reason });
  });
});

describe('createMachine', () => {
  let folder: string;
  let server: Server;
  const qemuStandIn = { kind: 'qemu' } as Machine;

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'berth-factory-'));
    server = createServer();
    await new Promise<void>((resolve) => server.listen(join(folder, 'docker.sock'), resolve));
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    rmSync(folder, { recursive: true, force: true });
  });

  it('makes a NativeMachine on the socket it finds on Linux', async () => {
    const socket = join(folder, 'docker.sock');
    const { machine, reason } = await createMachine({
      setting: 'auto',
      platform: 'linux',
      env: { DOCKER_HOST: `unix://${socket}` },
      createQemu: () => qemuStandIn,
    });
    try {
      expect(machine).toBeInstanceOf(NativeMachine);
      expect(reason).toBe(`Using the Docker Engine installed on this computer (${socket})`);
    } finally {
      await machine.dispose();
    }
  });

  it('makes the qemu backend when no socket exists', async () => {
    const { machine } = await createMachine({
      setting: 'auto',
      platform: 'linux',
      env: { DOCKER_HOST: `unix://${join(folder, 'missing.sock')}` },
      createQemu: () => qemuStandIn,
    });
    expect(machine).toBe(qemuStandIn);
  });

  it('follows the first candidate when native is chosen but no socket exists yet', async () => {
    const paths: string[] = [];
    const missing = join(folder, 'missing.sock');
    await createMachine({
      setting: 'native',
      platform: 'linux',
      env: { DOCKER_HOST: `unix://${missing}` },
      createQemu: () => qemuStandIn,
      createNative: (path) => {
        paths.push(path);
        return { kind: 'native' } as Machine;
      },
    });
    expect(paths).toEqual([missing]);
  });

  it('never looks for a socket on macOS or Windows', async () => {
    const { machine } = await createMachine({
      setting: 'auto',
      platform: 'darwin',
      env: { DOCKER_HOST: `unix://${join(folder, 'docker.sock')}` },
      createQemu: () => qemuStandIn,
    });
    expect(machine).toBe(qemuStandIn);
  });
});
