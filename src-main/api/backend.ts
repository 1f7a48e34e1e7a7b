// Berth's API for one engine, ready for any transport: dispatch calls, publish events, clean up per client.
import type { EngineEndpoint } from '../engine/endpoint';
import { EventHub, type HubListener } from '../engine/event-hub';
import { removeLiveHelpers } from '../engine/helper-container';
import { createDispatcher, type Dispatch } from './dispatcher';
import { createHandlers } from './handlers';
import { createServices, type ServiceOptions, type Services } from './services';

export interface Backend {
  dispatch: Dispatch;
  /** Every event main publishes; returns an unsubscribe function. */
  subscribe(listener: HubListener): () => void;
  /** A transport client went away: close the sessions it owned. */
  clientGone(client: string): void;
  start(): void;
  stop(): Promise<void>;
  readonly services: Services;
}

/** `options`: the app's settings and machine; without them settings are unavailable and the engine is one Berth only uses. */
export function createBackend(endpoint: EngineEndpoint, options: ServiceOptions = {}): Backend {
  const hub = new EventHub();
  const services = createServices(endpoint, hub, options);
  const unsubscribe = [
    services.machine.onChange((info) => hub.emit('machine.state', info)),
    services.settings?.onChange((settings) => hub.emit('settings.changed', settings)),
  ];
  return {
    dispatch: createDispatcher(
      createHandlers(services),
      () => endpoint.address,
      () => (services.machine.info.kind === 'qemu' ? 'vm-data-disk' : 'engine-disk'),
    ),
    subscribe: (listener) => hub.subscribe(listener),
    clientGone: (client) => services.sessions.closeOwnedBy(client),
    start: () => services.watcher.start(),
    async stop() {
      for (const off of unsubscribe) off?.();
      services.watcher.stop();
      services.operations.cancelAll();
      await services.builds.cancelAll();
      services.sessions.closeAll();
      await removeLiveHelpers(services.docker);
    },
    services,
  };
}
