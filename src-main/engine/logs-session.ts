// A logs session: follows a container's logs, splits stdout/stderr into lines, batches them to clients.
import type { Readable } from 'node:stream';
import type Dockerode from 'dockerode';
import type { LogBatch, OutputStream } from '../contract/dto/streams';
import type { LogsRequest } from '../contract/methods/streams';
import { LineAssembler } from '../core/line-assembler';
import { splitTimestamp } from '../core/log-line';
import { StreamDemuxer } from '../core/stream-demux';
import { LogBatcher } from './log-batcher';
import type { EventHub } from './event-hub';
import { newSessionId, type Session } from './sessions';

/** Lines kept for replay per session. */
export const LOG_REPLAY_LINES = 10_000;

const DURATION_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400 };

/** `since` as the Engine API takes it: unix seconds. */
export function sinceSeconds(since: number | string, now = Date.now()): number {
  if (typeof since === 'number') return since;
  const unit = since.slice(-1);
  return Math.floor(now / 1000 - Number(since.slice(0, -1)) * (DURATION_SECONDS[unit] ?? 1));
}

export class LogsSession implements Session {
  readonly kind = 'logs' as const;
  readonly id = newSessionId('logs');
  private readonly batcher: LogBatcher;
  private readonly assemblers: Record<OutputStream, LineAssembler> = {
    stdout: new LineAssembler(),
    stderr: new LineAssembler(),
  };
  private readonly abort = new AbortController();
  private stream: Readable | undefined;
  private ended = false;

  constructor(
    readonly owner: string,
    private readonly hub: EventHub,
    private readonly timestamps: boolean,
  ) {
    this.batcher = new LogBatcher((batch) => this.hub.emit('logs.data', { session: this.id, ...batch }), {
      replayLines: LOG_REPLAY_LINES,
    });
  }

  /** Starts reading; resolves once the engine accepted the request. */
  async start(docker: Dockerode, request: LogsRequest): Promise<void> {
    const container = docker.getContainer(request.id);
    const info = await container.inspect();
    const options: Record<string, unknown> = {
      follow: request.follow,
      stdout: true,
      stderr: true,
      timestamps: request.timestamps,
      abortSignal: this.abort.signal,
    };
    if (request.tail !== undefined) options.tail = request.tail;
    if (request.since !== undefined) options.since = sinceSeconds(request.since);
    const output = (await container.logs(options as never)) as unknown as Readable | Uint8Array;
    const demuxer = info.Config.Tty ? undefined : new StreamDemuxer();
    const onChunk = (chunk: Uint8Array) => {
      if (!demuxer) return this.take('stdout', chunk);
      // The engine sends a frame per line: assemble runs of frames from one stream at once, not line by line.
      let run: Uint8Array[] = [];
      let stream: OutputStream = 'stdout';
      const flush = () => {
        if (run.length > 0) this.take(stream, run.length === 1 ? run[0]! : Buffer.concat(run));
        run = [];
      };
      for (const frame of demuxer.push(chunk)) {
        const next = frame.stream === 'stderr' ? 'stderr' : 'stdout';
        if (next !== stream) flush();
        stream = next;
        run.push(frame.data);
      }
      flush();
    };
    if (output instanceof Uint8Array) {
      onChunk(output);
      this.finish();
      return;
    }
    this.stream = output;
    // The engine sends each line as its own HTTP chunk: gather what one socket read brought, then
    // demultiplex and split it in one go instead of once per line.
    let pending: Buffer[] = [];
    const drain = () => {
      if (pending.length === 0 || this.ended) return;
      const chunk = pending.length === 1 ? pending[0]! : Buffer.concat(pending);
      pending = [];
      onChunk(chunk);
    };
    output.on('data', (chunk: Buffer) => {
      if (pending.push(chunk) === 1) setImmediate(drain);
    });
    output.on('end', () => {
      drain();
      this.finish();
    });
    output.on('error', (error) => this.finish(this.abort.signal.aborted ? undefined : error.message));
  }

  private take(stream: OutputStream, data: Uint8Array): void {
    for (const text of this.assemblers[stream].push(data)) this.add(stream, text);
  }

  private add(stream: OutputStream, raw: string): void {
    if (!this.timestamps) return this.batcher.add(raw, stream === 'stderr');
    const { timestamp, text } = splitTimestamp(raw);
    this.batcher.add(text, stream === 'stderr', timestamp ?? '');
  }

  private finish(error?: string): void {
    if (this.ended) return;
    this.ended = true;
    for (const stream of ['stdout', 'stderr'] as const) {
      for (const text of this.assemblers[stream].flush()) this.add(stream, text);
    }
    this.batcher.flush();
    this.hub.emit('logs.end', error ? { session: this.id, error } : { session: this.id });
  }

  replay(): LogBatch {
    return this.batcher.replay();
  }

  close(): void {
    this.abort.abort();
    this.stream?.destroy();
    this.ended = true;
    this.batcher.dispose();
  }
}
