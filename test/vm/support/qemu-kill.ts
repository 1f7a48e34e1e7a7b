// SIGKILLs a test VM's QEMU and checks the machine says so at once: error within 2 s, the only status change.
import { expect } from 'vitest';
import type { MachineStatus } from '../../../src-main/contract/dto/machine';
import type { TestVm } from './vm-machine';

/** Kills QEMU with SIGKILL; resolves once the machine is in error (within 2 s, naming the kill), with nothing before it. */
export async function killQemuExpectingError(vm: TestVm): Promise<void> {
  const statuses: MachineStatus[] = [];
  let unsubscribe = () => {};
  const inError = new Promise<number>((resolve) => {
    unsubscribe = vm.machine.onStatus((status) => {
      statuses.push(status);
      if (status.state === 'error') resolve(Date.now());
    });
  });
  const pid = vm.qemuPid();
  expect(pid).toBeDefined();
  const killedAt = Date.now();
  process.kill(pid!, 'SIGKILL');
  const errorAt = await inError;
  unsubscribe();
  process.stdout.write(`[berth vm] QEMU killed → state error in ${errorAt - killedAt} ms\n`);
  expect(errorAt - killedAt).toBeLessThan(2000);
  expect(vm.machine.status.reason).toMatch(/QEMU was killed \(SIGKILL\)/);
  expect(statuses.map((status) => status.state)).toEqual(['error']);
}
