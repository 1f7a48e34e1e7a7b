// Engine API volume JSON → contract DTOs.
import type Dockerode from 'dockerode';
import type { Volume, VolumeUser } from '../../contract/dto/volumes';

/** Anonymous volumes get a 64-hex-digit name from the engine. */
export function isAnonymousVolumeName(name: string): boolean {
  return /^[0-9a-f]{64}$/.test(name);
}

type VolumeJson = Dockerode.VolumeInspectInfo & { CreatedAt?: string };

/** `size`: bytes from system df, -1 when the driver reports none, undefined when not measured. */
export function toVolume(v: VolumeJson, usedBy: VolumeUser[], size: number | undefined): Volume {
  const volume: Volume = {
    name: v.Name,
    driver: v.Driver,
    mountpoint: v.Mountpoint,
    labels: v.Labels ?? {},
    options: (v.Options as Record<string, string> | null | undefined) ?? {},
    scope: v.Scope ?? 'local',
    size: size !== undefined && size >= 0 ? size : null,
    usedBy,
    anonymous: isAnonymousVolumeName(v.Name) || (v.Labels ?? {})['com.docker.volume.anonymous'] !== undefined,
  };
  if (size === undefined) volume.sizeUnknown = 'not-measured';
  else if (size < 0) volume.sizeUnknown = 'not-reported';
  if (v.CreatedAt) volume.createdAt = v.CreatedAt;
  return volume;
}
