import { describe, expect, it } from 'vitest';
import type { MachineStatus } from '../../../src-main/contract/dto/machine';
import { MachineRefusedError } from '../../../src-main/machine/machine';
import { MachineStateHolder } from '../../../src-main/machine/machine-state-holder';

describe('MachineStateHolder', () => {
  it('starts stopped unless told otherwise', () => {
    expect(new MachineStateHolder().status).toEqual({ state: 'stopped' });
    expect(new MachineStateHolder({ state: 'starting', progress: 'Looking for the Docker Engine' }).status).toEqual({
      state: 'starting',
      progress: 'Looking for the Docker Engine',
    });
  });

  it('publishes each change once, in order, and not what does not change', () => {
    const holder = new MachineStateHolder();
    const seen: MachineStatus[] = [];
    holder.onStatus((status) => seen.push(status));
    holder.apply({ type: 'start-requested' });
    holder.apply({ type: 'progress', step: 'Booting the kernel' });
    holder.apply({ type: 'progress', step: 'Booting the kernel' });
    holder.apply({ type: 'started' });
    holder.apply({ type: 'engine-reachable' });
    expect(seen).toEqual([
      { state: 'starting' },
      { state: 'starting', progress: 'Booting the kernel' },
      { state: 'running' },
    ]);
  });

  it('drops a refused report without changing or publishing anything', () => {
    const holder = new MachineStateHolder();
    const seen: MachineStatus[] = [];
    holder.onStatus((status) => seen.push(status));
    expect(holder.apply({ type: 'crashed', reason: 'late' })).toEqual({
      ok: false,
      refusal: 'Unexpected "crashed" while the machine is stopped',
    });
    expect(holder.status).toEqual({ state: 'stopped' });
    expect(seen).toEqual([]);
  });

  it('require() throws a conflict MachineRefusedError with the refusal', () => {
    const holder = new MachineStateHolder({ state: 'starting' });
    let error: unknown;
    try {
      holder.require({ type: 'start-requested' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(MachineRefusedError);
    expect(error).toMatchObject({
      code: 'conflict',
      message: 'The machine is already starting',
      name: 'MachineRefusedError',
    });
    expect(holder.require({ type: 'stop-requested' })).toEqual({ state: 'stopping' });
  });

  it('keeps publishing when a subscriber throws, and stops after unsubscribe', () => {
    const holder = new MachineStateHolder();
    const seen: string[] = [];
    holder.onStatus(() => {
      throw new Error('broken subscriber');
    });
    const unsubscribe = holder.onStatus((status) => seen.push(status.state));
    holder.apply({ type: 'start-requested' });
    unsubscribe();
    holder.apply({ type: 'started' });
    expect(seen).toEqual(['starting']);
    expect(holder.status).toEqual({ state: 'running' });
  });
});
