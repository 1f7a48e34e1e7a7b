// Engine API volume JSON → contract DTOs.
import type Dockerode from 'dockerode';
import type { Volume, VolumeUser } from '../../contract/dto/volumes';

/** Anonymous volumes get a 64-hex-digit name from the engine. */
export function isAnonymousVolumeName(name: string): boolean {
  return /^[0-9a-f]{64}$/.test(name);
}

type VolumeJson = Dockerode.VolumeInspectInfo & {
  CreatedAt?: string;
  UsageData?: { Size: number; RefCount: number } | null;
};

export function toVolume(v: VolumeJson, usedBy: VolumeUser[], size?: number): Volume {
  const volume: Volume = {
    name: v.Name,
    driver: v.Driver,
    mountpoint: v.Mountpoint,
    labels: v.Labels ?? {},
    options: (v.Options as Record<string, string> | null | undefined) ?? {},
    scope: v.Scope ?? 'local',
    usedBy,
    anonymous: isAnonymousVolumeName(v.Name) || (v.Labels ?? {})['com.docker.volume.anonymous'] !== undefined,
  };
  if (v.CreatedAt) volume.createdAt = v.CreatedAt;
  const measured = size ?? v.UsageData?.Size;
  if (measured !== undefined && measured >= 0) volume.size = measured;
  return volume;
}
