// The typed client every caller uses (renderer, tests): call a method, get its value or a thrown BerthError.
import type { ArgsOf, MethodName, ResultOf } from './api';
import type { EventName, EventPayload } from './events';
import { unwrap, type WireResult } from './result';

/** What a transport's client side provides: send one call, subscribe to one event name. */
export interface ClientTransport {
  invoke(method: string, args: unknown): Promise<WireResult<unknown>>;
  subscribe(event: string, listener: (payload: unknown) => void): () => void;
}

export interface BerthClient {
  call<M extends MethodName>(method: M, args: ArgsOf<M>): Promise<ResultOf<M>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}

export function createClient(transport: ClientTransport): BerthClient {
  return {
    async call(method, args) {
      return unwrap(await transport.invoke(method, args)) as never;
    },
    on(event, listener) {
      return transport.subscribe(event, listener as (payload: unknown) => void);
    },
  };
}
