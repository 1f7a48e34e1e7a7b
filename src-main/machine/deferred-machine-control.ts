// A machine control the app can hand out at once, before the real one (the agent) is ready: "starting" until then.
import type { DiskSnapshotRequest, MachineInfo, MachineLogSource } from '../contract/dto/machine';
import type { SshTarget } from './machine';
import { hostResources, type MachineControl } from './machine-control';

/**
 * Says `starting: Looking for the Docker Engine` (or the failure) until `resolve(control)`, then
 * forwards everything to that control. Requests made before then wait for it; after `fail(reason)`
 * the state is `error` with that reason and requests reject with it.
 */
export class DeferredMachineControl implements MachineControl {
  private target: MachineControl | undefined;
  private failure: Error | undefined;
  private readonly listeners = new Set<(info: MachineInfo) => void>();
  private unforward: (() => void) | undefined;
  private readonly ready: Promise<MachineControl>;
  private settle!: { resolve: (control: MachineControl) => void; reject: (error: Error) => void };

  constructor(private readonly endpoint: string) {
    this.ready = new Promise((resolve, reject) => (this.settle = { resolve, reject }));
    this.ready.catch(() => undefined);
  }

  get info(): MachineInfo {
    if (this.target) return this.target.info;
    const status = this.failure
      ? { state: 'error' as const, reason: this.failure.message }
      : { state: 'starting' as const, progress: 'Looking for the Docker Engine' as const };
    return { kind: 'qemu', status, endpoint: this.endpoint, host: hostResources(), logs: [] };
  }

  resolve(control: MachineControl): void {
    this.target = control;
    this.unforward = control.onChange((info) => this.emit(info));
    this.settle.resolve(control);
    this.emit(control.info);
  }

  fail(error: Error): void {
    this.failure = error;
    this.settle.reject(error);
    this.emit(this.info);
  }

  onChange(listener: (info: MachineInfo) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  start = async () => (await this.ready).start();
  stop = async () => (await this.ready).stop();
  restart = async () => (await this.ready).restart();
  reset = async () => (await this.ready).reset();
  snapshots = async (request: DiskSnapshotRequest) => (await this.ready).snapshots(request);

  sshTarget(): SshTarget | undefined {
    return this.target?.sshTarget();
  }

  logFile(source: MachineLogSource): string | undefined {
    return this.target?.logFile(source);
  }

  dispose(): void {
    this.unforward?.();
    this.target?.dispose();
    this.listeners.clear();
  }

  private emit(info: MachineInfo): void {
    for (const listener of this.listeners) listener(info);
  }
}
