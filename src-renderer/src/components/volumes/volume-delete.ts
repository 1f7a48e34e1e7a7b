// Which volumes a delete may remove: one that a container uses is refused, and the refusal says which containers.
import type { Volume } from '../../../../src-main/contract/dto/volumes';
import { volumeLabel } from './volume-rows';

export interface VolumeDeletePlan {
  deletable: Volume[];
  refused: Volume[];
  /** Why the refused ones stay, naming their containers; undefined when none is refused. */
  refusal?: string;
}

const users = (v: Volume) => v.usedBy.map((u) => u.name).join(', ');

export function planVolumeDelete(targets: Volume[]): VolumeDeletePlan {
  const refused = targets.filter((v) => v.usedBy.length > 0);
  const deletable = targets.filter((v) => v.usedBy.length === 0);
  if (refused.length === 0) return { deletable, refused };
  const refusal =
    refused.length === 1
      ? `${volumeLabel(refused[0]!)} is in use by ${users(refused[0]!)}. Delete ${
          refused[0]!.usedBy.length === 1 ? 'that container' : 'those containers'
        } first, then the volume.`
      : `These volumes are in use, so they stay: ${refused
          .map((v) => `${volumeLabel(v)} (${users(v)})`)
          .join('; ')}. Delete their containers first.`;
  return { deletable, refused, refusal };
}
