// Published container ports on the host: keeps one host listener per port the guest's containers publish, driven by engine events.
import { EventEmitter } from 'node:events';
import type Dockerode from 'dockerode';
import { EngineEventFollower } from './engine-events';
import { ListenError, PortListener, type TcpOpener } from './port-listener';
import {
  listenFailureMessage,
  planForwards,
  type ContainerPorts,
  type PortConflict,
  type PortForward,
  type SkippedPort,
} from './published-ports';

export type { PortConflict, PortForward, SkippedPort } from './published-ports';

export interface PortForwarderOptions {
  /** Opens the channels (SshSession has what it needs). */
  session: TcpOpener;
  /** The guest's engine, e.g. dockerode on the SocketForwarder's socket. */
  docker: Dockerode;
  /** Listen on every host interface (0.0.0.0) rather than loopback only; default false. Ports published on the guest's loopback stay on the host's loopback regardless. */
  exposeOnAllInterfaces?: boolean;
  /**
   * Host address of listeners that stay on this computer; default '127.0.0.1'. Only tests change
   * it (e.g. to '127.0.0.2'), to run beside an engine that holds the same ports on 127.0.0.1 itself.
   */
  loopbackAddress?: string;
  /** Forwards UDP ports (SSH carries TCP only); without it they are listed as skipped. */
  udp?: UdpForwarding;
}

/** An open host listener for one forward; closing it stops forwarding. */
export interface HostListener {
  readonly forward: PortForward;
  close(): Promise<void>;
}

/** Opens a host listener for a UDP forward; rejects with a ListenError when the port cannot be had. */
export interface UdpForwarding {
  open(forward: PortForward): Promise<HostListener>;
}

export interface PortForwarderState {
  /** Host listeners open now. */
  forwarded: PortForward[];
  /** Published ports without a host listener because the host port is taken; retried when their container starts again. */
  conflicts: PortConflict[];
  /** Published ports that are not forwarded (SCTP; UDP without QEMU), with the reason. */
  skipped: SkippedPort[];
  /** 'following' while engine events arrive; otherwise the listeners are as of the last scan. */
  engine: 'connecting' | 'following' | 'reconnecting' | 'stopped';
  /** Why the engine's events are not followed, while they are not. */
  engineError?: string;
}

export type PortForwarderEvents = {
  /** The state changed (a listener opened or closed, a conflict appeared or went, the engine link changed). */
  change: [state: PortForwarderState];
  /** A published port could not get its host listener. */
  conflict: [conflict: PortConflict];
  /** A forwarded connection could not reach its port in the guest; the listener keeps serving. */
  'connection-error': [error: Error];
};

/**
 * Reconciles host listeners with the ports published by the guest's running containers: a full
 * scan when the engine's event stream (re)opens, then one container at a time as it starts, dies
 * or is removed. All changes run one after another, so repeated or reordered events converge on
 * the same listeners.
 */
export class PortForwarder extends EventEmitter<PortForwarderEvents> {
  private readonly follower: EngineEventFollower;
  private readonly containers = new Map<string, ContainerPorts>();
  private readonly hostListeners = new Map<string, HostListener>();
  /** Listen failures by listener key; not retried until their container starts again or the engine is rescanned. */
  private readonly listenConflicts = new Map<string, PortConflict>();
  private duplicates: PortConflict[] = [];
  private skipped: SkippedPort[] = [];
  private engine: PortForwarderState['engine'] = 'stopped';
  private engineError: string | undefined;
  private work: Promise<void> = Promise.resolve();
  private lastPublished = '';
  private running = false;

  constructor(private readonly options: PortForwarderOptions) {
    super();
    // A container starting, dying (stopped, killed or crashed) or removed changes which ports are published.
    this.follower = new EngineEventFollower(options.docker, {
      type: ['container'],
      event: ['start', 'die', 'destroy'],
    });
    this.follower.on('connected', () => this.enqueue(() => this.rescan()));
    this.follower.on('disconnected', (error) => {
      this.engine = 'reconnecting';
      this.engineError = `The machine's engine event stream broke: ${error.message}`;
      this.publish();
    });
    this.follower.on('event', ({ id, action }) =>
      this.enqueue(() => (action === 'start' ? this.refresh(id) : this.forget(id))),
    );
  }

  get state(): PortForwarderState {
    const conflicts = [...this.duplicates, ...this.listenConflicts.values()];
    return {
      forwarded: [...this.hostListeners.values()].map((l) => ({ ...l.forward })),
      conflicts: conflicts.map((c) => ({ ...c })),
      skipped: this.skipped.map((s) => ({ ...s })),
      engine: this.engine,
      ...(this.engineError ? { engineError: this.engineError } : {}),
    };
  }

