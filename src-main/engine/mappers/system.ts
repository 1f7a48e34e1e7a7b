// Engine API info, version and df JSON → contract DTOs.
import type { DiskUsage, DiskUsageCategory, EngineInfo, EngineVersion } from '../../contract/dto/system';
import { isBerthContainer, isBerthImage } from '../berth-labels';

type Json = Record<string, unknown>;
const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const num = (v: unknown): number => (typeof v === 'number' ? v : 0);

/** `berth`: how many of the engine's containers and images are Berth's own (info does not say). */
export function toEngineInfo(i: Json, berth: { containers: number; images: number }): EngineInfo {
  const swarm = str((i.Swarm as Json | undefined)?.LocalNodeState);
  return {
    id: str(i.ID),
    name: str(i.Name),
    serverVersion: str(i.ServerVersion),
    operatingSystem: str(i.OperatingSystem),
    osType: str(i.OSType),
    kernelVersion: str(i.KernelVersion),
    architecture: str(i.Architecture),
    cpus: num(i.NCPU),
    memoryTotal: num(i.MemTotal),
    storageDriver: str(i.Driver),
    cgroupVersion: str(i.CgroupVersion),
    rootDir: str(i.DockerRootDir),
    containers: num(i.Containers),
    containersRunning: num(i.ContainersRunning),
    containersPaused: num(i.ContainersPaused),
    containersStopped: num(i.ContainersStopped),
    images: num(i.Images),
    berthContainers: berth.containers,
    berthImages: berth.images,
    swarm: (['pending', 'active', 'error', 'locked'] as const).find((s) => s === swarm) ?? 'inactive',
    warnings: Array.isArray(i.Warnings) ? i.Warnings.map(String) : [],
  };
}

export function toEngineVersion(v: Json): EngineVersion {
  return {
    version: str(v.Version),
    apiVersion: str(v.ApiVersion),
    minApiVersion: str(v.MinAPIVersion),
    gitCommit: str(v.GitCommit),
    goVersion: str(v.GoVersion),
    os: str(v.Os),
    arch: str(v.Arch),
    kernelVersion: str(v.KernelVersion),
  };
}

type Labels = Record<string, string> | null;

interface DfJson {
  LayersSize?: number;
  Images?: Array<{
    Containers: number;
    Size: number;
    SharedSize: number;
    Labels?: Labels;
    RepoTags?: string[] | null;
  }> | null;
  Containers?: Array<{ State: string; SizeRw?: number; Labels?: Labels }> | null;
  Volumes?: Array<{ UsageData?: { Size: number; RefCount: number } | null }> | null;
  BuildCache?: Array<{ Size: number; InUse: boolean; Shared: boolean }> | null;
}

/** Bytes only this image holds (what removing it would free). */
const uniqueSize = (i: { Size: number; SharedSize: number }) => (i.Size >= 0 ? i.Size - Math.max(i.SharedSize, 0) : 0);

/**
 * Sizes and reclaimable space computed as `docker system df` does, with Berth's own helper image
 * and helper containers taken out of the user's numbers and counted apart in `berth`.
 */
export function toDiskUsage(df: DfJson): DiskUsage {
  const allImages = df.Images ?? [];
  const berthImages = allImages.filter((i) => isBerthImage(i.Labels, i.RepoTags));
  const images = allImages.filter((i) => !isBerthImage(i.Labels, i.RepoTags));
  const activeImages = images.filter((i) => i.Containers > 0);
  const berthImageSize = berthImages.reduce((sum, i) => sum + uniqueSize(i), 0);
  const imageTotal = Math.max((df.LayersSize ?? 0) - berthImageSize, 0);
  const imageUsed = activeImages.reduce(
    (sum, i) => sum + (i.Size >= 0 && i.SharedSize >= 0 ? i.Size - i.SharedSize : 0),
    0,
  );

  const allContainers = df.Containers ?? [];
  const berthContainers = allContainers.filter((c) => isBerthContainer(c.Labels));
  const containers = allContainers.filter((c) => !isBerthContainer(c.Labels));
  const isActive = (state: string) => state === 'running' || state === 'paused' || state === 'restarting';
  const containerCategory: DiskUsageCategory = {
    count: containers.length,
    active: containers.filter((c) => isActive(c.State)).length,
    size: containers.reduce((sum, c) => sum + (c.SizeRw ?? 0), 0),
    reclaimable: containers.filter((c) => !isActive(c.State)).reduce((sum, c) => sum + (c.SizeRw ?? 0), 0),
  };

  const volumes = (df.Volumes ?? []).map((v) => v.UsageData ?? { Size: -1, RefCount: 0 });
  const volumeCategory: DiskUsageCategory = {
    count: volumes.length,
    active: volumes.filter((v) => v.RefCount > 0).length,
    size: volumes.reduce((sum, v) => sum + Math.max(v.Size, 0), 0),
    reclaimable: volumes.filter((v) => v.RefCount === 0).reduce((sum, v) => sum + Math.max(v.Size, 0), 0),
  };

  const cache = df.BuildCache ?? [];
  const cacheCategory: DiskUsageCategory = {
    count: cache.length,
    active: cache.filter((c) => c.InUse).length,
    size: cache.filter((c) => !c.Shared).reduce((sum, c) => sum + c.Size, 0),
    reclaimable: cache.filter((c) => !c.InUse && !c.Shared).reduce((sum, c) => sum + c.Size, 0),
  };

  return {
    images: {
      count: images.length,
      active: activeImages.length,
      size: imageTotal,
      reclaimable: Math.max(imageTotal - imageUsed, 0),
    },
    containers: containerCategory,
    volumes: volumeCategory,
    buildCache: cacheCategory,
    berth: {
      images: berthImages.length,
      containers: berthContainers.length,
      size: berthImageSize + berthContainers.reduce((sum, c) => sum + (c.SizeRw ?? 0), 0),
    },
  };
}
