// A connection keepalive that can be suspended: probes every interval and declares the peer dead after N unanswered probes.

export interface KeepaliveOptions {
  intervalMs: number;
  /** Probes in a row that may go unanswered; the next missed one declares the peer dead. */
  maxUnanswered: number;
  /** Sends one probe; calls `answered` when the peer replies (with anything). */
  probe: (answered: () => void) => void;
  /** The peer missed too many probes; called once. */
  onDead: (silentMs: number) => void;
}

/**
 * SSH's own keepalive cannot be paused, but a VM that Berth paused on purpose cannot answer:
 * `suspend()` stops probing and counting until `resume()`, which starts afresh.
 */
export class Keepalive {
  private timer: NodeJS.Timeout | undefined;
  private unanswered = 0;
  private generation = 0;
  private dead = false;

  constructor(private readonly options: KeepaliveOptions) {}

  start(): void {
    if (this.dead) return;
    clearInterval(this.timer);
    this.timer = setInterval(() => this.tick(), this.options.intervalMs);
    this.timer.unref();
  }

  /** Stops probing; answers to probes sent before are ignored. */
  suspend(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    this.generation += 1;
    this.unanswered = 0;
  }

  resume(): void {
    this.unanswered = 0;
    this.start();
  }

  stop(): void {
    this.suspend();
    this.dead = true;
  }

  private tick(): void {
    if (this.unanswered >= this.options.maxUnanswered) {
      const silentMs = this.unanswered * this.options.intervalMs;
      this.stop();
      this.options.onDead(silentMs);
      return;
    }
    this.unanswered += 1;
    const generation = this.generation;
    this.options.probe(() => {
      if (generation === this.generation) this.unanswered = 0;
    });
  }
}
