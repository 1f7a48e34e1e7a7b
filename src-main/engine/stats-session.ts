// A stats session: streams a container's resource usage as StatsSample events, one a second.
import type { Readable } from 'node:stream';
import type Dockerode from 'dockerode';
import type { StatsSample } from '../contract/dto/streams';
import { LineAssembler } from '../core/line-assembler';
import { RingBuffer } from '../core/ring-buffer';
import { computeStatsSample, type RawStats } from '../core/stats-math';
import type { EventHub } from './event-hub';
import { lostEngineMessage } from './lost-engine';
import { newSessionId, type Session } from './sessions';

/** Samples kept for replay: five minutes at one a second. */
export const STATS_REPLAY_SAMPLES = 300;

export class StatsSession implements Session {
  readonly kind = 'stats' as const;
  readonly id = newSessionId('stats');
  private readonly buffer = new RingBuffer<StatsSample>({ capacity: STATS_REPLAY_SAMPLES });
  private readonly abort = new AbortController();
  private stream: Readable | undefined;
  private ended = false;

  constructor(
    readonly owner: string,
    private readonly hub: EventHub,
  ) {}

  async start(docker: Dockerode, id: string): Promise<void> {
    const stream = (await docker
      .getContainer(id)
      .stats({ stream: true, abortSignal: this.abort.signal } as never)) as unknown as Readable;
    this.stream = stream;
    const lines = new LineAssembler({ maxLineLength: 1024 * 1024 });
    stream.on('data', (chunk: Uint8Array) => {
      for (const line of lines.push(chunk)) {
        if (!line.trim()) continue;
        const sample = computeStatsSample(JSON.parse(line) as RawStats);
        this.buffer.push(sample);
        this.hub.emit('stats.data', { session: this.id, sample });
      }
    });
    // Closed by the engine or failed: when the engine is gone, that is the message.
    const ended = async (error?: string) => this.finish((await lostEngineMessage(docker)) ?? error);
    stream.on('end', () => void ended());
    stream.on('error', (error) => void (this.abort.signal.aborted ? this.finish() : ended(error.message)));
  }

  private finish(error?: string): void {
    if (this.ended) return;
    this.ended = true;
    this.hub.emit('stats.end', error ? { session: this.id, error } : { session: this.id });
  }

  replay(): StatsSample[] {
    return this.buffer.toArray();
  }

  close(): void {
    this.ended = true;
    this.abort.abort();
    this.stream?.destroy();
  }
}
