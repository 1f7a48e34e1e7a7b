// What deleting image rows does: which references go to the engine, and the confirmation naming each.
import { plural, shortId, size } from '../../format';
import { rowLabel, rowTarget, type ImageRow } from './image-rows';

export interface DeleteTarget {
  /** What `images.remove` gets: the tag, or the image id for an image without tags. */
  ref: string;
  /** How the confirmation names it. */
  label: string;
  /** Tags the image keeps when this one goes: then only the tag is removed, not the image. */
  keeps: string[];
  imageId: string;
  /** Bytes. */
  size: number;
}

/**
 * One target per row, deduplicated. Removing each tag in turn deletes the image with its last
 * tag, so an image whose tags are all selected goes without forcing.
 */
export function deleteTargets(rows: readonly ImageRow[]): DeleteTarget[] {
  const going = new Set(rows.map(rowTarget));
  const targets = new Map<string, DeleteTarget>();
  for (const row of rows) {
    const ref = rowTarget(row);
    if (targets.has(ref)) continue;
    const keeps = row.image.repoTags.filter((t) => !going.has(t));
    targets.set(ref, { ref, label: rowLabel(row), keeps, imageId: row.image.id, size: row.image.size });
  }
  return [...targets.values()];
}

export interface DeleteConfirmation {
  title: string;
  message: string;
  items?: string[];
  note: string;
}

function itemText(target: DeleteTarget): string {
  return target.keeps.length
    ? `${target.label} — tag only, the image stays as ${target.keeps.join(', ')}`
    : target.label;
}

/** The confirmation for `targets`, naming each tag or image and saying which images stay. */
export function deleteConfirmation(targets: readonly DeleteTarget[]): DeleteConfirmation {
  const first = targets[0];
  if (targets.length === 1 && first) {
    if (first.keeps.length) {
      return {
        title: 'Remove tag?',
        message: `Remove the tag ${first.label}?`,
        note: `The image ${shortId(first.imageId)} stays: it is still tagged ${first.keeps.join(', ')}.`,
      };
    }
    return {
      title: 'Delete image?',
      message: `Delete the image ${first.label} (${size(first.size)})?`,
      note: 'Its layers go too, unless another image shares them.',
    };
  }
  return {
    title: `Delete ${plural(targets.length, 'image')}?`,
    message: `Delete these ${targets.length} images?`,
    items: targets.map(itemText),
    note: 'Their layers go too, unless another image shares them.',
  };
}
