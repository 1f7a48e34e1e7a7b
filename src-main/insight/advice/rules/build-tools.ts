// Rule: compilers and build tools installed in the final stage, which the running image does not need.
import { finalStage, type Step } from '../dockerfile-stages';
import { installedPackages, removedPackages } from '../os-packages';
import type { AdviceRule } from '../rule';
import { commandsOf } from '../shell-commands';

const BUILD_TOOL =
  /^(gcc|g\+\+|cpp|make|cmake|ninja-build|build-essential|build-base|clang|llvm|autoconf|automake|libtool|git|golang|golang-go|go|rustc|cargo|gfortran|pkg-config|pkgconf)(-[\d.]+)?$|-(dev|devel)$/;

/** The build tools the step installs and does not remove again in the same RUN. */
function buildToolsLeft(step: Step): string[] {
  const commands = commandsOf(step);
  const removed = new Set(commands.flatMap(removedPackages));
  const purgesAll = commands.some(
    (c) => c.program.startsWith('apt') && c.args.includes('autoremove') && c.args.includes('--purge'),
  );
  return commands.flatMap((command) => {
    const installed = installedPackages(command);
    if (!installed || (installed.group && removed.has(installed.group)) || purgesAll) return [];
    return installed.packages.filter((name) => BUILD_TOOL.test(name) && !removed.has(name));
  });
}

export const buildToolsInFinalStage: AdviceRule = (dockerfile) => {
  const stage = finalStage(dockerfile);
  const single = dockerfile.stages.length === 1;
  return stage.steps.flatMap((step) => {
    const tools = buildToolsLeft(step);
    if (tools.length === 0) return [];
    const fix = single
      ? 'Use a multi-stage build: compile in a first stage that has them, and COPY --from it only what the program needs at run time into a small final stage.'
      : 'Install them in an earlier build stage instead, and COPY --from it only the results into this final stage.';
    return [
      {
        rule: 'build-tools-in-final-stage' as const,
        severity: 'medium' as const,
        title: 'Build tools are left in the final image',
        message: `This RUN installs ${tools.join(', ')} in the final stage: the image carries compilers or headers it does not need to run, which cost bytes and widen what an attacker finds inside. ${fix}`,
        steps: [step],
      },
    ];
  });
};
