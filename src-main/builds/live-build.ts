// One build while it runs: its steps and raw log, pushed to clients as batched `builds.progress` deltas, and the
// history record it becomes.
import { Batcher } from '../core/batcher';
import type { BuilderKind, BuildProgress, BuildRecord, BuildState } from '../contract/dto/builds';
import type { BuildRequest } from '../contract/methods/builds';
import { MAX_LOG_LINES } from './build-history';
import { BuildSteps } from './build-steps';

export class LiveBuild {
  readonly steps: BuildSteps;
  readonly controller = new AbortController();
  private readonly log: string[] = [];
  private dropped = 0;
  private state: BuildState = 'running';
  private readonly startedAt = new Date();
  private result: Pick<BuildRecord, 'imageId' | 'error' | 'failure' | 'durationMs'> = {};
  private readonly batcher: Batcher<string>;

  constructor(
    readonly id: string,
    readonly request: BuildRequest,
    readonly builder: BuilderKind,
    readonly builderReason: string | undefined,
    /** Hides secret values in whatever the builder prints. */
    readonly redact: (text: string) => string,
    private readonly emit: (progress: BuildProgress) => void,
  ) {
    this.steps = new BuildSteps(redact);
    this.batcher = new Batcher((lines) => this.send(lines), { intervalMs: 50 });
  }

  /** Adds raw log lines (already redacted where they came through the steps). */
  addLog(lines: string[]): void {
    for (const line of lines) {
      this.log.push(line);
      this.batcher.push(line);
    }
    // Trimmed a tenth at a time, not a line at a time: a long log costs no splice per line.
    if (this.log.length > MAX_LOG_LINES * 1.1) this.trimLog();
  }

  private trimLog(): void {
    this.dropped += this.log.splice(0, this.log.length - MAX_LOG_LINES).length;
  }

  /** Step state changed without new raw lines: sends it with the next batch. */
  touched(): void {
    this.batcher.push(NO_LINE);
  }

  /** Ends the build, sends its last progress with the result, and returns its history record. */
  finish(state: Exclude<BuildState, 'running'>, result: { imageId?: string; error?: string }): BuildRecord {
    this.addLog(this.steps.flushPartials());
    if (this.log.length > MAX_LOG_LINES) this.trimLog();
    this.state = state;
    const failure = state === 'failed' ? this.steps.failure() : undefined;
    this.result = {
      ...result,
      ...(result.error ? { error: this.redact(result.error) } : {}),
      ...(failure ? { failure } : {}),
      durationMs: Date.now() - this.startedAt.getTime(),
    };
    this.batcher.push(NO_LINE);
    this.batcher.flush();
    return this.record();
  }

  record(): BuildRecord {
    return {
      id: this.id,
      state: this.state,
      builder: this.builder,
      ...(this.builderReason ? { builderReason: this.builderReason } : {}),
      startedAt: this.startedAt.toISOString(),
      request: this.request,
      ...this.steps.counts(),
      ...this.result,
      steps: this.steps.all(),
      log: [...this.log],
      droppedLogLines: this.dropped,
    };
  }

  private send(items: string[]): void {
    const steps = this.steps.takeChanges();
    const lines = items.filter((line) => line !== NO_LINE);
    if (this.state === 'running' && !steps.length && !lines.length) return;
    this.emit({
      build: this.id,
      state: this.state,
      steps,
      lines,
      ...this.steps.counts(),
      ...this.result,
    });
  }
}

/** A batch entry that carries no line, only "send what changed". */
const NO_LINE = '\u0000';
