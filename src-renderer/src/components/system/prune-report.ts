// What a prune removes, by category: sections for the preview and the result, counts and a one-line summary.
import type { PruneItem, PruneReport } from '../../../../src-main/contract/dto/system';
import type { PruneOptions } from '../../../../src-main/contract/methods/system';
import { compareNames, plural, size } from '../../format';

export type PruneCategory = 'containers' | 'images' | 'networks' | 'volumes' | 'buildCache';

const NOUNS: Record<PruneCategory, [title: string, noun: string]> = {
  containers: ['Stopped containers', 'container'],
  images: ['Images', 'image'],
  networks: ['Networks', 'network'],
  volumes: ['Volumes', 'volume'],
  buildCache: ['Build cache', 'build cache record'],
};

export const PRUNE_CATEGORIES = Object.keys(NOUNS) as PruneCategory[];

export interface PruneSection {
  key: PruneCategory;
  title: string;
  items: PruneItem[];
  /** Bytes, the sum of the sizes known. */
  bytes: number;
}

/** The categories that have something in them, in a fixed order; the items of each by name. */
export function pruneSections(report: PruneReport): PruneSection[] {
  return PRUNE_CATEGORIES.filter((key) => report[key].length > 0).map((key) => ({
    key,
    title: NOUNS[key][0],
    items: [...report[key]].sort((a, b) => compareNames(a.name, b.name)),
    bytes: report[key].reduce((sum, item) => sum + (item.size ?? 0), 0),
  }));
}

export function pruneCount(report: PruneReport): number {
  return PRUNE_CATEGORIES.reduce((sum, key) => sum + report[key].length, 0);
}

/** "2 containers, 1 volume" — what the report holds, or "nothing". */
export function pruneContents(report: PruneReport): string {
  const parts = PRUNE_CATEGORIES.filter((key) => report[key].length > 0).map((key) =>
    plural(report[key].length, NOUNS[key][1]),
  );
  return parts.length ? parts.join(', ') : 'nothing';
}

/** The result in one sentence: "Removed 2 containers, 1 volume and freed 3.4 MB." */
export function pruneSummary(report: PruneReport): string {
  if (pruneCount(report) === 0) return 'Nothing needed removing.';
  const freed = report.spaceReclaimed > 0 ? ` and freed ${size(report.spaceReclaimed)}` : '';
  return `Removed ${pruneContents(report)}${freed}.`;
}

/** Prune options without the label filter, which the prune dialog adds. */
export type PruneChoice = Omit<PruneOptions, 'labels'>;

/** Options that only touch unused volumes: "anonymous" ones or "all". */
export function volumePruneOptions(which: 'anonymous' | 'all'): PruneChoice {
  return {
    containers: false,
    images: 'none',
    networks: false,
    volumes: true,
    allVolumes: which === 'all',
    buildCache: false,
  };
}

/** Options that only touch unused networks. */
export function networkPruneOptions(): PruneChoice {
  return {
    containers: false,
    images: 'none',
    networks: true,
    volumes: false,
    allVolumes: false,
    buildCache: false,
  };
}
