// How a build reads on screen: its progress batches merged into its record, step and build states in words,
// running times.
import { compareSteps } from '../../../../src-main/core/build-step-order';
import type {
  BuildProgress,
  BuildRecord,
  BuildState,
  BuildStep,
  BuildSummary,
} from '../../../../src-main/contract/dto/builds';

/** Step log lines kept in the view per step, as main keeps them. */
const STEP_LINES = 200;
/** Raw log lines kept in the view. */
const LOG_LINES = 5000;

/** `record` with one progress batch applied: steps replaced by their new state, log lines appended. */
export function applyProgress(record: BuildRecord, progress: BuildProgress): BuildRecord {
  const steps = new Map(record.steps.map((step) => [step.id, step]));
  for (const delta of progress.steps) {
    const known = steps.get(delta.id);
    const logs = [...(known?.logs ?? []), ...delta.logs].slice(-STEP_LINES);
    steps.set(delta.id, { ...delta, logs });
  }
  const log = [...record.log, ...progress.lines];
  const { build: _id, steps: _steps, lines: _lines, ...result } = progress;
  return {
    ...record,
    ...result,
    steps: [...steps.values()],
    log: log.slice(-LOG_LINES),
    droppedLogLines: record.droppedLogLines + Math.max(0, log.length - LOG_LINES),
  };
}

export type StepState = 'cached' | 'running' | 'done' | 'failed' | 'waiting';

export function stepState(step: BuildStep): StepState {
  if (step.error) return 'failed';
  if (step.cached) return 'cached';
  if (step.completed) return 'done';
  return step.started ? 'running' : 'waiting';
}

/** StateDot's colour class and label for a step. */
export const STEP_DOT: Record<StepState, { dot: string; label: string }> = {
  cached: { dot: 'exited', label: 'Cached' },
  running: { dot: 'restarting', label: 'Running' },
  done: { dot: 'running', label: 'Done' },
  failed: { dot: 'error', label: 'Failed' },
  waiting: { dot: 'exited', label: 'Waiting' },
};

/** StateDot's colour class and label for a build. */
export const BUILD_DOT: Record<BuildState, { dot: string; label: string }> = {
  running: { dot: 'restarting', label: 'Building' },
  succeeded: { dot: 'running', label: 'Succeeded' },
  failed: { dot: 'error', label: 'Failed' },
  cancelled: { dot: 'exited', label: 'Cancelled' },
};

/** "0.4 s", "12 s", "3 m 05 s". */
export function duration(ms: number): string {
  if (ms < 10_000) return `${(ms / 1000).toFixed(1)} s`;
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds} s`;
  return `${Math.floor(seconds / 60)} m ${String(seconds % 60).padStart(2, '0')} s`;
}

/** A step's running time so far (`now` while it runs), or undefined before it started. */
export function stepTime(step: BuildStep, now: number): number | undefined {
  if (!step.started) return undefined;
  const end = step.completed ? Date.parse(step.completed) : now;
  return Math.max(0, end - Date.parse(step.started));
}

/** The steps a person reads, in the order they ran: without BuildKit's reading of the Dockerfile itself. */
export function visibleSteps(steps: BuildStep[]): BuildStep[] {
  return [...steps]
    .sort(compareSteps)
    .filter((s) => s.kind !== 'internal' || !/^\[internal\] load (\.dockerignore|build definition)/.test(s.name));
}

/** "3 of 5 cached". */
export function cacheLine(build: Pick<BuildSummary, 'cachedSteps' | 'totalSteps'>): string {
  return `${build.cachedSteps} of ${build.totalSteps} cached`;
}

/** The image the build made, as Run and Open take it: its first tag, else its id. */
export function builtImage(build: Pick<BuildSummary, 'imageId' | 'request'>): string | undefined {
  return build.request.tags[0] ?? build.imageId;
}

/** The host path of the Dockerfile a build used: its context-relative path under the context folder. */
export function dockerfilePath(request: Pick<BuildSummary['request'], 'context' | 'dockerfile'>): string {
  const separator = request.context.includes('\\') && !request.context.includes('/') ? '\\' : '/';
  return `${request.context.replace(/[\\/]+$/, '')}${separator}${request.dockerfile.replace(/^\.[\\/]/, '')}`;
}
