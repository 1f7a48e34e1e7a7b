// Engine API image JSON → contract DTOs.
import type Dockerode from 'dockerode';
import type { ImageDetail, ImageLayer, ImageSummary } from '../../contract/dto/images';
import { hideSecretEnvInInspect } from '../../core/secret-env';
import { isBerthImage } from '../berth-labels';
import { stringList } from './json';

function realTags(tags: string[] | null | undefined): string[] {
  return (tags ?? []).filter((t) => t !== '<none>:<none>');
}

/** `inUse` maps image id → number of containers using it (the list API leaves the count at -1). */
export function toImageSummary(i: Dockerode.ImageInfo, inUse: Map<string, number>): ImageSummary {
  const repoTags = realTags(i.RepoTags);
  return {
    id: i.Id,
    repoTags,
    repoDigests: (i.RepoDigests ?? []).filter((d) => d !== '<none>@<none>'),
    created: i.Created,
    size: i.Size,
    containers: inUse.get(i.Id) ?? 0,
    dangling: repoTags.length === 0,
    labels: i.Labels ?? {},
    berthOwned: isBerthImage(i.Labels, i.RepoTags),
  };
}

/** The detail of an inspect answer; env values marked secret (an image committed from such a container) are hidden. */
export function toImageDetail(inspect: Dockerode.ImageInspectInfo): ImageDetail {
  const { inspect: i, names: secretEnv } = hideSecretEnvInInspect(inspect);
  const config = (i.Config ?? {}) as Partial<Dockerode.ImageInspectInfo['Config']>;
  return {
    id: i.Id,
    repoTags: realTags(i.RepoTags),
    repoDigests: i.RepoDigests ?? [],
    created: i.Created,
    size: i.Size,
    architecture: i.Architecture,
    os: i.Os,
    author: i.Author ?? '',
    env: config.Env ?? [],
    secretEnv,
    command: stringList(config.Cmd),
    entrypoint: stringList(config.Entrypoint),
    exposedPorts: Object.keys(config.ExposedPorts ?? {}),
    volumes: Object.keys((config.Volumes as Record<string, unknown> | null | undefined) ?? {}),
    workingDir: config.WorkingDir ?? '',
    user: config.User ?? '',
    labels: (config.Labels as Record<string, string> | null | undefined) ?? {},
    raw: i as unknown as Record<string, unknown>,
  };
}

export function toImageLayer(h: {
  Id: string;
  Created: number;
  CreatedBy: string;
  Size: number;
  Comment: string;
  Tags: string[] | null;
}): ImageLayer {
  return {
    id: h.Id,
    created: h.Created,
    createdBy: h.CreatedBy,
    size: h.Size,
    comment: h.Comment ?? '',
    tags: h.Tags ?? [],
  };
}
