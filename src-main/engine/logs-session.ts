// A logs session: one container's lines (read by ContainerLogReader) batched to clients, kept for replay.
import type Dockerode from 'dockerode';
import type { LogBatch } from '../contract/dto/streams';
import type { LogsRequest } from '../contract/methods/streams';
import { ContainerLogReader } from './container-log-reader';
import type { EventHub } from './event-hub';
import { LogBatcher } from './log-batcher';
import { lostEngineMessage } from './lost-engine';
import { newSessionId, type Session } from './sessions';

/** Lines kept for replay per session. */
export const LOG_REPLAY_LINES = 10_000;

export class LogsSession implements Session {
  readonly kind = 'logs' as const;
  readonly id = newSessionId('logs');
  private readonly batcher: LogBatcher;
  private readonly reader: ContainerLogReader;
  /** Set by start(): the engine read from, asked whether it is still there when the log fails or stops following. */
  private docker: Dockerode | undefined;
  private following = false;
  private closed = false;

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
      end: (error) => void this.finish(error),
    });
  }

  /** Starts reading; resolves once the engine accepted the request. */
  start(docker: Dockerode, request: LogsRequest): Promise<void> {
    this.docker = docker;
    this.following = request.follow;
    return this.reader.start(docker, request);
  }

  /** A log that fails or stops following while the engine is gone ends with that as its message. */
  private async finish(error: string | undefined): Promise<void> {
    this.batcher.flush();
    const docker = this.docker;
    const lost = docker && (error !== undefined || this.following) ? await lostEngineMessage(docker) : undefined;
    const message = lost ?? error;
    if (this.closed) return;
    this.hub.emit('logs.end', message ? { session: this.id, error: message } : { session: this.id });
  }

  replay(): LogBatch {
    return this.batcher.replay();
  }

  close(): void {
    this.closed = true;
    this.reader.close();
    this.batcher.dispose();
  }
}
