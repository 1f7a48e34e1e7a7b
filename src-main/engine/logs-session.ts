// A logs session: one container's lines (read by ContainerLogReader) batched to clients, kept for replay.
import type Dockerode from 'dockerode';
import type { LogBatch } from '../contract/dto/streams';
import type { LogsRequest } from '../contract/methods/streams';
import { ContainerLogReader } from './container-log-reader';
import type { EventHub } from './event-hub';
import { LogBatcher } from './log-batcher';
import { newSessionId, type Session } from './sessions';

/** Lines kept for replay per session. */
export const LOG_REPLAY_LINES = 10_000;

export class LogsSession implements Session {
  readonly kind = 'logs' as const;
  readonly id = newSessionId('logs');
  private readonly batcher: LogBatcher;
  private readonly reader: ContainerLogReader;

  /** @param timestamps deliver the engine's timestamps (they are always read: they mark where partial messages join). */
  constructor(
    readonly owner: string,
    private readonly hub: EventHub,
    timestamps: boolean,
  ) {
    const batcher = new LogBatcher((batch) => this.hub.emit('logs.data', { session: this.id, ...batch }), {
      replayLines: LOG_REPLAY_LINES,
    });
    this.batcher = batcher;
    this.reader = new ContainerLogReader({
      line: timestamps
        ? (text, stderr, stamp, end, partials) => batcher.add(text, stderr, stamp, end, partials)
        : (text, stderr, _stamp, end, partials) => batcher.add(text, stderr, undefined, end, partials),
      caughtUp: () => batcher.markCaughtUp(),
      end: (error) => {
        batcher.flush();
        this.hub.emit('logs.end', error ? { session: this.id, error } : { session: this.id });
      },
    });
  }

  /** Starts reading; resolves once the engine accepted the request. */
  start(docker: Dockerode, request: LogsRequest): Promise<void> {
    return this.reader.start(docker, request);
  }

  replay(): LogBatch {
    return this.batcher.replay();
  }

  close(): void {
    this.reader.close();
    this.batcher.dispose();
  }
}
