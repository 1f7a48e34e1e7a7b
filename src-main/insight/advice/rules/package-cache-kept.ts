// Rule: a package manager's download cache left in the RUN's layer (not removed there, or only by a later RUN).
import type { Stage, Step } from '../dockerfile-stages';
import { PACKAGE_CACHES, stepClears, type PackageCache } from '../package-caches';
import type { AdviceRule, RuleFinding } from '../rule';
import { lineLabel } from '../rule';
import { commandsOf } from '../shell-commands';

/** ENV names set in the stage before `step` (PIP_NO_CACHE_DIR turns pip's cache off). */
function envBefore(stage: Stage, step: Step): Set<string> {
  const names = stage.steps
    .filter((s) => s.keyword === 'ENV' && s.start < step.start)
    .flatMap((s) => s.properties.map((p) => p.name));
  return new Set(names);
}

const capitalized = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

function finding(cache: PackageCache, step: Step, laterRemoval: Step | undefined): RuleFinding {
  const why = laterRemoval
    ? `${capitalized(lineLabel(laterRemoval))} removes them in a later RUN, but a layer never loses bytes: they stay in this RUN's ` +
      'layer and in every pull of the image.'
    : 'They are not removed in the same RUN, so they ship in this layer and in every pull of the image.';
  return {
    rule: 'package-cache-kept',
    severity: 'medium',
    title: `${cache.manager}'s cache is kept in the layer`,
    message: `This RUN leaves ${cache.manager}'s ${cache.what} (${cache.paths.join(', ')}) in its layer. ${why} To fix it, ${cache.fix}.`,
    steps: [step],
    paths: cache.paths,
  };
}

export const packageCacheKept: AdviceRule = (dockerfile) =>
  dockerfile.stages.flatMap((stage) =>
    stage.steps.flatMap((step, index) => {
      const commands = commandsOf(step);
      const env = envBefore(stage, step);
      return PACKAGE_CACHES.filter(
        (cache) => commands.some((command) => cache.fills(command, env)) && !stepClears(cache, step, commands),
      ).map((cache) => {
        const later = stage.steps
          .slice(index + 1)
          .find((s) => stepClears(cache, s, commandsOf(s)) && s.keyword === 'RUN');
        return finding(cache, step, later);
      });
    }),
  );
