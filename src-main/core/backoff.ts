// Exponential backoff with a cap and optional jitter, for reconnecting to the engine and tunnels.

export interface BackoffOptions {
  /** First delay, in ms. */
  initialMs: number;
  /** Largest delay, in ms. */
  maxMs: number;
  /** Growth per attempt; default 2. */
  factor?: number;
  /** Fraction 0..1 of each delay that is randomised away; default 0 (no jitter). */
  jitter?: number;
  /** Uniform random source in [0, 1); default Math.random. */
  random?: () => number;
}

/**
 * Delays initialMs, initialMs·factor, … capped at maxMs. With jitter j a delay d becomes a
 * value in [d·(1 − j), d], so jitter never exceeds the cap. Delays are rounded to whole ms.
 */
export class Backoff {
  private readonly initialMs: number;
  private readonly maxMs: number;
  private readonly factor: number;
  private readonly jitter: number;
  private readonly random: () => number;
  private count = 0;
  /** Un-jittered delay of the last attempt, in ms. */
  private delayMs = 0;

  constructor(options: BackoffOptions) {
    const { initialMs, maxMs, factor = 2, jitter = 0, random = Math.random } = options;
    if (!(initialMs >= 0 && Number.isFinite(initialMs))) {
      throw new RangeError(`initialMs must be >= 0, got ${initialMs}`);
    }
    if (!(maxMs >= initialMs && Number.isFinite(maxMs))) {
      throw new RangeError(`maxMs must be >= initialMs, got ${maxMs}`);
    }
    if (!(factor >= 1)) throw new RangeError(`factor must be >= 1, got ${factor}`);
    if (!(jitter >= 0 && jitter <= 1)) throw new RangeError(`jitter must be within 0..1, got ${jitter}`);
    this.initialMs = initialMs;
    this.maxMs = maxMs;
    this.factor = factor;
    this.jitter = jitter;
    this.random = random;
  }

  /** Counts an attempt and returns how long to wait before it, in ms. */
  next(): number {
    this.delayMs = this.count === 0 ? this.initialMs : Math.min(this.maxMs, this.delayMs * this.factor);
    this.count += 1;
    return Math.round(this.delayMs * (1 - this.jitter * this.random()));
  }

  /** Starts over from initialMs, e.g. after a successful connection. */
  reset(): void {
    this.count = 0;
    this.delayMs = 0;
  }

  /** Attempts counted by next() since creation or the last reset(). */
  get attempts(): number {
    return this.count;
  }
}
