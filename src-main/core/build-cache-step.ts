// The Dockerfile step a build cache record came from, read from the record's type and BuildKit's description of it.
import type { BuildCacheKind } from '../contract/dto/build-cache';

export interface BuildCacheOrigin {
  kind: BuildCacheKind;
  /** "RUN apk add curl", "COPY . /app". */
  step?: string;
  stage?: string;
  /** "2/3". */
  position?: string;
  mountTarget?: string;
}

/** "[stage-1 2/3] COPY a /a", "[2/3] COPY a /a": a file step BuildKit named with its stage and place. */
const NAMED_STEP = /^\[(?:(\S+) )?(\d+\/\d+)\] ([\s\S]+)$/;
/** "mount / from exec /bin/sh -c …": the root file system a RUN step left. */
const RUN_RESULT = /^mount \S+ from exec ([\s\S]+)$/;
/** 'cached mount /c from exec /bin/sh -c … with id "//c"': a RUN step's `--mount=type=cache` folder. */
const CACHE_MOUNT = /^cached mount (\S+) from exec ([\s\S]+?)(?: with id "[^"]*")?$/;
const SHELL_PREFIX = /^\/bin\/sh -c /;

/** The RUN instruction for the command BuildKit ran: a shell form back as written, an exec form as its words. */
function runStep(command: string): string {
  return `RUN ${command.replace(SHELL_PREFIX, '')}`;
}

/** Where a record came from, as far as its type and description tell. */
export function buildCacheOrigin(type: string, description: string): BuildCacheOrigin {
  const cacheMount = type === 'exec.cachemount' ? CACHE_MOUNT.exec(description) : null;
  if (type === 'exec.cachemount') {
    return cacheMount
      ? { kind: 'cache-mount', mountTarget: cacheMount[1], step: runStep(cacheMount[2] ?? '') }
      : { kind: 'cache-mount' };
  }
  if (type === 'source.local') return { kind: 'context' };
  if (type === 'frontend') return { kind: 'frontend' };
  if (type === 'internal') return { kind: 'internal' };
  const named = NAMED_STEP.exec(description);
  if (named) return { kind: 'step', stage: named[1], position: named[2], step: named[3] };
  const run = RUN_RESULT.exec(description);
  if (run) return { kind: 'step', step: runStep(run[1] ?? '') };
  if (/^(pulled from|from local|importing cache)/.test(description)) return { kind: 'base' };
  return { kind: 'other' };
}
