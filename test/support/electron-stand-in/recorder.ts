// The stand-in's call log: every call Berth makes on an Electron object, as {api, method, args}, and the proxies that record them.

export interface RecordedCall {
  /** The Electron object, e.g. "app", "BrowserWindow#1", "ipcMain". */
  api: string;
  /** The method called, or "new" for a constructor. */
  method: string;
  /** The arguments as JSON-safe data: functions and Electron objects become their names. */
  args: unknown[];
}

export const calls: RecordedCall[] = [];

/** What a recorded object is called in the log (its api name). */
const names = new WeakMap<object, string>();
/** The object behind each recording proxy, so the stand-in itself can act without being logged. */
const targets = new WeakMap<object, object>();
/** The recording proxy of each object, handed to Berth when the stand-in returns one (e.g. getFocusedWindow). */
const proxies = new WeakMap<object, object>();

/** STAND_IN_RECORD=off keeps no calls: a load test measures Berth's heap, not this log's. */
const recording = process.env.STAND_IN_RECORD !== 'off';

export function record(api: string, method: string, args: readonly unknown[]): void {
  if (recording) calls.push({ api, method, args: args.map((arg) => plain(arg, new Set())) });
}

/** `target` behind a proxy that records each method call Berth makes on it (the stand-in's own calls are not logged). */
export function recorded<T extends object>(api: string, target: T): T {
  const proxy = new Proxy(target, {
    get(object, key, receiver) {
      const value: unknown = Reflect.get(object, key, receiver);
      if (typeof value !== 'function' || typeof key === 'symbol') return value;
      return (...args: unknown[]) => {
        record(api, key, args);
        const result: unknown = Reflect.apply(value, object, args);
        return result === object ? proxy : result;
      };
    },
  });
  names.set(target, api).set(proxy, api);
  targets.set(proxy, target);
  proxies.set(target, proxy);
  return proxy;
}

/** A class whose constructor and static methods are recorded; each instance is `recorded` as `<api>#<n>`. */
export function recordedClass<C extends new (...args: never[]) => object>(api: string, Class: C): C {
  let count = 0;
  return new Proxy(Class, {
    construct(Target, args: unknown[], newTarget) {
      count += 1;
      const name = `${api}#${count}`;
      record(name, 'new', args);
      return recorded(name, Reflect.construct(Target, args, newTarget) as object);
    },
    get(Target, key, receiver) {
      const value: unknown = Reflect.get(Target, key, receiver);
      if (typeof value !== 'function' || typeof key === 'symbol' || key === 'prototype') return value;
      return (...args: unknown[]) => {
        record(api, key, args);
        return Reflect.apply(value, Target, args) as unknown;
      };
    },
  });
}

/** The object behind a recording proxy (itself when it is not one). */
export function unwrapped<T extends object>(value: T): T {
  return (targets.get(value) as T | undefined) ?? value;
}

/** The recording proxy of `value` (itself when it has none). */
export function viewOf<T extends object>(value: T): T {
  return (proxies.get(value) as T | undefined) ?? value;
}

/** JSON-safe copy: functions → "[function name]", recorded objects → "[api]", cycles cut. */
export function plain(value: unknown, seen: Set<object>): unknown {
  if (typeof value === 'function') return `[function ${value.name || 'anonymous'}]`;
  if (typeof value === 'bigint') return value.toString();
  if (value === null || typeof value !== 'object') return value;
  const name = names.get(value);
  if (name) return `[${name}]`;
  if (seen.has(value)) return '[cycle]';
  seen.add(value);
  const copy = Array.isArray(value)
    ? value.map((item) => plain(item, seen))
    : Object.fromEntries(Object.entries(value).map(([key, item]) => [key, plain(item, seen)]));
  seen.delete(value);
  return copy;
}
