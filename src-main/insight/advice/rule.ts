// The shape of an advice rule and of what it finds, before the findings are tied to an image's layers.
import type { AdviceRuleId, AdviceSeverity } from '../../contract/dto/advice';
import type { ParsedDockerfile, Step } from './dockerfile-stages';

export interface RuleFinding {
  rule: AdviceRuleId;
  severity: AdviceSeverity;
  title: string;
  message: string;
  /** The steps it is about: its lines run from the first's start to the last's end, its layers are theirs. */
  steps: Step[];
  paths?: string[];
}

export type AdviceRule = (dockerfile: ParsedDockerfile) => RuleFinding[];

/** "line 4" or "lines 4-6" of a step. */
export function lineLabel(step: Step): string {
  return step.start === step.end ? `line ${step.start}` : `lines ${step.start}-${step.end}`;
}
