// Dockerfile advice: every rule run over the parsed Dockerfile, findings ordered and, given an image, tied to layers.
import type { AdviceFinding, AdviceLayer, AdviceReport, AdviceSeverity } from '../../contract/dto/advice';
import type { ImageLayer } from '../../contract/dto/images';
import { finalStage, parseDockerfile, type ParsedDockerfile, type Step } from './dockerfile-stages';
import { LAYER_KEYWORDS, matchHistory } from './history-match';
import type { AdviceRule, RuleFinding } from './rule';
import { addInsteadOfCopy } from './rules/add-instead-of-copy';
import { aptRecommends } from './rules/apt-recommends';
import { buildToolsInFinalStage } from './rules/build-tools';
import { consecutiveRuns } from './rules/consecutive-runs';
import { contextBeforeInstall } from './rules/context-before-install';
import { packageCacheKept } from './rules/package-cache-kept';
import { isRootUser, noHealthcheck, runsAsRoot, shellFormCommand } from './rules/runtime-settings';
import { secretInBuildArgOrEnv } from './rules/secret-in-build-arg-or-env';
import { unpinnedBaseImage } from './rules/unpinned-base-image';

export const ADVICE_RULES: readonly AdviceRule[] = [
  contextBeforeInstall,
  packageCacheKept,
  buildToolsInFinalStage,
  consecutiveRuns,
  runsAsRoot,
  addInsteadOfCopy,
  unpinnedBaseImage,
  secretInBuildArgOrEnv,
  noHealthcheck,
  aptRecommends,
  shellFormCommand,
];

/** Most Dockerfile lines a finding quotes. */
const MAX_QUOTED_LINES = 12;
const SEVERITY_ORDER: Record<AdviceSeverity, number> = { high: 0, medium: 1, low: 2 };

export interface AdviceImage {
  id: string;
  /** The image's history, newest first (as `images.history` gives it). */
  history: ImageLayer[];
  /** The image's configured user ("" for none): a base image's user counts where the Dockerfile sets none. */
  user: string;
  /**
   * Bytes under `paths` in the history entry `history` (oldest first), when a layer analysis can count them; the
   * finding then says exactly what its cache costs rather than the whole layer's size.
   */
  pathBytes?: (history: number, paths: string[]) => number | undefined;
}

function toFinding(
  found: RuleFinding,
  parsed: ParsedDockerfile,
  layers: ReadonlyMap<Step, AdviceLayer>,
  image?: AdviceImage,
): AdviceFinding {
  const start = found.steps[0]!.start;
  const end = found.steps.at(-1)!.end;
  const tied = found.steps.flatMap((step) => {
    const layer = layers.get(step);
    if (!layer) return [];
    const pathBytes = found.paths ? image?.pathBytes?.(layer.history, found.paths) : undefined;
    return [pathBytes === undefined ? layer : { ...layer, pathBytes }];
  });
  return {
    rule: found.rule,
    severity: found.severity,
    title: found.title,
    message: found.message,
    lines: { start, end },
    quote: parsed.lines.slice(start - 1, Math.min(end, start - 1 + MAX_QUOTED_LINES)),
    layers: tied,
    ...(found.paths ? { paths: found.paths } : {}),
  };
}

/**
 * The advice for a Dockerfile's `text`; with `image` (built from it), each finding carries the layers its
 * instructions made and their sizes.
 * @throws ParseError when the text is not a Dockerfile.
 */
export function analyzeDockerfile(text: string, image?: AdviceImage): AdviceReport {
  const parsed = parseDockerfile(text);
  const layerSteps = finalStage(parsed).steps.filter((step) => LAYER_KEYWORDS.has(step.keyword));
  const layers = image ? matchHistory(finalStage(parsed).steps, image.history) : new Map<Step, AdviceLayer>();
  const runsAsUser = image?.user && !isRootUser(image.user);
  const findings = ADVICE_RULES.flatMap((rule) => rule(parsed))
    .filter((found) => !(runsAsUser && found.rule === 'runs-as-root'))
    .map((found) => toFinding(found, parsed, layers, image))
    .sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || a.lines.start - b.lines.start);
  return {
    findings,
    stages: parsed.stages.length,
    ...(image
      ? {
          image: {
            id: image.id,
            matched: layerSteps.filter((step) => layers.has(step)).length,
            layerSteps: layerSteps.length,
          },
        }
      : {}),
  };
}
