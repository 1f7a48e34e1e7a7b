// Long operations (pull, push, build) that a client can cancel by the operation id it chose.
import { randomBytes } from 'node:crypto';
import { CancelledError, ConflictError } from './errors';

export interface RunningOperation {
  id: string;
  signal: AbortSignal;
}

export class OperationRegistry {
  private readonly running = new Map<string, AbortController>();

  /** Runs `work` as operation `id` (a fresh id when none is given); cancel aborts its signal. */
  async run<T>(id: string | undefined, work: (op: RunningOperation) => Promise<T>): Promise<T> {
    const opId = id ?? `op-${randomBytes(6).toString('hex')}`;
    if (this.running.has(opId)) throw new ConflictError(`operation "${opId}" is already running`);
    const controller = new AbortController();
    this.running.set(opId, controller);
    try {
      return await work({ id: opId, signal: controller.signal });
    } catch (error) {
      if (controller.signal.aborted) throw new CancelledError(`operation "${opId}" was cancelled`);
      throw error;
    } finally {
      this.running.delete(opId);
    }
  }

  cancel(id: string): boolean {
    const controller = this.running.get(id);
    controller?.abort();
    return controller !== undefined;
  }

  /** How many operations are running now. */
  get size(): number {
    return this.running.size;
  }

  cancelAll(): void {
    for (const controller of this.running.values()) controller.abort();
  }
}
