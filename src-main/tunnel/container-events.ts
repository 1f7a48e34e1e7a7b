// Follows an engine's container start/stop events, reconnecting with backoff; says when a gap means a full rescan is due.
import { EventEmitter } from 'node:events';
import type { Readable } from 'node:stream';
import type Dockerode from 'dockerode';
import { Backoff } from '../core/backoff';
import { LineAssembler } from '../core/line-assembler';

/** The container actions that change which ports are published. */
export type ContainerAction = 'start' | 'die' | 'destroy';

export type ContainerEventsEvents = {
  /** A container started, died (stopped, killed or crashed) or was removed. */
  container: [id: string, action: ContainerAction];
  /** The event stream is (again) open: events may have been missed before this, so rescan. */
  connected: [];
  /** The event stream broke; the follower retries by itself. */
  disconnected: [error: Error];
};

const ACTIONS: ContainerAction[] = ['start', 'die', 'destroy'];

export class ContainerEventFollower extends EventEmitter<ContainerEventsEvents> {
  private stream: Readable | undefined;
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private readonly backoff = new Backoff({ initialMs: 250, maxMs: 5_000, jitter: 0.2 });

  constructor(private readonly docker: Dockerode) {
    super();
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    void this.connect();
  }

  stop(): void {
    this.running = false;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.stream?.destroy();
    this.stream = undefined;
  }

  private async connect(): Promise<void> {
    let stream: Readable;
    try {
      stream = (await this.docker.getEvents({ filters: { type: ['container'], event: ACTIONS } })) as Readable;
    } catch (error) {
      this.lost(error as Error);
      return;
    }
    if (!this.running) {
      stream.destroy();
      return;
    }
    this.stream = stream;
    this.backoff.reset();
    const lines = new LineAssembler({ maxLineLength: 1024 * 1024 });
    stream.on('data', (chunk: Uint8Array) => {
      for (const line of lines.push(chunk)) this.parse(line);
    });
    const gone = (error?: Error) => {
      if (this.stream !== stream) return;
      this.stream = undefined;
      this.lost(error ?? new Error('the engine closed its event stream'));
    };
    stream.on('end', () => gone());
    stream.on('close', () => gone());
    stream.on('error', gone);
    this.emit('connected');
  }

  private parse(line: string): void {
    if (!line.trim()) return;
    let event: { Type?: string; Action?: string; Actor?: { ID?: string }; id?: string };
    try {
      event = JSON.parse(line) as typeof event;
    } catch {
      return;
    }
    const action = event.Action as ContainerAction;
    const id = event.Actor?.ID ?? event.id;
    if (event.Type === 'container' && id && ACTIONS.includes(action)) this.emit('container', id, action);
  }

  private lost(error: Error): void {
    if (!this.running) return;
    this.emit('disconnected', error);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (this.running) void this.connect();
    }, this.backoff.next());
  }
}
