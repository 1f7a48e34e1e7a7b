// Berth's API for integration tests: a backend on the test engine and the typed client, results passed
// through JSON as a transport would, and a recorder of every event main publishes.
import { createBackend, type Backend } from '../../src-main/api/backend';
import type { ServiceOptions } from '../../src-main/api/services';
import { createClient, type BerthClient } from '../../src-main/contract/client';
import type { EventName, EventPayload } from '../../src-main/contract/events';
import { parseEngineAddress, type EngineEndpoint } from '../../src-main/engine/endpoint';
import { afterAll, beforeAll } from 'vitest';
import { cleanupTestObjects, testEngine } from './engine';

export interface RecordedEvent {
  name: EventName;
  payload: unknown;
}

export class EventRecorder {
  readonly events: RecordedEvent[] = [];
  private waiters = new Set<() => void>();

  record(name: EventName, payload: unknown): void {
    this.events.push({ name, payload: JSON.parse(JSON.stringify(payload)) });
    for (const wake of this.waiters) wake();
  }

  all<E extends EventName>(name: E): EventPayload<E>[] {
    return this.events.filter((e) => e.name === name).map((e) => e.payload as EventPayload<E>);
  }

  /** The first event `name` (recorded from index `from` on) whose payload matches. */
  next<E extends EventName>(
    name: E,
    match: (payload: EventPayload<E>) => boolean = () => true,
    { timeoutMs = 30_000, from = 0 } = {},
  ): Promise<EventPayload<E>> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const hit = this.events.slice(from).find((e) => e.name === name && match(e.payload as EventPayload<E>));
        if (!hit) return false;
        cleanup();
        resolve(hit.payload as EventPayload<E>);
        return true;
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`no "${name}" event matched within ${timeoutMs} ms`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        this.waiters.delete(check);
      };
      if (!check()) this.waiters.add(check);
    });
  }

  /** Index to pass as `from` so only events after this point count. */
  mark(): number {
    return this.events.length;
  }
}

export interface TestApi {
  client: BerthClient;
  backend: Backend;
  events: EventRecorder;
  close(): Promise<void>;
}

/**
 * A started backend on `engine` (an address or a parsed endpoint; the test engine by default); `client` is the caller
 * id used for sessions; `options` are the backend's (e.g. a settings store).
 */
export function startTestApi(
  engine: string | EngineEndpoint = testEngine().dockerHost,
  client = 'test-client',
  options?: ServiceOptions,
): TestApi {
  const backend = createBackend(typeof engine === 'string' ? parseEngineAddress(engine) : engine, options);
  const events = new EventRecorder();
  const unsubscribe = backend.subscribe((name, payload) => events.record(name, payload));
  backend.start();
  const berth = createClient({
    invoke: async (method, args) => JSON.parse(JSON.stringify(await backend.dispatch(method, args, { client }))),
    subscribe: (event, listener) => backend.subscribe((name, payload) => name === event && listener(payload)),
  });
  return {
    client: berth,
    backend,
    events,
    async close() {
      unsubscribe();
      await backend.stop();
    },
  };
}

/**
 * For a test file: starts the API before its tests, and afterwards closes it and removes every
 * engine object this run labelled. The returned object reads the live API.
 */
export function useTestApi(): TestApi {
  let api: TestApi | undefined;
  beforeAll(() => {
    api = startTestApi();
  });
  afterAll(async () => {
    await api?.close();
    await cleanupTestObjects(testEngine().docker);
  });
  const live = (): TestApi => {
    if (!api) throw new Error('useTestApi: the API starts in beforeAll; use it inside tests');
    return api;
  };
  return {
    get client() {
      return live().client;
    },
    get backend() {
      return live().backend;
    },
    get events() {
      return live().events;
    },
    close: () => live().close(),
  };
}
