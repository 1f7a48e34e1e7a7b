// Engine-wide operations: info, version, disk usage, and prune with a preview of what goes.
import type Dockerode from 'dockerode';
import type { DiskUsage, EngineInfo, EngineVersion, PruneItem, PruneReport } from '../contract/dto/system';
import type { PruneOptions } from '../contract/methods/system';
import { BERTH_CONTAINER_FILTER, BERTH_IMAGE_FILTER, isBerthImage } from './berth-labels';
import type { ContainerService } from './containers';
import type { ImageService } from './images';
import { toDiskUsage, toEngineInfo, toEngineVersion } from './mappers/system';
import type { NetworkService } from './networks';
import type { VolumeService } from './volumes';

interface BuildCacheJson {
  ID: string;
  Description?: string;
  Size: number;
  InUse: boolean;
  Shared: boolean;
}

const sizeOf = (items: PruneItem[]) => items.reduce((sum, i) => sum + (i.size ?? 0), 0);

/** Each list by name, so a preview and its result read the same way whatever order the engine listed in. */
const byName = (report: PruneReport): PruneReport => {
  const sort = (items: PruneItem[]) => [...items].sort((a, b) => a.name.localeCompare(b.name));
  return {
    ...report,
    containers: sort(report.containers),
    images: sort(report.images),
    networks: sort(report.networks),
    volumes: sort(report.volumes),
    buildCache: sort(report.buildCache),
  };
};

export class SystemService {
  constructor(
    private readonly docker: Dockerode,
    private readonly containers: ContainerService,
    private readonly images: ImageService,
    private readonly networks: NetworkService,
    private readonly volumes: VolumeService,
  ) {}

  async info(): Promise<EngineInfo> {
    const [info, containers, images] = await Promise.all([
      this.docker.info() as Promise<Record<string, unknown>>,
      this.docker.listContainers({ all: true, filters: { label: [BERTH_CONTAINER_FILTER] } }),
      this.docker.listImages({ filters: { label: [BERTH_IMAGE_FILTER] } }),
    ]);
    const berthImages = images.filter((i) => isBerthImage(i.Labels, i.RepoTags));
    return toEngineInfo(info, { containers: containers.length, images: berthImages.length });
  }

  async version(): Promise<EngineVersion> {
    return toEngineVersion((await this.docker.version()) as unknown as Record<string, unknown>);
  }

  async diskUsage(): Promise<DiskUsage> {
    return toDiskUsage(await this.docker.df());
  }

  /** Build cache records a prune would remove; label filters do not apply to the build cache. */
  private async prunableBuildCache(): Promise<PruneItem[]> {
    const df = (await this.docker.df()) as { BuildCache?: BuildCacheJson[] | null };
    return (df.BuildCache ?? [])
      .filter((c) => !c.InUse)
      .map((c) => ({ id: c.ID, name: c.Description || c.ID.slice(0, 12), size: c.Size }));
  }

  /** Stopped containers go first, so what only they used counts as unused, as it will be when prune runs. */
  async prunePreview(options: PruneOptions): Promise<PruneReport> {
    const containers = options.containers ? await this.containers.prunable(options.labels) : [];
    const gone = new Set(containers.map((c) => c.id));
    const [images, networks, volumes, buildCache] = await Promise.all([
      options.images === 'none' ? [] : this.images.prunable(options.images === 'all', options.labels, gone),
      options.networks ? this.networks.prunable(options.labels, gone) : [],
      options.volumes ? this.volumes.prunable(options.allVolumes, options.labels, gone) : [],
      options.buildCache && options.labels.length === 0 ? this.prunableBuildCache() : [],
    ]);
    const spaceReclaimed = sizeOf(containers) + sizeOf(images) + sizeOf(volumes) + sizeOf(buildCache);
    return byName({ containers, images, networks, volumes, buildCache, spaceReclaimed });
  }

  async prune(options: PruneOptions): Promise<PruneReport> {
    const containers = options.containers
      ? await this.containers.prune(options.labels)
      : { removed: [], spaceReclaimed: 0 };
    const images =
      options.images === 'none'
        ? { removed: [], spaceReclaimed: 0 }
        : await this.images.prune(options.images === 'all', options.labels);
    const networks = options.networks ? await this.networks.prune(options.labels) : { removed: [] };
    const volumes = options.volumes
      ? await this.volumes.prune(options.allVolumes, options.labels)
      : { removed: [], spaceReclaimed: 0 };
    const buildCache =
      options.buildCache && options.labels.length === 0
        ? await this.pruneBuildCache()
        : { removed: [], spaceReclaimed: 0 };
    return byName({
      containers: containers.removed,
      images: images.removed,
      networks: networks.removed,
      volumes: volumes.removed,
      buildCache: buildCache.removed,
      spaceReclaimed:
        containers.spaceReclaimed + images.spaceReclaimed + volumes.spaceReclaimed + buildCache.spaceReclaimed,
    });
  }

  private async pruneBuildCache(): Promise<{ removed: PruneItem[]; spaceReclaimed: number }> {
    const candidates = new Map((await this.prunableBuildCache()).map((c) => [c.id, c]));
    const result = (await this.docker.pruneBuilder()) as { CachesDeleted?: string[] | null; SpaceReclaimed?: number };
    const removed = (result.CachesDeleted ?? []).map((id) => candidates.get(id) ?? { id, name: id.slice(0, 12) });
    return { removed, spaceReclaimed: result.SpaceReclaimed ?? 0 };
  }
}
