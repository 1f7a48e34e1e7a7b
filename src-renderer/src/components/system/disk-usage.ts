// Disk usage as bars: one per category of the user's (images, containers, volumes, build cache), scaled to
// the largest, and a line for what Berth keeps for itself.
import type { DiskUsage, DiskUsageCategory } from '../../../../src-main/contract/dto/system';
import { plural, size } from '../../format';

type CategoryKey = Exclude<keyof DiskUsage, 'berth'>;

export interface DiskUsageBar extends DiskUsageCategory {
  key: CategoryKey;
  title: string;
  /** "3 images, 1 in use" */
  detail: string;
  /** Share of the widest bar, 0–100, for the whole size and for the reclaimable part. */
  sizePercent: number;
  reclaimablePercent: number;
}

const CATEGORIES: Array<[CategoryKey, string, string, string]> = [
  ['images', 'Images', 'image', 'in use'],
  ['containers', 'Containers', 'container', 'running'],
  ['volumes', 'Volumes', 'volume', 'in use'],
  ['buildCache', 'Build cache', 'record', 'in use'],
];

export function diskUsageBars(usage: DiskUsage): DiskUsageBar[] {
  const widest = Math.max(1, ...CATEGORIES.map(([key]) => usage[key].size));
  return CATEGORIES.map(([key, title, noun, activeWord]) => {
    const c = usage[key];
    const reclaimable = Math.min(c.reclaimable, c.size);
    return {
      ...c,
      key,
      title,
      detail: `${c.count} ${noun}${c.count === 1 ? '' : 's'}, ${c.active} ${activeWord}`,
      sizePercent: (c.size / widest) * 100,
      reclaimablePercent: (reclaimable / widest) * 100,
    };
  });
}

/** Bytes a full prune could free, over every category. */
export function totalReclaimable(usage: DiskUsage): number {
  return CATEGORIES.reduce((sum, [key]) => sum + usage[key].reclaimable, 0);
}

export function totalSize(usage: DiskUsage): number {
  return CATEGORIES.reduce((sum, [key]) => sum + usage[key].size, 0);
}

/** "Berth's own: 1 helper image, 2 helper containers (1.2 MB), not counted above"; undefined when there is none. */
export function berthUsageLine({ berth }: DiskUsage): string | undefined {
  if (berth.images === 0 && berth.containers === 0) return undefined;
  const parts = [plural(berth.images, 'helper image')];
  if (berth.containers > 0) parts.push(plural(berth.containers, 'helper container'));
  return `Berth's own: ${parts.join(', ')} (${size(berth.size)}), not counted above`;
}
