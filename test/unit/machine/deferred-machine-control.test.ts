import { describe, expect, it, vi } from 'vitest';
import type { MachineInfo } from '../../../src-main/contract/dto/machine';
import { DeferredMachineControl } from '../../../src-main/machine/deferred-machine-control';
import type { MachineControl } from '../../../src-main/machine/machine-control';

function fakeControl(info: MachineInfo) {
  const listeners = new Set<(info: MachineInfo) => void>();
  const control = {
    info,
    onChange: (listener: (info: MachineInfo) => void) => (listeners.add(listener), () => listeners.delete(listener)),
    start: vi.fn(async () => undefined),
    stop: vi.fn(async () => undefined),
    restart: vi.fn(async () => undefined),
    reset: vi.fn(async () => undefined),
    snapshots: vi.fn(async () => ({ snapshots: [], diskAllocatedBytes: 0, keepAutomatic: 3 })),
    sshTarget: vi.fn(() => undefined),
    logFile: vi.fn(() => '/logs/console.log'),
    dispose: vi.fn(),
  } satisfies MachineControl;
  return { control, change: (next: MachineInfo) => listeners.forEach((l) => l(next)) };
}

const running: MachineInfo = {
  kind: 'qemu',
  status: { state: 'running' },
  endpoint: 'unix:///d/docker.sock',
  host: { cpus: 4, memoryMiB: 8192 },
  logs: ['console', 'agent'],
};

describe('DeferredMachineControl', () => {
  it('says it is looking for the engine, queues requests, then forwards to the real control', async () => {
    const deferred = new DeferredMachineControl('unix:///d/docker.sock');
    expect(deferred.info.status).toEqual({ state: 'starting', progress: 'Looking for the Docker Engine' });
    expect(deferred.logFile('console')).toBeUndefined();
    const seen: MachineInfo[] = [];
    deferred.onChange((info) => seen.push(info));
    const { control, change } = fakeControl(running);
    const starting = deferred.start();
    deferred.resolve(control);
    await starting;
    expect(control.start).toHaveBeenCalledOnce();
    expect(deferred.info).toBe(running);
    change({ ...running, status: { state: 'stopping' } });
    expect(seen.map((info) => info.status.state)).toEqual(['running', 'stopping']);
    expect(deferred.logFile('console')).toBe('/logs/console.log');
    deferred.dispose();
    expect(control.dispose).toHaveBeenCalledOnce();
  });

  it('reports a failure to find or start the agent as the error state, and requests reject with it', async () => {
    const deferred = new DeferredMachineControl('unix:///d/docker.sock');
    const seen: MachineInfo[] = [];
    deferred.onChange((info) => seen.push(info));
    deferred.fail(new Error('The machine agent did not start within 15 s'));
    expect(deferred.info.status).toEqual({ state: 'error', reason: 'The machine agent did not start within 15 s' });
    expect(seen).toHaveLength(1);
    await expect(deferred.restart()).rejects.toThrow('did not start within 15 s');
  });
});
