// An exec session: a process in a container with a TTY or not, stdin, resize and its exit code.
import type { Duplex } from 'node:stream';
import type Dockerode from 'dockerode';
import type { ExecRequest } from '../contract/methods/streams';
import { RingBuffer } from '../core/ring-buffer';
import { StreamDemuxer } from '../core/stream-demux';
import { Batcher } from '../core/batcher';
import type { EventHub } from './event-hub';
import { execExitCode } from './exec-exit';
import { lostEngineMessage } from './lost-engine';
import { newSessionId, type Session } from './sessions';

/** Characters of output kept for replay (a terminal's recent screen and scrollback). */
export const EXEC_REPLAY_CHARS = 256 * 1024;

export class ExecSession implements Session {
  readonly kind = 'exec' as const;
  readonly id = newSessionId('exec');
  private readonly buffer = new RingBuffer<string>({
    capacity: 100_000,
    maxWeight: EXEC_REPLAY_CHARS,
    weigh: (s) => s.length,
  });
  private readonly batcher: Batcher<string>;
  private readonly decoder = new TextDecoder();
  private docker: Dockerode | undefined;
  private exec: Dockerode.Exec | undefined;
  private stream: Duplex | undefined;
  private ended = false;

  constructor(
    readonly owner: string,
    private readonly hub: EventHub,
  ) {
    this.batcher = new Batcher((chunks) => this.hub.emit('exec.data', { session: this.id, data: chunks.join('') }), {
      intervalMs: 16,
    });
  }

  async start(docker: Dockerode, request: ExecRequest): Promise<void> {
    this.docker = docker;
    const options: Dockerode.ExecCreateOptions = {
      Cmd: request.cmd,
      Tty: request.tty,
      AttachStdin: true,
      AttachStdout: true,
      AttachStderr: true,
      Env: request.env,
    };
    if (request.user) options.User = request.user;
    if (request.workingDir) options.WorkingDir = request.workingDir;
    this.exec = await docker.getContainer(request.id).exec(options);
    const stream = (await this.exec.start({ hijack: true, stdin: true, Tty: request.tty })) as Duplex;
    this.stream = stream;
    const demuxer = request.tty ? undefined : new StreamDemuxer();
    stream.on('data', (chunk: Uint8Array) => {
      if (!demuxer) return this.output(chunk);
      for (const frame of demuxer.push(chunk)) this.output(frame.data);
    });
    stream.on('end', () => void this.finish());
    stream.on('close', () => void this.finish());
    stream.on('error', (error) => void this.finish(error.message));
    // The engine holds a resize of a process that failed to start (no such user, say) for 10 s: stop waiting once
    // the stream has ended, so the open answers at once and the failure arrives as exec.exit.
    const ended = new Promise<void>((resolve) => {
      stream.once('end', resolve);
      stream.once('close', resolve);
    });
    if (request.cols && request.rows) {
      await Promise.race([this.resize(request.cols, request.rows).catch(() => undefined), ended]);
    }
  }

  private output(data: Uint8Array): void {
    const text = this.decoder.decode(data, { stream: true });
    if (!text) return;
    this.buffer.push(text);
    this.batcher.push(text);
  }

  private async finish(error?: string): Promise<void> {
    if (this.ended) return;
    this.ended = true;
    this.batcher.flush();
    const exitCode = this.exec ? await execExitCode(this.exec) : null;
    // No exit code and no stream error: the engine may have gone away under the process.
    const reason = exitCode === null ? ((this.docker && (await lostEngineMessage(this.docker))) ?? error) : undefined;
    this.hub.emit('exec.exit', reason ? { session: this.id, exitCode, error: reason } : { session: this.id, exitCode });
  }

  write(data: string): void {
    if (this.ended || !this.stream) throw new Error('the process has exited');
    this.stream.write(data);
  }

  async resize(cols: number, rows: number): Promise<void> {
    await this.exec?.resize({ w: cols, h: rows });
  }

  replay(): string {
    return this.buffer.toArray().join('');
  }

  close(): void {
    this.batcher.dispose();
    if (!this.ended) this.stream?.end();
    this.stream?.destroy();
    this.ended = true;
  }
}
