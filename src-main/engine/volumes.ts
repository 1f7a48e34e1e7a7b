// Volume operations on the Engine API: list with size and users, create, inspect, remove, prune.
import type Dockerode from 'dockerode';
import type { PruneItem } from '../contract/dto/system';
import type { Volume, VolumeUser } from '../contract/dto/volumes';
import { ConflictError } from './errors';
import { isAnonymousVolumeName, toVolume } from './mappers/volumes';

export class VolumeService {
  constructor(private readonly docker: Dockerode) {}

  /** Volume name → containers (running or not) that mount it, leaving out `without`. */
  private async users(without: ReadonlySet<string> = new Set()): Promise<Map<string, VolumeUser[]>> {
    const users = new Map<string, VolumeUser[]>();
    for (const c of await this.docker.listContainers({ all: true })) {
      if (without.has(c.Id)) continue;
      for (const m of c.Mounts ?? []) {
        if (m.Type !== 'volume' || !m.Name) continue;
        const list = users.get(m.Name) ?? [];
        list.push({ id: c.Id, name: (c.Names?.[0] ?? c.Id).replace(/^\//, '') });
        users.set(m.Name, list);
      }
    }
    return users;
  }

  /** Volume name → bytes, from `system df` (the only place the engine measures volumes). */
  private async sizes(): Promise<Map<string, number>> {
    const df = (await this.docker.df()) as {
      Volumes?: Array<{ Name: string; UsageData?: { Size: number } | null }> | null;
    };
    return new Map(
      (df.Volumes ?? []).flatMap((v) => (v.UsageData && v.UsageData.Size >= 0 ? [[v.Name, v.UsageData.Size]] : [])),
    );
  }

  async list(withSize: boolean): Promise<Volume[]> {
    const [result, users, sizes] = await Promise.all([
      this.docker.listVolumes(),
      this.users(),
      withSize ? this.sizes() : Promise.resolve(new Map<string, number>()),
    ]);
    return (result.Volumes ?? []).map((v) => toVolume(v, users.get(v.Name) ?? [], sizes.get(v.Name)));
  }

  async create(args: {
    name?: string;
    driver: string;
    driverOpts: Record<string, string>;
    labels: Record<string, string>;
  }): Promise<Volume> {
    const options: Record<string, unknown> = { Driver: args.driver, DriverOpts: args.driverOpts, Labels: args.labels };
    if (args.name) {
      const existing = await this.docker
        .getVolume(args.name)
        .inspect()
        .catch(() => undefined);
      if (existing) throw new ConflictError(`a volume named "${args.name}" already exists`);
      options.Name = args.name;
    }
    const created = await this.docker.createVolume(options);
    return this.inspect(created.name);
  }

  async inspect(name: string): Promise<Volume> {
    const [info, users] = await Promise.all([this.docker.getVolume(name).inspect(), this.users()]);
    return toVolume(info, users.get(info.Name) ?? []);
  }

  async remove(name: string, force: boolean): Promise<void> {
    if (!force) {
      const users = (await this.users()).get(name) ?? [];
      if (users.length) {
        throw new ConflictError(
          `volume "${name}" is in use by ${users.map((u) => u.name).join(', ')}; remove those containers first`,
        );
      }
    }
    await this.docker.getVolume(name).remove({ force });
  }

  /** Volumes carrying all `labels` that no container but those in `without` uses; anonymous ones only unless `all`. */
  async prunable(all: boolean, labels: string[], without?: ReadonlySet<string>): Promise<PruneItem[]> {
    const [result, users, sizes] = await Promise.all([
      this.docker.listVolumes(labels.length ? { filters: { label: labels } } : {}),
      this.users(without),
      this.sizes(),
    ]);
    return (result.Volumes ?? [])
      .filter((v) => !users.has(v.Name) && (all || isAnonymousVolumeName(v.Name)))
      .map((v) => {
        const item: PruneItem = { id: v.Name, name: v.Name };
        const size = sizes.get(v.Name);
        if (size !== undefined) item.size = size;
        return item;
      });
  }

  /**
   * Removes exactly what `prunable` lists, one by one, so the result matches the preview on every
   * engine version (the engine's own prune changed meaning in API 1.42); one still in use is skipped.
   */
  async prune(all: boolean, labels: string[]): Promise<{ removed: PruneItem[]; spaceReclaimed: number }> {
    const removed: PruneItem[] = [];
    for (const volume of await this.prunable(all, labels)) {
      try {
        await this.docker.getVolume(volume.id).remove();
        removed.push(volume);
      } catch {
        // Taken into use since the listing: not unused any more.
      }
    }
    return { removed, spaceReclaimed: removed.reduce((sum, v) => sum + (v.size ?? 0), 0) };
  }
}
