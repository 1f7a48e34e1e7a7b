// A build's steps from BuildKit's solve status updates (vertexes, logs): each step's latest state and log lines,
// what changed since the last look (for progress deltas), the cached/total count, and the failing step.
import { compareSteps } from '../core/build-step-order';
import type { BuildFailure, BuildStep, BuildStepDelta, BuildStepKind } from '../contract/dto/builds';

/** Log lines kept per step. */
export const STEP_LOG_LINES = 200;
/** Lines a failure quotes from its step's log. */
const FAILURE_LINES = 20;

interface Vertex {
  digest?: string;
  name?: string;
  cached?: boolean;
  started?: string;
  completed?: string;
  error?: string;
}

interface VertexLog {
  vertex?: string;
  /** base64 of the bytes written. */
  data?: string;
}

/** One object of buildx's rawjson output (BuildKit's SolveStatus). */
export interface SolveStatus {
  vertexes?: Vertex[];
  logs?: VertexLog[];
}

/** "[stage 2/5] RUN …" or "[2/5] COPY …": a Dockerfile instruction and its keyword. */
const INSTRUCTION = /^\[(?:[^\]\s]+ )?\d+\/\d+\] (\S+)/;

function kindOf(name: string): BuildStepKind {
  const instruction = INSTRUCTION.exec(name);
  if (!instruction) return 'internal';
  return instruction[1]!.toUpperCase() === 'FROM' ? 'base' : 'instruction';
}

/**
 * The exit code in BuildKit's "process "…" did not complete successfully: exit code: 3" or the classic builder's
 * "The command '…' returned a non-zero code: 3".
 */
export function exitCodeOf(error: string): number | undefined {
  const code = /(?:exit code|non-zero code): (\d+)/.exec(error)?.[1];
  return code === undefined ? undefined : Number(code);
}

export class BuildSteps {
  private readonly steps = new Map<string, BuildStep>();
  /** Per changed step, the log lines added since the last `takeChanges`. */
  private readonly changed = new Map<string, string[]>();
  /** Per step, the unfinished last line of its log. */
  private readonly partial = new Map<string, string>();

  constructor(private readonly redact: (text: string) => string = (text) => text) {}

  /** Applies one status update; returns the log lines it carried, as "#<n> line" for the raw log. */
  apply(status: SolveStatus): string[] {
    const raw: string[] = [];
    for (const vertex of status.vertexes ?? []) {
      if (!vertex.digest) continue;
      const before = this.steps.get(vertex.digest);
      const was = before && { cached: before.cached, completed: before.completed, error: before.error };
      const step = this.applyVertex(vertex.digest, vertex);
      raw.push(...transitions(this.order(step.id), was, step));
    }
    for (const log of status.logs ?? []) {
      if (!log.vertex || !log.data) continue;
      const step = this.stepFor(log.vertex);
      const text = this.redact((this.partial.get(log.vertex) ?? '') + Buffer.from(log.data, 'base64').toString());
      const lines = text.split(/\r?\n/);
      this.partial.set(log.vertex, lines.pop() ?? '');
      this.addLines(step, lines);
      const number = this.order(log.vertex);
      raw.push(...lines.map((line) => `#${number} ${line}`));
    }
    return raw;
  }

  /** Adds log lines to a step that has none of BuildKit's (the classic builder's output). */
  addLines(step: BuildStep, lines: string[]): void {
    if (!lines.length) return;
    step.logs.push(...lines);
    if (step.logs.length > STEP_LOG_LINES) step.logs.splice(0, step.logs.length - STEP_LOG_LINES);
    const pending = this.changed.get(step.id) ?? [];
    pending.push(...lines);
    this.changed.set(step.id, pending);
  }

  /** Sets a step's state (the classic builder's steps come this way too). */
  applyVertex(id: string, vertex: Vertex): BuildStep {
    const step = this.stepFor(id);
    if (vertex.name) {
      step.name = vertex.name;
      step.kind = kindOf(vertex.name);
    }
    if (vertex.cached !== undefined) step.cached = vertex.cached;
    if (vertex.started) step.started = vertex.started;
    if (vertex.completed) step.completed = vertex.completed;
    if (vertex.error) {
      step.error = this.redact(vertex.error);
      const code = exitCodeOf(vertex.error);
      if (code !== undefined) step.exitCode = code;
    }
    if (!this.changed.has(id)) this.changed.set(id, []);
    return step;
  }

  /** Every step in the order they started (cached ones by their number in their stage), with its (bounded) log. */
  all(): BuildStep[] {
    return [...this.steps.values()].map((step) => ({ ...step, logs: [...step.logs] })).sort(compareSteps);
  }

  /** The steps that changed since the last call, each with only its new log lines. */
  takeChanges(): BuildStepDelta[] {
    const deltas = [...this.changed].map(([id, lines]) => ({ ...this.steps.get(id)!, logs: lines }));
    this.changed.clear();
    return deltas;
  }

  /** Ends every step's unfinished last log line (at the end of the build); returns them for the raw log. */
  flushPartials(): string[] {
    const raw: string[] = [];
    for (const [id, rest] of this.partial) {
      if (!rest) continue;
      this.addLines(this.steps.get(id)!, [rest]);
      raw.push(`#${this.order(id)} ${rest}`);
    }
    this.partial.clear();
    return raw;
  }

  /** Dockerfile instruction steps (FROM left out): how many, how many from the cache. */
  counts(): { cachedSteps: number; totalSteps: number } {
    const instructions = [...this.steps.values()].filter((step) => step.kind === 'instruction');
    return { cachedSteps: instructions.filter((step) => step.cached).length, totalSteps: instructions.length };
  }

  /** The first step that failed, with its exit code and last lines. */
  failure(): BuildFailure | undefined {
    const failed = [...this.steps.values()].find((step) => step.error && !/context canceled/i.test(step.error));
    if (!failed) return undefined;
    return {
      step: failed.name,
      ...(failed.exitCode !== undefined ? { exitCode: failed.exitCode } : {}),
      lastLines: failed.logs.slice(-FAILURE_LINES),
    };
  }

  private stepFor(id: string): BuildStep {
    let step = this.steps.get(id);
    if (!step) {
      step = { id, name: id, kind: 'internal', cached: false, logs: [] };
      this.steps.set(id, step);
    }
    return step;
  }

  /** A step's number in the raw log, from 1 in the order first seen. */
  private order(id: string): number {
    return [...this.steps.keys()].indexOf(id) + 1;
  }
}

/** The raw log's lines for what a vertex update changed, as `--progress=plain` prints them. */
function transitions(
  number: number,
  was: Pick<BuildStep, 'cached' | 'completed' | 'error'> | undefined,
  step: BuildStep,
): string[] {
  const lines: string[] = [];
  if (!was) lines.push(`#${number} ${step.name}`);
  if (step.cached && !was?.cached) lines.push(`#${number} CACHED`);
  if (step.error && !was?.error) lines.push(`#${number} ERROR: ${step.error}`);
  else if (step.completed && !was?.completed && !step.cached && step.started) {
    const seconds = (Date.parse(step.completed) - Date.parse(step.started)) / 1000;
    lines.push(`#${number} DONE ${seconds.toFixed(1)}s`);
  }
  return lines;
}
