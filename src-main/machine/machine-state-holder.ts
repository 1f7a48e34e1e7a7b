// Keeps a machine's status by the core state machine and tells subscribers about each change.
import type { MachineStatus } from '../contract/dto/machine';
import { sameMachineStatus, transition, type MachineInput, type MachineTransition } from '../core/machine-state';
import { MachineRefusedError } from './machine';

export type MachineStatusListener = (status: MachineStatus) => void;

/** The one owner of a backend's status: every change goes through `transition`, every change is published. */
export class MachineStateHolder {
  private current: MachineStatus;
  private readonly listeners = new Set<MachineStatusListener>();

  constructor(initial: MachineStatus = { state: 'stopped' }) {
    this.current = initial;
  }

  get status(): MachineStatus {
    return this.current;
  }

  /**
   * Applies an input and publishes the new status when it differs. A refused input changes
   * nothing and is returned as is: use this for what the backend observed, where a late report
   * (a crash after a stop) is simply dropped.
   */
  apply(input: MachineInput): MachineTransition {
    const result = transition(this.current, input);
    if (result.ok && !sameMachineStatus(result.status, this.current)) {
      this.current = result.status;
      for (const listener of this.listeners) {
        try {
          listener(result.status);
        } catch {
          // A broken subscriber must not stop the others, nor the machine.
        }
      }
    }
    return result;
  }

  /** Applies an input the caller needs accepted (a user's request): throws MachineRefusedError ('conflict') when refused. */
  require(input: MachineInput): MachineStatus {
    const result = this.apply(input);
    if (!result.ok) throw new MachineRefusedError('conflict', result.refusal);
    return result.status;
  }

  /** Calls `listener` with every later status; returns an unsubscribe function. */
  onStatus(listener: MachineStatusListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
