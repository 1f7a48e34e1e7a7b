// What a build cache prune did, in a sentence for its toast, and the records it kept with why.
import type { BuildCachePruneResult } from '../../../../src-main/contract/dto/build-cache';
import { plural, size } from '../../format';

export function pruneSummary(result: BuildCachePruneResult): string {
  if (result.removed.length === 0) return 'Nothing was removed from the build cache';
  return `Removed ${plural(result.removed.length, 'build cache record')}, reclaimed ${size(result.spaceReclaimed)}`;
}

/** One line per record the engine kept: "RUN make — another record builds on it: select those too". */
export function keptLines(result: BuildCachePruneResult): string[] {
  return result.kept.map((k) => `${k.name} — ${k.reason}`);
}
