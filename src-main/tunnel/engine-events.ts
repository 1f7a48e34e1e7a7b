// Follows a chosen set of an engine's events, reconnecting with backoff; says when a gap means a full rescan is due.
import { EventEmitter } from 'node:events';
import type { Readable } from 'node:stream';
import type Dockerode from 'dockerode';
import { Backoff } from '../core/backoff';
import { LineAssembler } from '../core/line-assembler';

/** Which events to follow, as the engine's `filters` (e.g. `{ type: ['container'], event: ['start'] }`). */
export interface EngineEventFilters {
  type: EngineObjectType[];
  event: string[];
}

/** The kinds of object the engine reports events for. */
export type EngineObjectType = NonNullable<
  Exclude<NonNullable<Dockerode.GetEventsOptions['filters']>, string>['type']
>[number];

/** One engine event: `container`/`start`, `image`/`delete`, `volume`/`destroy`... */
export interface EngineEvent {
  type: string;
  action: string;
  /** The object's id (or name, for volumes). */
  id: string;
}

export type EngineEventsEvents = {
  event: [event: EngineEvent];
  /** The event stream is (again) open: events may have been missed before this, so rescan. */
  connected: [];
  /** The event stream broke; the follower retries by itself. */
  disconnected: [error: Error];
};

export class EngineEventFollower extends EventEmitter<EngineEventsEvents> {
  private stream: Readable | undefined;
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private readonly backoff = new Backoff({ initialMs: 250, maxMs: 5_000, jitter: 0.2 });

  constructor(
    private readonly docker: Dockerode,
    private readonly filters: EngineEventFilters,
  ) {
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
      stream = (await this.docker.getEvents({ filters: { ...this.filters } })) as Readable;
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
    const { Type: type, Action: action } = event;
    const id = event.Actor?.ID ?? event.id;
    if (
      type &&
      action &&
      id &&
      this.filters.type.includes(type as EngineObjectType) &&
      this.filters.event.includes(action)
    ) {
      this.emit('event', { type, action, id });
    }
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
