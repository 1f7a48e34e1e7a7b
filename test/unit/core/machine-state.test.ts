import { describe, expect, it } from 'vitest';
import type { MachineState, MachineStatus } from '../../../src-main/contract/dto/machine';
import {
  sameMachineStatus,
  transition,
  type MachineInput,
  type MachineInputType,
} from '../../../src-main/core/machine-state';

const INPUTS: Record<MachineInputType, MachineInput> = {
  'start-requested': { type: 'start-requested' },
  'reset-requested': { type: 'reset-requested' },
  'stop-requested': { type: 'stop-requested' },
  progress: { type: 'progress', step: 'Waiting for SSH' },
  started: { type: 'started' },
  'start-failed': { type: 'start-failed', reason: 'SSH did not answer within 120 s' },
  stopped: { type: 'stopped' },
  'stop-failed': { type: 'stop-failed', reason: 'QEMU did not exit' },
  crashed: { type: 'crashed', reason: 'QEMU exited with signal SIGKILL' },
  'engine-reachable': { type: 'engine-reachable' },
  'engine-unreachable': { type: 'engine-unreachable', reason: 'No Docker Engine answers at /x.sock' },
  paused: { type: 'paused' },
  resumed: { type: 'resumed' },
};

const FROM: Record<MachineState, MachineStatus> = {
  stopped: { state: 'stopped' },
  starting: { state: 'starting', progress: 'Booting the kernel' },
  running: { state: 'running' },
  stopping: { state: 'stopping', progress: 'Shutting down the VM' },
  error: { state: 'error', reason: 'earlier failure' },
};

/** Expected outcome of every state × input: the next status, or the refusal text. */
const TABLE: Record<MachineState, Record<MachineInputType, MachineStatus | string>> = {
  stopped: {
    'start-requested': { state: 'starting' },
    'reset-requested': { state: 'starting', progress: 'Wiping the data disk' },
    'stop-requested': 'The machine is already stopped',
    progress: 'Unexpected "progress" while the machine is stopped',
    started: 'Unexpected "started" while the machine is stopped',
    'start-failed': 'Unexpected "start-failed" while the machine is stopped',
    stopped: 'Unexpected "stopped" while the machine is stopped',
    'stop-failed': 'Unexpected "stop-failed" while the machine is stopped',
    crashed: 'Unexpected "crashed" while the machine is stopped',
    'engine-reachable': 'Unexpected "engine-reachable" while the machine is stopped',
    'engine-unreachable': 'Unexpected "engine-unreachable" while the machine is stopped',
    paused: 'Unexpected "paused" while the machine is stopped',
    resumed: 'Unexpected "resumed" while the machine is stopped',
  },
  starting: {
    'start-requested': 'The machine is already starting',
    'reset-requested': 'The machine is starting; stop it before resetting it',
    'stop-requested': { state: 'stopping' },
    progress: { state: 'starting', progress: 'Waiting for SSH' },
    started: { state: 'running' },
    'start-failed': { state: 'error', reason: 'SSH did not answer within 120 s' },
    stopped: 'Unexpected "stopped" while the machine is starting',
    'stop-failed': 'Unexpected "stop-failed" while the machine is starting',
    crashed: { state: 'error', reason: 'QEMU exited with signal SIGKILL' },
    'engine-reachable': { state: 'running' },
    'engine-unreachable': { state: 'error', reason: 'No Docker Engine answers at /x.sock' },
    paused: 'Unexpected "paused" while the machine is starting',
    resumed: 'Unexpected "resumed" while the machine is starting',
  },
  running: {
    'start-requested': 'The machine is already running',
    'reset-requested': 'The machine is running; stop it before resetting it',
    'stop-requested': { state: 'stopping' },
    progress: 'Unexpected "progress" while the machine is running',
    started: 'Unexpected "started" while the machine is running',
    'start-failed': 'Unexpected "start-failed" while the machine is running',
    stopped: { state: 'stopped' },
    'stop-failed': 'Unexpected "stop-failed" while the machine is running',
    crashed: { state: 'error', reason: 'QEMU exited with signal SIGKILL' },
    'engine-reachable': { state: 'running' },
    'engine-unreachable': { state: 'error', reason: 'No Docker Engine answers at /x.sock' },
    paused: { state: 'running', paused: true },
    resumed: { state: 'running' },
  },
  stopping: {
    'start-requested': 'The machine is stopping; start it again once it has stopped',
    'reset-requested': 'The machine is stopping; reset it once it has stopped',
    'stop-requested': 'The machine is already stopping',
    progress: { state: 'stopping', progress: 'Waiting for SSH' },
    started: 'Unexpected "started" while the machine is stopping',
    'start-failed': 'Unexpected "start-failed" while the machine is stopping',
    stopped: { state: 'stopped' },
    'stop-failed': { state: 'error', reason: 'QEMU did not exit' },
    crashed: { state: 'stopped' },
    'engine-reachable': 'Unexpected "engine-reachable" while the machine is stopping',
    'engine-unreachable': 'Unexpected "engine-unreachable" while the machine is stopping',
    paused: 'Unexpected "paused" while the machine is stopping',
    resumed: 'Unexpected "resumed" while the machine is stopping',
  },
  error: {
    'start-requested': { state: 'starting' },
    'reset-requested': { state: 'starting', progress: 'Wiping the data disk' },
    'stop-requested': { state: 'stopping' },
    progress: 'Unexpected "progress" while the machine is in error',
    started: 'Unexpected "started" while the machine is in error',
    'start-failed': 'Unexpected "start-failed" while the machine is in error',
    stopped: 'Unexpected "stopped" while the machine is in error',
    'stop-failed': 'Unexpected "stop-failed" while the machine is in error',
    crashed: { state: 'error', reason: 'QEMU exited with signal SIGKILL' },
    'engine-reachable': { state: 'running' },
    'engine-unreachable': { state: 'error', reason: 'No Docker Engine answers at /x.sock' },
    paused: 'Unexpected "paused" while the machine is in error',
    resumed: 'Unexpected "resumed" while the machine is in error',
  },
};

