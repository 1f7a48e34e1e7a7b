// The machine lifecycle as a pure state machine: every (state, input) pair either moves on or is refused in words.
import type { MachineProgressStep, MachineState, MachineStatus } from '../contract/dto/machine';

/**
 * What can happen to a machine. `*-requested` come from the user (start, stop, reset); the rest
 * are what a backend observed: a step of its work, the outcome of a start or stop, the VM dying,
 * or (for backends that follow an engine rather than run one) the engine answering or not.
 */
export type MachineInput =
  | { type: 'start-requested' }
  /** Wipe the data disk and start afresh. */
  | { type: 'reset-requested' }
  | { type: 'stop-requested' }
  | { type: 'progress'; step: MachineProgressStep }
  | { type: 'started' }
  | { type: 'start-failed'; reason: string }
  /** The machine is down: after a stop, or because it powered itself off while running (say why). */
  | { type: 'stopped'; reason?: string }
  | { type: 'stop-failed'; reason: string }
  /** The VM's process died without being asked to. */
  | { type: 'crashed'; reason: string }
  | { type: 'engine-reachable' }
  | { type: 'engine-unreachable'; reason: string }
  /** The VM was paused while idle (it still counts as running), or resumed. */
  | { type: 'paused' }
  | { type: 'resumed' };

export type MachineInputType = MachineInput['type'];

/** The next status, or a sentence saying why the input is refused in the current state. */
export type MachineTransition = { ok: true; status: MachineStatus } | { ok: false; refusal: string };

type Outcome = MachineStatus | string;
type Rule = (input: MachineInput) => Outcome;

const stopped: MachineStatus = { state: 'stopped' };
const starting: MachineStatus = { state: 'starting' };
const running: MachineStatus = { state: 'running' };
const stopping: MachineStatus = { state: 'stopping' };
const wiping: MachineStatus = { state: 'starting', progress: 'Wiping the data disk' };

const error = (reason: string): MachineStatus => ({ state: 'error', reason });
const withStep = (state: MachineState, input: MachineInput): MachineStatus =>
  input.type === 'progress' ? { state, progress: input.step } : { state };
const reasonOf = (input: MachineInput): string => ('reason' in input && input.reason ? input.reason : '');
const stoppedWith = (input: MachineInput): MachineStatus => {
  const reason = reasonOf(input);
  return reason ? { state: 'stopped', reason } : stopped;
};

/** For each state, the inputs it accepts; any other input is refused with `unexpected`. */
const RULES: Record<MachineState, Partial<Record<MachineInputType, Rule>>> = {
  stopped: {
    'start-requested': () => starting,
    'reset-requested': () => wiping,
    'stop-requested': () => 'The machine is already stopped',
  },
  starting: {
    'start-requested': () => 'The machine is already starting',
    'reset-requested': () => 'The machine is starting; stop it before resetting it',
    'stop-requested': () => stopping,
    progress: (input) => withStep('starting', input),
    started: () => running,
    'start-failed': (input) => error(reasonOf(input)),
    crashed: (input) => error(reasonOf(input)),
    'engine-reachable': () => running,
    'engine-unreachable': (input) => error(reasonOf(input)),
  },
  running: {
    'start-requested': () => 'The machine is already running',
    'reset-requested': () => 'The machine is running; stop it before resetting it',
    'stop-requested': () => stopping,
    stopped: (input) => stoppedWith(input),
    crashed: (input) => error(reasonOf(input)),
    'engine-reachable': () => running,
    'engine-unreachable': (input) => error(reasonOf(input)),
    paused: () => ({ state: 'running', paused: true }),
    resumed: () => running,
  },
  stopping: {
    'start-requested': () => 'The machine is stopping; start it again once it has stopped',
    'reset-requested': () => 'The machine is stopping; reset it once it has stopped',
    'stop-requested': () => 'The machine is already stopping',
    progress: (input) => withStep('stopping', input),
    stopped: (input) => stoppedWith(input),
    'stop-failed': (input) => error(reasonOf(input)),
    // Dying while being stopped is the stop finishing early.
    crashed: () => stopped,
  },
  error: {
    'start-requested': () => starting,
    'reset-requested': () => wiping,
    // What is left of a failed machine (a hung VM, a tunnel) may still need stopping.
    'stop-requested': () => stopping,
    crashed: (input) => error(reasonOf(input)),
    'engine-reachable': () => running,
    'engine-unreachable': (input) => error(reasonOf(input)),
  },
};

const REASON_REQUIRED = new Set<MachineInputType>(['start-failed', 'stop-failed', 'crashed', 'engine-unreachable']);

/**
 * Applies `input` to a machine in `from`. Never throws: an input the state does not accept
 * (starting twice, stopping a stopped machine, a backend reporting something out of turn) comes
 * back as `{ ok: false, refusal }`, with a sentence fit to show to the user for `*-requested`
 * inputs. Inputs that carry a reason must carry a non-empty one.
 */
export function transition(from: MachineStatus, input: MachineInput): MachineTransition {
  if (REASON_REQUIRED.has(input.type) && !reasonOf(input).trim()) {
    return { ok: false, refusal: `A "${input.type}" report needs a reason` };
  }
  const rule = RULES[from.state][input.type];
  if (!rule) {
    const where = from.state === 'error' ? 'in error' : from.state;
    return { ok: false, refusal: `Unexpected "${input.type}" while the machine is ${where}` };
  }
  const outcome = rule(input);
  return typeof outcome === 'string' ? { ok: false, refusal: outcome } : { ok: true, status: outcome };
}

/** True when both statuses read the same (state, reason, progress and pause). */
export function sameMachineStatus(a: MachineStatus, b: MachineStatus): boolean {
  return a.state === b.state && a.reason === b.reason && a.progress === b.progress && a.paused === b.paused;
}
