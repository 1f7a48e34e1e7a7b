// Build DTOs: one build's steps as BuildKit reports them, its result, and the history records kept of it.
import type { BuildRequest } from '../methods/builds';

export type BuildState = 'running' | 'succeeded' | 'failed' | 'cancelled';

/** Which builder ran it: BuildKit through the buildx CLI, or the engine's classic builder. */
export type BuilderKind = 'buildkit' | 'classic';

export type BuildStepKind = 'instruction' | 'base' | 'internal';

/** One step (a BuildKit vertex, or a classic builder's "Step n/m"). */
export interface BuildStep {
  /** The vertex digest (classic: "step-<n>"). */
  id: string;
  /** As the builder names it, e.g. "[build 2/3] RUN make". */
  name: string;
  /**
   * instruction: a Dockerfile instruction that runs or comes from the cache ("[stage n/m] RUN …"); base: a FROM,
   * which only names the base image; internal: BuildKit's own work (loading the context, exporting the image).
   */
  kind: BuildStepKind;
  cached: boolean;
  /** ISO times. */
  started?: string;
  completed?: string;
  error?: string;
  /** A failed RUN's exit code. */
  exitCode?: number;
  /** Its last log lines (bounded). */
  logs: string[];
}

/** What changed in a step since the last progress event: its state, and only its new log lines. */
export type BuildStepDelta = BuildStep;

/** A failed build's failing step: which, its exit code, its last lines. */
export interface BuildFailure {
  step: string;
  exitCode?: number;
  lastLines: string[];
}

/** A build as the history lists it. */
export interface BuildSummary {
  id: string;
  state: BuildState;
  builder: BuilderKind;
  /** Why the classic builder ran (no BuildKit, or no buildx where the engine is). */
  builderReason?: string;
  /** ISO time. */
  startedAt: string;
  /** Milliseconds, once it ended. */
  durationMs?: number;
  /** What was asked: secrets as ids and sources only, never values. */
  request: BuildRequest;
  /** Instruction steps (FROM left out) that came from the cache, and all of them. */
  cachedSteps: number;
  totalSteps: number;
  /** The built image's id ("sha256:…"). */
  imageId?: string;
  error?: string;
  failure?: BuildFailure;
}

/** A build with its steps and its raw log (bounded: the first lines are dropped past the bound). */
export interface BuildRecord extends BuildSummary {
  steps: BuildStep[];
  log: string[];
  /** Lines dropped from the start of `log`. */
  droppedLogLines: number;
}

/** One batch of a running build's progress; the last one has the final state and result. */
export interface BuildProgress {
  build: string;
  state: BuildState;
  steps: BuildStepDelta[];
  /** New raw log lines. */
  lines: string[];
  cachedSteps: number;
  totalSteps: number;
  imageId?: string;
  error?: string;
  failure?: BuildFailure;
  durationMs?: number;
}

/** A Dockerfile's stages, for the target field: their names in order (unnamed stages left out). */
export interface DockerfileStages {
  stages: string[];
}
