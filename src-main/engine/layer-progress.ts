// Turns pull/push messages into per-layer progress, sent as batched `images.progress` events.
import type { LayerProgress } from '../contract/dto/images';
import type { EventHub } from './event-hub';
import type { JsonMessage } from './json-messages';

export class LayerProgressReporter {
  private readonly pending = new Map<string, LayerProgress>();
  private status: string | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly hub: EventHub,
    private readonly operation: string,
    private readonly kind: 'pull' | 'push',
    private readonly intervalMs = 100,
  ) {}

  update(message: JsonMessage): void {
    if (message.id && message.status && message.progressDetail !== undefined) {
      const layer: LayerProgress = { id: message.id, status: message.status };
      if (message.progressDetail.current !== undefined) layer.current = message.progressDetail.current;
      if (message.progressDetail.total !== undefined) layer.total = message.progressDetail.total;
      this.pending.set(message.id, layer);
    } else if (message.id && message.status) {
      this.pending.set(message.id, { id: message.id, status: message.status });
    } else if (message.status) {
      this.status = message.status;
    } else {
      return;
    }
    this.timer ??= setTimeout(() => this.flush(), this.intervalMs);
  }

  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.pending.size === 0 && this.status === undefined) return;
    const payload: { operation: string; kind: 'pull' | 'push'; status?: string; layers: LayerProgress[] } = {
      operation: this.operation,
      kind: this.kind,
      layers: [...this.pending.values()],
    };
    if (this.status !== undefined) payload.status = this.status;
    this.pending.clear();
    this.status = undefined;
    this.hub.emit('images.progress', payload);
  }
}
