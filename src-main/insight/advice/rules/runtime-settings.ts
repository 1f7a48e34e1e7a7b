// Rules on how the final stage runs: as root, without a HEALTHCHECK, a shell-form ENTRYPOINT or CMD.
import { finalStage } from '../dockerfile-stages';
import type { AdviceRule } from '../rule';

const ROOT = /^(root|0)(:(root|0))?$/;

/** Whether a USER value ("app", "1000:1000", "root", "0:0") is root. */
export const isRootUser = (user: string) => ROOT.test(user);

export const runsAsRoot: AdviceRule = (dockerfile) => {
  const stage = finalStage(dockerfile);
  const user = stage.steps.filter((step) => step.keyword === 'USER').at(-1);
  if (user && !isRootUser(user.words[0] ?? '')) return [];
  return [
    {
      rule: 'runs-as-root',
      severity: 'medium',
      title: 'The container runs as root',
      message:
        (user ? 'The last USER of the final stage is root, ' : 'The final stage sets no USER, ') +
        'so its process runs as root (unless the base image chose a user): a flaw in it has root inside the ' +
        'container and a shorter way out. Create an unprivileged user (e.g. `RUN adduser -D app`) and end with ' +
        '`USER app`.',
      steps: [user ?? stage.from],
    },
  ];
};

export const noHealthcheck: AdviceRule = (dockerfile) => {
  const stage = finalStage(dockerfile);
  if (stage.steps.some((step) => step.keyword === 'HEALTHCHECK')) return [];
  return [
    {
      rule: 'no-healthcheck',
      severity: 'low',
      title: 'No HEALTHCHECK',
      message:
        'The final stage has no HEALTHCHECK (unless its base image has one), so the engine only knows whether the ' +
        'process runs, not whether it answers. Add one, e.g. `HEALTHCHECK CMD wget -q -O- http://localhost:8080/health || exit 1`, ' +
        'and `docker ps`, compose and Berth show the container as healthy or unhealthy.',
      steps: [stage.from],
    },
  ];
};

export const shellFormCommand: AdviceRule = (dockerfile) =>
  finalStage(dockerfile)
    .steps.filter(
      (step) => (step.keyword === 'ENTRYPOINT' || step.keyword === 'CMD') && !step.words[0]?.startsWith('['),
    )
    .filter((step) => step.words.length > 0)
    .map((step) => ({
      rule: 'shell-form-command' as const,
      severity: 'low' as const,
      title: `${step.keyword} in shell form`,
      message:
        `This ${step.keyword} is in shell form, so the program runs under \`/bin/sh -c\`: the shell is PID 1 and ` +
        '`docker stop` sends SIGTERM to it, not to the program, which is killed 10 s later. Use the JSON form, ' +
        `e.g. ${step.keyword} ["${step.words[0]}"${step.words.length > 1 ? `, "${step.words.slice(1).join('", "')}"` : ''}].`,
      steps: [step],
    }));
