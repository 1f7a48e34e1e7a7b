// The one place main's services publish contract events; transports subscribe and forward them.
import type { EventName, EventPayload } from '../contract/events';

export type HubListener = (name: EventName, payload: unknown) => void;

export class EventHub {
  private readonly listeners = new Set<HubListener>();

  emit<E extends EventName>(name: E, payload: EventPayload<E>): void {
    for (const listener of this.listeners) {
      try {
        listener(name, payload);
      } catch {
        // A broken subscriber must not stop the others.
      }
    }
  }

  subscribe(listener: HubListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
