// Watches one engine: follows its event stream, reconnects with backoff, and publishes
// connection state plus typed invalidations (containers.changed, images.changed, ...).
import type { Readable } from 'node:stream';
import type Dockerode from 'dockerode';
import type { EngineEvent, EngineObjectType, EngineStatus } from '../contract/dto/system';
import { Backoff } from '../core/backoff';
import { LineAssembler } from '../core/line-assembler';
import { Batcher } from '../core/batcher';
import type { EventHub } from './event-hub';

interface RawEngineEvent {
  Type?: string;
  Action?: string;
  Actor?: { ID?: string; Attributes?: Record<string, string> };
  id?: string;
  timeNano?: number;
  time?: number;
}

type Invalidation = { kind: 'containers' | 'images' | 'volumes' | 'networks'; id: string };

/** Container actions that change nothing a list shows. */
const QUIET_CONTAINER_ACTIONS =
  /^(exec_create|exec_start|exec_die|exec_detach|attach|detach|resize|top|export|copy|archive-path|extract-to-dir)/;

export function toEngineEvent(raw: RawEngineEvent): EngineEvent {
  const attributes = raw.Actor?.Attributes ?? {};
  const event: EngineEvent = {
    type: (raw.Type ?? 'daemon') as EngineObjectType,
    action: raw.Action ?? '',
    id: raw.Actor?.ID ?? raw.id ?? '',
    attributes,
    time: raw.timeNano ? Math.floor(raw.timeNano / 1e6) : (raw.time ?? 0) * 1000,
  };
  if (attributes.name) event.name = attributes.name;
  return event;
}

/** What lists an engine event makes stale. */
export function invalidationsOf(event: EngineEvent): Invalidation[] {
  switch (event.type) {
    case 'container': {
      if (QUIET_CONTAINER_ACTIONS.test(event.action)) return [];
      const out: Invalidation[] = [{ kind: 'containers', id: event.id }];
      if (event.action === 'create' || event.action === 'destroy') {
        out.push(
          { kind: 'images', id: event.attributes.image ?? '' },
          { kind: 'volumes', id: '' },
          { kind: 'networks', id: '' },
        );
      }
      return out;
    }
    case 'image':
      return [{ kind: 'images', id: event.id }];
    case 'volume':
      return [{ kind: 'volumes', id: event.id }];
    case 'network': {
      const out: Invalidation[] = [{ kind: 'networks', id: event.id }];
      if (event.attributes.container) out.push({ kind: 'containers', id: event.attributes.container });
      return out;
    }
    default:
      return [];
  }
}

export class EngineWatcher {
  private state: EngineStatus;
  private stream: Readable | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private stopped = true;
  /**
   * Capped at 1 s so Berth is back within about a second of the engine's return, however long it was away (a ping of
   * a local socket a second costs nothing; 5 s let a 4 s outage take 3.75 s more to notice).
   */
  private readonly backoff = new Backoff({ initialMs: 250, maxMs: 1000, jitter: 0.2 });
  private readonly invalidations: Batcher<Invalidation>;

  constructor(
    private readonly docker: Dockerode,
    endpoint: string,
    private readonly hub: EventHub,
  ) {
    this.state = { state: 'disconnected', endpoint };
    this.invalidations = new Batcher((items) => this.publish(items), { intervalMs: 15 });
  }

  get status(): EngineStatus {
    return this.state;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    void this.connect();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.stream?.destroy();
    this.stream = undefined;
    this.invalidations.dispose();
  }

  private setState(next: EngineStatus): void {
    const same =
      next.state === this.state.state && next.error === this.state.error && next.version === this.state.version;
    this.state = next;
    if (!same) this.hub.emit('engine.state', next);
  }

  private async connect(): Promise<void> {
    try {
      const version = await this.docker.version();
      const stream = (await this.docker.getEvents({})) as unknown as Readable;
      if (this.stopped) {
        stream.destroy();
        return;
      }
      this.stream = stream;
      this.follow(stream);
      const wasDown = this.backoff.attempts > 0;
      this.backoff.reset();
      this.setState({ state: 'connected', endpoint: this.state.endpoint, version: version.Version });
      if (wasDown) this.invalidateAll();
    } catch (error) {
      this.lost(error instanceof Error ? error.message : String(error));
    }
  }

  private follow(stream: Readable): void {
    const lines = new LineAssembler({ maxLineLength: 1024 * 1024 });
    stream.on('data', (chunk: Uint8Array) => {
      for (const line of lines.push(chunk)) {
        if (!line.trim()) continue;
        const event = toEngineEvent(JSON.parse(line) as RawEngineEvent);
        this.hub.emit('engine.event', event);
        for (const item of invalidationsOf(event)) this.invalidations.push(item);
      }
    });
    const onGone = (error?: Error) => {
      if (this.stream !== stream) return;
      this.stream = undefined;
      this.lost(error?.message ?? 'the engine closed the event stream');
    };
    stream.on('end', () => onGone());
    stream.on('close', () => onGone());
    stream.on('error', (error) => onGone(error));
  }

  private lost(reason: string): void {
    if (this.stopped) return;
    const attempts = this.backoff.attempts;
    this.setState({
      state: attempts === 0 ? 'disconnected' : 'reconnecting',
      endpoint: this.state.endpoint,
      error: reason,
    });
    const delay = this.backoff.next();
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (this.stopped) return;
      this.setState({ state: 'reconnecting', endpoint: this.state.endpoint, error: reason });
      void this.connect();
    }, delay);
  }

  /** After a gap in the event stream every list may be stale. */
  private invalidateAll(): void {
    this.hub.emit('containers.changed', { ids: [] });
    this.hub.emit('images.changed', { ids: [] });
    this.hub.emit('volumes.changed', { names: [] });
    this.hub.emit('networks.changed', { ids: [] });
  }

  private publish(items: Invalidation[]): void {
    const ids = {
      containers: new Set<string>(),
      images: new Set<string>(),
      volumes: new Set<string>(),
      networks: new Set<string>(),
    };
    const all = new Set<Invalidation['kind']>();
    for (const item of items) {
      if (item.id) ids[item.kind].add(item.id);
      else all.add(item.kind);
    }
    const list = (kind: Invalidation['kind']) => (all.has(kind) ? [] : [...ids[kind]]);
    if (all.has('containers') || ids.containers.size) this.hub.emit('containers.changed', { ids: list('containers') });
    if (all.has('images') || ids.images.size) this.hub.emit('images.changed', { ids: list('images') });
    if (all.has('volumes') || ids.volumes.size) this.hub.emit('volumes.changed', { names: list('volumes') });
    if (all.has('networks') || ids.networks.size) this.hub.emit('networks.changed', { ids: list('networks') });
  }
}