const cases = Object.entries(TABLE).flatMap(([state, row]) =>
  Object.entries(row).map(([input, expected]) => [state as MachineState, input as MachineInputType, expected] as const),
);

describe('transition', () => {
  it('covers every state and every input', () => {
    expect(cases).toHaveLength(5 * Object.keys(INPUTS).length);
  });

  it.each(cases)('%s + %s', (state, input, expected) => {
    const result = transition(FROM[state], INPUTS[input]);
    if (typeof expected === 'string') expect(result).toEqual({ ok: false, refusal: expected });
    else expect(result).toEqual({ ok: true, status: expected });
  });

  it('keeps the reason when a running machine stopped on its own', () => {
    expect(transition({ state: 'running' }, { type: 'stopped', reason: 'The VM powered itself off' })).toEqual({
      ok: true,
      status: { state: 'stopped', reason: 'The VM powered itself off' },
    });
  });

  it.each<MachineInput>([
    { type: 'start-failed', reason: '' },
    { type: 'crashed', reason: '  ' },
    { type: 'stop-failed', reason: '' },
    { type: 'engine-unreachable', reason: '' },
  ])('refuses $type without a reason', (input) => {
    expect(transition({ state: 'starting' }, input)).toEqual({
      ok: false,
      refusal: `A "${input.type}" report needs a reason`,
    });
  });

  it('runs a whole life: start with progress, crash, restart, stop, reset', () => {
    const inputs: MachineInput[] = [
      { type: 'start-requested' },
      { type: 'progress', step: 'Booting the kernel' },
      { type: 'progress', step: 'Waiting for the engine' },
      { type: 'started' },
      { type: 'crashed', reason: 'QEMU died' },
      { type: 'start-requested' },
      { type: 'started' },
      { type: 'stop-requested' },
      { type: 'progress', step: 'Shutting down the VM' },
      { type: 'stopped' },
      { type: 'reset-requested' },
      { type: 'progress', step: 'Preparing the disks' },
      { type: 'start-failed', reason: 'the data disk is locked' },
    ];
    const states: string[] = [];
    let status: MachineStatus = { state: 'stopped' };
    for (const input of inputs) {
      const result = transition(status, input);
      if (!result.ok) throw new Error(result.refusal);
      status = result.status;
      states.push(status.progress ? `${status.state}:${status.progress}` : status.state);
    }
    expect(states).toEqual([
      'starting',
      'starting:Booting the kernel',
      'starting:Waiting for the engine',
      'running',
      'error',
      'starting',
      'running',
      'stopping',
      'stopping:Shutting down the VM',
      'stopped',
      'starting:Wiping the data disk',
      'starting:Preparing the disks',
      'error',
    ]);
    expect(status).toEqual({ state: 'error', reason: 'the data disk is locked' });
  });
});

describe('sameMachineStatus', () => {
  it('compares state, reason, progress and pause', () => {
    expect(sameMachineStatus({ state: 'running' }, { state: 'running' })).toBe(true);
    expect(sameMachineStatus({ state: 'running' }, { state: 'running', paused: true })).toBe(false);
    expect(sameMachineStatus({ state: 'error', reason: 'a' }, { state: 'error', reason: 'b' })).toBe(false);
    expect(
      sameMachineStatus(
        { state: 'starting', progress: 'Waiting for SSH' },
        { state: 'starting', progress: 'Booting the kernel' },
      ),
    ).toBe(false);
    expect(sameMachineStatus({ state: 'stopped' }, { state: 'running' })).toBe(false);
  });
});
