// The machine of an engine Berth uses but does not run (DOCKER_HOST, a test engine): its state is the connection's.
import type { MachineInfo, MachineStatus } from '../contract/dto/machine';
import type { EngineStatus } from '../contract/dto/system';
import { UnsupportedError } from '../engine/errors';
import type { EngineWatcher } from '../engine/engine-watcher';
import type { EventHub } from '../engine/event-hub';
import { hostResources, type MachineControl } from '../machine/machine-control';

/** Before the first attempt has answered (disconnected without an error) the engine is being looked for, not down. */
function statusOf(engine: EngineStatus): MachineStatus {
  if (engine.state === 'connected') return { state: 'running' };
  if (engine.state === 'reconnecting') return { state: 'starting' };
  if (engine.state === 'disconnected' && engine.error === undefined) {
    return { state: 'starting', progress: 'Looking for the Docker Engine' };
  }
  return { state: 'error', reason: engine.error ?? `the engine at ${engine.endpoint} is not reachable` };
}

export class ExternalEngineControl implements MachineControl {
  private readonly host = hostResources();

  constructor(
    private readonly watcher: EngineWatcher,
    private readonly hub: EventHub,
  ) {}

  get info(): MachineInfo {
    const engine = this.watcher.status;
    return { kind: 'external', status: statusOf(engine), endpoint: engine.endpoint, host: this.host, logs: [] };
  }

  onChange(listener: (info: MachineInfo) => void): () => void {
    return this.hub.subscribe((name) => {
      if (name === 'engine.state') listener(this.info);
    });
  }

  private refuse(what: string): Promise<never> {
    return Promise.reject(
      new UnsupportedError(
        `Berth uses the engine at ${this.watcher.status.endpoint} but does not run it, so it cannot ${what} it; do that where it runs`,
      ),
    );
  }

  start = () => this.refuse('start');
  stop = () => this.refuse('stop');
  restart = () => this.refuse('restart');
  reset = () => this.refuse('reset');
  snapshots = () => this.refuse('snapshot');
  sshTarget(): undefined {
    return undefined;
  }

  logFile(): undefined {
    return undefined;
  }
  dispose(): void {}
}