  /** Starts following the engine; resolves after the first scan (or the first failure to reach the engine, which is retried). */
  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    this.engine = 'connecting';
    const firstOutcome = new Promise<void>((resolve) => {
      this.follower.once('disconnected', () => resolve());
      // The constructor's listener has just queued the rescan: resolve once it has run.
      this.follower.once('connected', () => void this.work.then(resolve));
    });
    this.follower.start();
    await firstOutcome;
  }

  /** Stops following the engine and closes every listener. */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.follower.stop();
    await this.work;
    await Promise.all([...this.hostListeners.values()].map((l) => l.close()));
    this.hostListeners.clear();
    this.listenConflicts.clear();
    this.containers.clear();
    this.duplicates = [];
    this.skipped = [];
    this.engine = 'stopped';
    this.engineError = undefined;
    this.publish();
  }

  /** Resolves once every change queued so far has been applied. */
  settled(): Promise<void> {
    return this.work;
  }

  private enqueue(step: () => Promise<void>): void {
    this.work = this.work.then(async () => {
      if (!this.running) return;
      try {
        await step();
      } catch (error) {
        this.engineError = `Could not read the machine's containers: ${(error as Error).message}`;
        this.publish();
      }
    });
  }

  /** Every running container, from scratch; conflicts are retried. */
  private async rescan(): Promise<void> {
    const list = await this.options.docker.listContainers();
    this.containers.clear();
    for (const info of list) this.containers.set(info.Id, toContainerPorts(info));
    this.listenConflicts.clear();
    this.engine = 'following';
    this.engineError = undefined;
    await this.reconcile();
  }

  /** One container that (re)started; its conflicts are retried. */
  private async refresh(id: string): Promise<void> {
    const [info] = await this.options.docker.listContainers({ filters: { id: [id] } });
    if (info) this.containers.set(info.Id, toContainerPorts(info));
    else this.containers.delete(id);
    this.dropConflictsOf(id);
    await this.reconcile();
  }

  private async forget(id: string): Promise<void> {
    if (!this.containers.delete(id)) return;
    this.dropConflictsOf(id);
    await this.reconcile();
  }

  private dropConflictsOf(id: string): void {
    for (const [key, conflict] of this.listenConflicts)
      if (conflict.containerId === id) this.listenConflicts.delete(key);
  }

  private async reconcile(): Promise<void> {
    const plan = planForwards([...this.containers.values()], {
      exposeOnAllInterfaces: this.options.exposeOnAllInterfaces ?? false,
      loopbackAddress: this.options.loopbackAddress ?? '127.0.0.1',
      udp: this.options.udp !== undefined,
    });
    const desired = new Map(plan.forwards.map((f) => [f.key, f]));
    for (const [key, listener] of this.hostListeners) {
      const wanted = desired.get(key);
      if (
        !wanted ||
        wanted.containerId !== listener.forward.containerId ||
        wanted.guestAddress !== listener.forward.guestAddress
      ) {
        this.hostListeners.delete(key);
        await listener.close();
      }
    }
    for (const [key, conflict] of this.listenConflicts) {
      if (desired.get(key)?.containerId !== conflict.containerId) this.listenConflicts.delete(key);
    }
    for (const forward of desired.values()) {
      if (this.hostListeners.has(forward.key) || this.listenConflicts.has(forward.key)) continue;
      await this.listen(forward);
    }
    const known = new Set(this.duplicates.map(conflictId));
    this.duplicates = plan.conflicts;
    for (const conflict of plan.conflicts) if (!known.has(conflictId(conflict))) this.emit('conflict', { ...conflict });
    this.skipped = plan.skipped;
    this.publish();
  }

  private async listen(forward: PortForward): Promise<void> {
    try {
      const listener =
        forward.protocol === 'udp' && this.options.udp
          ? await this.options.udp.open(forward)
          : await PortListener.open(forward, this.options.session, (error) => this.emit('connection-error', error));
      this.hostListeners.set(forward.key, listener);
    } catch (error) {
      const code = error instanceof ListenError ? error.code : 'UNKNOWN';
      const conflict: PortConflict = {
        port: forward.port,
        hostAddress: forward.hostAddress,
        containerId: forward.containerId,
        containerName: forward.containerName,
        code,
        message: listenFailureMessage(forward, code, (error as Error).message),
      };
      this.listenConflicts.set(forward.key, conflict);
      this.emit('conflict', { ...conflict });
    }
  }

  /** Emits `change` when the state differs from the last one emitted. */
  private publish(): void {
    const state = this.state;
    const text = JSON.stringify(state);
    if (text === this.lastPublished) return;
    this.lastPublished = text;
    this.emit('change', state);
  }
}

function toContainerPorts(info: Dockerode.ContainerInfo): ContainerPorts {
  return {
    id: info.Id,
    name: (info.Names?.[0] ?? info.Id.slice(0, 12)).replace(/^\//, ''),
    ports: (info.Ports ?? []).map((p) => ({
      ip: p.IP,
      privatePort: p.PrivatePort,
      ...(p.PublicPort ? { publicPort: p.PublicPort } : {}),
      type: p.Type,
    })),
  };
}

function conflictId(conflict: PortConflict): string {
  return `${conflict.containerId}/${conflict.hostAddress}:${conflict.port}`;
}
