// Keeps a few container create/start/stop/remove calls in flight per engine; the rest wait in Berth, not in the engine.
import type Dockerode from 'dockerode';
import { CancelledError } from './errors';
import type { DialCallback, DialOptions, ModemLike } from './modem-dial';

/**
 * How many lifecycle calls one engine is sent at once. The engine does container starts largely one after another
 * (about 0.5 s each on a 2-core machine): 200 sent at once would each wait for the 199 others inside the engine and the
 * last would pass any deadline; queued here, each call's deadline times only the engine's own work on it.
 */
export const LIFECYCLE_CALLS_IN_FLIGHT = 8;

const LIFECYCLE = [
  /^POST \/containers\/create$/,
  /^POST \/containers\/[^/]+\/(start|stop|restart|kill|pause|unpause)$/,
  /^DELETE \/containers\/[^/]+$/,
];

function isLifecycle(options: DialOptions): boolean {
  const call = `${options.method} ${options.path.split('?')[0] ?? ''}`;
  return !options.isStream && !options.hijack && LIFECYCLE.some((pattern) => pattern.test(call));
}

/** `docker` with its container lifecycle calls queued, `limit` in flight (changes its modem in place, returns it). */
export function withLifecycleQueue(docker: Dockerode, limit = LIFECYCLE_CALLS_IN_FLIGHT): Dockerode {
  const modem = docker.modem as unknown as ModemLike;
  const dial = modem.dial.bind(modem);
  const waiting: Array<() => void> = [];
  let inFlight = 0;
  const send = (options: DialOptions, callback: DialCallback) => {
    inFlight += 1;
    dial(options, (error, data) => {
      inFlight -= 1;
      waiting.shift()?.();
      callback(error, data);
    });
  };
  modem.dial = (options, callback) => {
    if (!isLifecycle(options)) return dial(options, callback);
    if (inFlight < limit) return send(options, callback);
    const signal = options.abortSignal;
    const cancelled = () => {
      const place = waiting.indexOf(go);
      if (place >= 0) waiting.splice(place, 1);
      callback(new CancelledError(`${options.method} ${options.path.split('?')[0]} was cancelled before it was sent`));
    };
    const go = () => {
      signal?.removeEventListener('abort', cancelled);
      send(options, callback);
    };
    if (signal?.aborted) return cancelled();
    signal?.addEventListener('abort', cancelled, { once: true });
    waiting.push(go);
  };
  return docker;
}
