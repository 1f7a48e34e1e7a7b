// Rule: the whole build context copied before the dependencies are installed, so any change re-installs them.
import type { Step } from '../dockerfile-stages';
import type { AdviceRule, RuleFinding } from '../rule';
import { lineLabel } from '../rule';
import { commandsOf, operands, runs, type ShellCommand } from '../shell-commands';

interface DependencyInstall {
  /** What the install runs, as the message names it. */
  name: string;
  /** The files it reads, to copy first. */
  manifests: string;
}

const INSTALLS: ReadonlyArray<{ test: (c: ShellCommand) => boolean; manifests: string }> = [
  {
    test: (c) => runs(c, ['npm'], ['ci']) || (runs(c, ['npm'], ['install', 'i']) && operands(c).length === 1),
    manifests: 'package.json and package-lock.json',
  },
  {
    test: (c) => c.program === 'yarn' && (operands(c).length === 0 || operands(c)[0] === 'install'),
    manifests: 'package.json and yarn.lock',
  },
  {
    test: (c) => runs(c, ['pnpm'], ['install', 'i', 'fetch']) && operands(c).length === 1,
    manifests: 'package.json and pnpm-lock.yaml',
  },
  {
    test: (c) =>
      runs(c, ['pip', 'pip3'], ['install']) && c.args.some((a) => a === '-r' || a.startsWith('--requirement')),
    manifests: 'requirements.txt',
  },
  { test: (c) => runs(c, ['poetry', 'pipenv'], ['install']), manifests: 'pyproject.toml and its lock file' },
  { test: (c) => c.program === 'go' && operands(c).join(' ') === 'mod download', manifests: 'go.mod and go.sum' },
  { test: (c) => runs(c, ['bundle'], ['install']), manifests: 'Gemfile and Gemfile.lock' },
  { test: (c) => runs(c, ['composer'], ['install']), manifests: 'composer.json and composer.lock' },
  { test: (c) => runs(c, ['cargo'], ['fetch', 'build']), manifests: 'Cargo.toml and Cargo.lock' },
  { test: (c) => c.program === 'mvn', manifests: 'pom.xml' },
  { test: (c) => c.program === 'gradle' || c.program === 'gradlew', manifests: 'build.gradle and settings.gradle' },
];

function dependencyInstall(step: Step): DependencyInstall | undefined {
  for (const command of commandsOf(step)) {
    const install = INSTALLS.find((i) => i.test(command));
    if (install) return { name: [command.program, ...command.args].join(' '), manifests: install.manifests };
  }
  return undefined;
}

/** COPY or ADD of the whole context ("." or "./" among its sources), not from another stage. */
function copiesContext(step: Step): boolean {
  if (step.keyword !== 'COPY' && step.keyword !== 'ADD') return false;
  if (step.flags.some((flag) => flag.name === 'from')) return false;
  return step.words.slice(0, -1).some((source) => source === '.' || source === './');
}

export const contextBeforeInstall: AdviceRule = (dockerfile) =>
  dockerfile.stages.flatMap((stage) => {
    const findings: RuleFinding[] = [];
    stage.steps.forEach((step, index) => {
      if (!copiesContext(step)) return;
      for (const later of stage.steps.slice(index + 1)) {
        const install = dependencyInstall(later);
        if (!install) continue;
        findings.push({
          rule: 'context-copied-before-install',
          severity: 'medium',
          title: 'The whole context is copied before the dependencies are installed',
          message:
            `${step.keyword} ${step.words.join(' ')} copies every file of the build context before \`${install.name}\` ` +
            `(${lineLabel(later)}), so a change to any file invalidates the cache and the dependencies are installed ` +
            `again on every build. Copy ${install.manifests} first, install, then copy the rest.`,
          steps: [step],
        });
        return;
      }
    });
    return findings;
  });
