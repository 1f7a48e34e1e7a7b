// Reads one container's logs through the Engine API as whole lines (stdout/stderr split, partial messages joined) into a sink.
import type { Readable } from 'node:stream';
import type Dockerode from 'dockerode';
import type { LineEnd, OutputStream } from '../contract/dto/streams';
import type { LogsRequest } from '../contract/methods/streams';
import { LineAssembler } from '../core/line-assembler';
import { joinPartials, splitTimestamp } from '../core/log-line';
import { StreamDemuxer } from '../core/stream-demux';

/** Longest line held in one piece, in UTF-16 code units; a longer one goes on in the next line (marked open). */
export const LOG_MAX_LINE_LENGTH = 16 * 1024 * 1024;

const DURATION_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400 };

/** `since` as the Engine API takes it: unix seconds. */
export function sinceSeconds(since: number | string, now = Date.now()): number {
  if (typeof since === 'number') return since;
  const unit = since.slice(-1);
  return Math.floor(now / 1000 - Number(since.slice(0, -1)) * (DURATION_SECONDS[unit] ?? 1));
}

/** Where a reader's lines go. */
export interface LogSink {
  /** One line: `stamp` is the engine's RFC 3339 timestamp ('' when it had none); `end` and `partials` as in LogLine. */
  line(text: string, stderr: boolean, stamp: string, end: LineEnd, partials: number[] | undefined): void;
  /** Every line the log held when reading began has been delivered (once, before `end`). */
  caughtUp(): void;
  /** No more lines: the log ended (not following, or the container stopped), or reading failed. Not after close. */
  end(error?: string): void;
}

/** What a reader takes: a logs request without the choice of timestamps (they are always read). */
export type LogRead = Omit<LogsRequest, 'timestamps'>;

export class ContainerLogReader {
  private readonly assemblers: Record<OutputStream, LineAssembler> = {
    stdout: new LineAssembler({ maxLineLength: LOG_MAX_LINE_LENGTH, keepCr: true }),
    stderr: new LineAssembler({ maxLineLength: LOG_MAX_LINE_LENGTH, keepCr: true }),
  };
  /** Per stream: the timestamp of the last line, and whether it went on (cut at LOG_MAX_LINE_LENGTH). */
  private readonly last: Record<OutputStream, { stamp: string; open: boolean }> = {
    stdout: { stamp: '', open: false },
    stderr: { stamp: '', open: false },
  };
  /** The timestamp of the log's last line when reading began ('' for an empty log), once known. */
  private caughtUpAt: string | undefined;
  /** The newest timestamp delivered until then. */
  private newest = '';
  private caughtUp = false;
  private readonly abort = new AbortController();
  private stream: Readable | undefined;
  private ended = false;

  constructor(private readonly sink: LogSink) {}

  /** Starts reading (timestamps always: they mark where partial messages join); resolves once the engine accepted. */
  async start(docker: Dockerode, request: LogRead): Promise<void> {
    const container = docker.getContainer(request.id);
    const info = await container.inspect();
    const options: Record<string, unknown> = {
      follow: request.follow,
      stdout: true,
      stderr: true,
      timestamps: true,
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
    void this.lastStampOf(container, demuxer !== undefined).then(
      (stamp) => this.reached(stamp, options),
      () => undefined,
    );
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

  /** The timestamp of the log's last line now ('' when it has none), read with `tail: 1`. */
  private async lastStampOf(container: Dockerode.Container, multiplexed: boolean): Promise<string> {
    const options = { follow: false, stdout: true, stderr: true, timestamps: true, tail: 1 };
    const data = (await container.logs(options as never)) as unknown as Uint8Array;
    const frames = multiplexed ? new StreamDemuxer().push(data).map((f) => f.data) : [data];
    const text = frames.length > 0 ? new TextDecoder().decode(frames[frames.length - 1]) : '';
    return splitTimestamp(text).timestamp ?? '';
  }

  /**
   * Notes how far the log went when reading began; says so at once when that is delivered already, or
   * when the request leaves that line out (`since` after it, `tail: 0`).
   */
  private reached(stamp: string, options: { since?: unknown; tail?: unknown }): void {
    this.caughtUpAt = stamp;
    const before = typeof options.since === 'number' && Date.parse(stamp) / 1000 < options.since;
    if (this.newest >= stamp || before || options.tail === 0) this.markCaughtUp();
  }

  private markCaughtUp(): void {
    if (this.caughtUp || this.ended) return;
    this.caughtUp = true;
    this.sink.caughtUp();
  }

  private take(stream: OutputStream, data: Uint8Array): void {
    const assembler = this.assemblers[stream];
    const lines = assembler.push(data);
    const cuts = assembler.cuts;
    for (let i = 0, c = 0; i < lines.length; i++) {
      const cut = cuts[c] === i;
      if (cut) c++;
      this.add(stream, lines[i]!, cut ? 'none' : 'lf');
    }
  }

  /** One piece from the assembler: its "\r\n", its timestamp, the partial messages it was made of. */
  private add(stream: OutputStream, raw: string, end: 'lf' | 'none'): void {
    const last = this.last[stream];
    let text = raw;
    let lineEnd: LineEnd = end;
    if (end === 'lf' && text.endsWith('\r')) {
      text = text.slice(0, -1);
      lineEnd = 'crlf';
    }
    // The piece after a cut is the same line: no timestamp of its own.
    let stamp = last.stamp;
    if (!last.open) {
      const split = splitTimestamp(text);
      stamp = split.timestamp ?? '';
      text = split.text;
    }
    const joined = stamp ? joinPartials(text, stamp) : undefined;
    if (joined) text = joined.text;
    last.stamp = stamp;
    last.open = lineEnd === 'none';
    this.sink.line(text, stream === 'stderr', stamp, lineEnd, joined?.partials);
    if (!this.caughtUp && stamp > this.newest) {
      this.newest = stamp;
      if (this.caughtUpAt !== undefined && stamp >= this.caughtUpAt) this.markCaughtUp();
    }
  }

  private finish(error?: string): void {
    if (this.ended) return;
    for (const stream of ['stdout', 'stderr'] as const) {
      for (const text of this.assemblers[stream].flush()) this.add(stream, text, 'none');
    }
    this.markCaughtUp();
    this.ended = true;
    this.sink.end(error);
  }

  /** Stops reading; the sink hears nothing more. */
  close(): void {
    this.ended = true;
    this.abort.abort();
    this.stream?.destroy();
  }
}
