// Rule: apt-get install without --no-install-recommends, which pulls in packages nobody asked for.
import type { AdviceRule } from '../rule';
import { commandsOf, runs } from '../shell-commands';

export const aptRecommends: AdviceRule = (dockerfile) =>
  dockerfile.stages.flatMap((stage) =>
    stage.steps
      .filter((step) =>
        commandsOf(step).some(
          (c) =>
            runs(c, ['apt-get', 'apt'], ['install']) &&
            !c.args.includes('--no-install-recommends') &&
            !c.args.some((a) => /Install-Recommends=(false|0)/i.test(a)),
        ),
      )
      .map((step) => ({
        rule: 'apt-recommends-installed' as const,
        severity: 'low' as const,
        title: 'apt-get installs recommended packages too',
        message:
          'apt-get install also installs every package the named ones recommend, often tens of megabytes the ' +
          'image never uses. Add `--no-install-recommends` and name what is really needed.',
        steps: [step],
      })),
  );
