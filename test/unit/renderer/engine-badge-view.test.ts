// The engine badge: the machine's own words while it starts, stops, is stopped or failed; else the connection.
import { describe, expect, it } from 'vitest';
import type { MachineInfo, MachineStatus } from '../../../src-main/contract/dto/machine';
import type { EngineStatus } from '../../../src-main/contract/dto/system';
import { engineBadgeView } from '../../../src-renderer/src/components/engine-badge-view';

const connected: EngineStatus = { state: 'connected', endpoint: 'unix:///home/a/.berth/docker.sock', version: '27.1' };
const down: EngineStatus = { state: 'reconnecting', endpoint: 'unix:///home/a/.berth/docker.sock', error: 'ENOENT' };
const machine = (status: MachineStatus, kind: MachineInfo['kind'] = 'qemu'): MachineInfo => ({
  kind,
  status,
  endpoint: 'unix:///home/a/.berth/docker.sock',
  host: { cpus: 8, memoryMiB: 16_384 },
  logs: [],
});

describe('engineBadgeView', () => {
  it("shows the start's step while the VM boots, not the engine's reconnecting", () => {
    expect(engineBadgeView(down, machine({ state: 'starting', progress: 'Waiting for SSH' }))).toEqual({
      dot: 'starting',
      label: 'Starting',
      detail: 'Waiting for SSH',
      endpoint: '/home/a/.berth/docker.sock',
    });
  });

  it('says why the machine failed, and that a stopped one can be started', () => {
    expect(engineBadgeView(down, machine({ state: 'error', reason: 'QEMU exited with code 1' }))).toEqual({
      dot: 'error',
      label: 'Error',
      detail: 'QEMU exited with code 1',
      endpoint: '/home/a/.berth/docker.sock',
    });
    expect(engineBadgeView(down, machine({ state: 'stopped' }))).toMatchObject({ label: 'Stopped' });
    expect(engineBadgeView(down, machine({ state: 'stopping', progress: 'Shutting down the VM' }))).toMatchObject({
      label: 'Stopping',
      detail: 'Shutting down the VM',
    });
  });

  it('shows a running machine by its connection, and a paused one as paused', () => {
    expect(engineBadgeView(connected, machine({ state: 'running' }))).toEqual({
      dot: 'connected',
      label: 'Running',
      detail: '/home/a/.berth/docker.sock',
      endpoint: '/home/a/.berth/docker.sock',
    });
    expect(engineBadgeView(connected, machine({ state: 'running', paused: true }))).toMatchObject({
      dot: 'paused',
      label: 'Paused while idle',
    });
  });

  it('shows an engine Berth only uses by its connection, whatever its machine info says', () => {
    expect(engineBadgeView(down, machine({ state: 'stopped' }, 'external'))).toEqual({
      dot: 'reconnecting',
      label: 'Reconnecting',
      detail: '/home/a/.berth/docker.sock',
      endpoint: '/home/a/.berth/docker.sock',
    });
    expect(engineBadgeView({ state: 'disconnected', endpoint: '' }, undefined).detail).toBe('no engine');
  });
});
