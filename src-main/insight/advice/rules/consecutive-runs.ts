// Rule: runs of consecutive RUN instructions, each a layer of its own, that could be one.
import type { Step } from '../dockerfile-stages';
import type { AdviceRule } from '../rule';

export const consecutiveRuns: AdviceRule = (dockerfile) =>
  dockerfile.stages.flatMap((stage) => {
    const runsOfRun: Step[][] = [];
    let current: Step[] = [];
    for (const step of [...stage.steps, undefined]) {
      if (step?.keyword === 'RUN') {
        current.push(step);
        continue;
      }
      if (current.length > 1) runsOfRun.push(current);
      current = [];
    }
    return runsOfRun.map((steps) => ({
      rule: 'consecutive-runs' as const,
      severity: 'low' as const,
      title: `${steps.length} RUN instructions in a row`,
      message:
        `These ${steps.length} consecutive RUN instructions make ${steps.length} layers. Joined into one RUN with ` +
        '`&&`, they make one layer, and files a later command deletes never reach the image. Keep a RUN apart only ' +
        'where a slow step should stay cached while a later one changes often.',
      steps,
    }));
  });
