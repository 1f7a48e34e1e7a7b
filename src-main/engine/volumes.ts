// Volume operations on the Engine API: list with size and users, create, inspect, remove, prune.
import type Dockerode from 'dockerode';
import type { PruneItem } from '../contract/dto/system';
import type { Volume, VolumeUser } from '../contract/dto/volumes';
import { ConflictError } from './errors';
import { isBerthContainer } from './berth-labels';
import { isAnonymousVolumeName, toVolume } from './mappers/volumes';

/** A container mounting a volume; Berth's helpers are kept apart from the user's containers. */
type VolumeMounter = VolumeUser & { berthOwned: boolean };

/** What `usedBy` shows: the user's containers mounting `volume`, never Berth's helpers. */
function userContainers(users: Map<string, VolumeMounter[]>, volume: string): VolumeUser[] {
  return (users.get(volume) ?? []).filter((u) => !u.berthOwned).map(({ id, name }) => ({ id, name }));
}

export class VolumeService {
  constructor(private readonly docker: Dockerode) {}

  /** Volume name → containers (running or not) that mount it, leaving out `without`; Berth's helpers flagged. */
  private async users(without: ReadonlySet<string> = new Set()): Promise<Map<string, VolumeMounter[]>> {
    const users = new Map<string, VolumeMounter[]>();
    for (const c of await this.docker.listContainers({ all: true })) {
      if (without.has(c.Id)) continue;
      for (const m of c.Mounts ?? []) {
        if (m.Type !== 'volume' || !m.Name) continue;
        const list = users.get(m.Name) ?? [];
        const name = (c.Names?.[0] ?? c.Id).replace(/^\//, '');
        list.push({ id: c.Id, name, berthOwned: isBerthContainer(c.Labels) });
        users.set(m.Name, list);
      }
    }
    return users;
  }

  /** Volume name → bytes (-1: its driver reports none), from `system df`: the one place the engine measures volumes. */
  private async sizes(): Promise<Map<string, number>> {
    const df = (await this.docker.df()) as {
      Volumes?: Array<{ Name: string; UsageData?: { Size: number } | null }> | null;
    };
    return new Map((df.Volumes ?? []).map((v) => [v.Name, v.UsageData?.Size ?? -1]));
  }

  /** With `withSize` false the engine measures nothing and every size is null ("not-measured"). */
  async list(withSize: boolean): Promise<Volume[]> {
    const [result, users, sizes] = await Promise.all([
      this.docker.listVolumes(),
      this.users(),
      withSize ? this.sizes() : Promise.resolve(new Map<string, number>()),
    ]);
    return (result.Volumes ?? []).map((v) => toVolume(v, userContainers(users, v.Name), sizes.get(v.Name)));
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

  /** The size comes from the same place as the list's, so a volume's page and its row agree. */
  async inspect(name: string): Promise<Volume> {
    const info = await this.docker.getVolume(name).inspect();
    const [users, sizes] = await Promise.all([this.users(), this.sizes()]);
    return toVolume(info, userContainers(users, info.Name), sizes.get(info.Name));
  }

  async remove(name: string, force: boolean): Promise<void> {
    if (!force) {
      const users = (await this.users()).get(name) ?? [];
      const names = (list: VolumeMounter[]) => list.map((u) => u.name).join(', ');
      const theirs = users.filter((u) => !u.berthOwned);
      if (theirs.length) {
        throw new ConflictError(`volume "${name}" is in use by ${names(theirs)}; remove those containers first`);
      }
      if (users.length) {
        throw new ConflictError(
          `Berth's helper ${names(users)} is working on volume "${name}" (an export, import, copy or listing); try again when it ends`,
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
        const size = sizes.get(v.Name) ?? -1;
        if (size >= 0) item.size = size;
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
