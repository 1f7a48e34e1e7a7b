// Poll-with-deadline helpers: wait for a condition instead of sleeping a fixed time.

export interface WaitOptions {
  /** Give up after this many milliseconds (default 30 000). */
  timeoutMs?: number;
  /** Pause between attempts in milliseconds (default 100). */
  intervalMs?: number;
  /** What was awaited; starts the error thrown on timeout. */
  message?: string;
}

/**
 * Calls `fn` until it returns something other than `undefined` or `false`, and returns that.
 * A throwing attempt counts as "not yet". On timeout throws `message`, the elapsed time and
 * the last error seen. An attempt that hangs is abandoned at the deadline.
 */
export async function waitFor<T>(
  fn: () => Promise<T | undefined | false>,
  { timeoutMs = 30_000, intervalMs = 100, message = 'condition not met' }: WaitOptions = {},
): Promise<T> {
  const started = Date.now();
  const deadline = started + timeoutMs;
  let lastError: unknown;
  for (;;) {
    const remaining = deadline - Date.now();
    try {
      const value = await withTimeout(fn(), Math.max(remaining, 1));
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() + intervalMs > deadline) break;
    await delay(intervalMs);
  }
  const last = lastError === undefined ? '' : `; last error: ${describeError(lastError)}`;
  throw new Error(`${message} (gave up after ${Date.now() - started} ms${last})`);
}

/** Resolves after `ms` milliseconds; only for pacing between poll attempts. */
export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Rejects if `promise` has not settled within `ms` milliseconds. */
export function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`attempt still pending after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Blocks the thread for `ms` milliseconds; only for synchronous exit-time cleanup polls. */
export function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** One-line description of anything thrown. */
export function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
