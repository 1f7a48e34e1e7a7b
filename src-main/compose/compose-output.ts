// Reading the compose CLI's plain progress output ("Container app-web-1  Started") defensively: compose 2.26 has
// no machine-readable progress, so a line that does not look like progress is kept as text.
import type { PlanStep, StackOutputLine } from '../contract/dto/stacks';
import { BuildSteps } from './build-output';

const PROGRESS = /^\s*(?:DRY-RUN MODE -\s+)?(Container|Network|Volume|Image|Service)\s+("?[^\s"]+"?)\s+(.+?)\s*$/;
/** `compose pull`/`build` report per service: "web Pulling", "web Pulled", "a Error …". */
const SERVICE_STEP =
  /^\s*([a-zA-Z0-9][a-zA-Z0-9_.-]*)\s+(Pulling|Pulled|Skipped.*|Waiting|Error.*|Building|Built|Warning.*)$/;
/**
 * A pull's per-layer steps: "6ff655d3b59b Downloading [=>   ]  229.4kB/20.98MB". The plain output does not say whose
 * layer it is, so a layer is a row of its own; its progress bar and amounts stay in the text.
 */
const LAYER_STEP =
  /^\s*([0-9a-f]{12})\s+(Pulling fs layer|Waiting|Downloading|Verifying Checksum|Download complete|Extracting|Pull complete|Already exists|Retrying in \d+ seconds?)\b/;
// Compose erases its line before redrawing it even with --no-color; the erase sequence is not text.
// eslint-disable-next-line no-control-regex -- the escape character is what is matched
const ERASE = /\u001b\[[0-9;]*[A-Za-z]/g;

export function outputLine(stream: 'stdout' | 'stderr', raw: string): StackOutputLine {
  const text = raw.replace(ERASE, '');
  const progress = PROGRESS.exec(text);
  if (progress)
    return { stream, text, object: `${progress[1]} ${progress[2]!.replace(/"/g, '')}`, status: progress[3] };
  const layer = LAYER_STEP.exec(text);
  if (layer) return { stream, text, object: `Layer ${layer[1]}`, status: layer[2] };
  const step = SERVICE_STEP.exec(text.trimEnd());
  if (step) return { stream, text, object: `Service ${step[1]}`, status: step[2] };
  return { stream, text };
}

/** Reads one command's lines in order: compose's own, and the steps of the builds it runs, which need earlier lines. */
export function outputReader(): (stream: 'stdout' | 'stderr', raw: string) => StackOutputLine {
  const builds = new BuildSteps();
  return (stream, raw) => {
    const line = outputLine(stream, raw);
    const step = line.object ? undefined : builds.read(line.text);
    return step ? { ...line, object: `Service ${step.service}`, status: step.status } : line;
  };
}

const PLAN_ACTIONS: Record<string, PlanStep['action']> = {
  Creating: 'create',
  Created: 'create',
  Recreate: 'recreate',
  Recreated: 'recreate',
  Starting: 'start',
  Started: 'start',
  Running: 'keep',
  Pulling: 'pull',
  Building: 'build',
  Removing: 'remove',
  Removed: 'remove',
};

/** Which of two lines about one service says more about what up will do. */
const WEIGHT: Record<PlanStep['action'], number> = {
  keep: 0,
  start: 1,
  create: 2,
  recreate: 2,
  pull: 2,
  build: 2,
  remove: 2,
};

/** Per service of `project`, what `up --dry-run` says it would do: a recreate wins over the start that follows it. */
export function planFromDryRun(lines: readonly StackOutputLine[], project: string): PlanStep[] {
  const plan = new Map<string, PlanStep>();
  for (const line of lines) {
    const action = line.status ? PLAN_ACTIONS[line.status] : undefined;
    const service = line.object ? serviceOf(line.object, project) : undefined;
    if (!action || !service) continue;
    const known = plan.get(service);
    if (!known || WEIGHT[action] > WEIGHT[known.action])
      plan.set(service, { service, action, detail: line.text.replace(/^\s*DRY-RUN MODE -\s+/, '').trim() });
  }
  return [...plan.values()];
}

function serviceOf(object: string, project: string): string | undefined {
  const [kind, name = ''] = object.split(' ');
  if (kind === 'Service') return name;
  if (kind !== 'Container') return undefined;
  // A container being replaced is named "<id>_<project>-<service>-<n>" for a moment.
  const plain = name.replace(/^[0-9a-f]{12}_/, '');
  const match = new RegExp(`^${project.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}-(.+)-\\d+$`).exec(plain);
  return match?.[1];
}
