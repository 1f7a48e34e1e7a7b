// The engine's build cache: its records, and prunes by selection, by age, all unused, or down to a size budget.
import type Dockerode from 'dockerode';
import type {
  BuildCacheKept,
  BuildCacheList,
  BuildCachePruneResult,
  BuildCacheRecord,
} from '../contract/dto/build-cache';
import { InvalidArgumentError } from './errors';
import { buildCacheName, toBuildCacheRecord, type BuildCacheJson } from './mappers/build-cache';

/**
 * POST /build/prune's query, as docker 26 takes it: filters (one value each: id, matched as a pattern, until, type…),
 * all (shared and internal records too), keep-storage in bytes.
 */
interface PruneQuery {
  all?: boolean;
  filters?: string;
  'keep-storage'?: number;
}

interface PruneAnswer {
  CachesDeleted?: string[] | null;
  SpaceReclaimed?: number;
}

/** dockerode's pruneBuilder sends no query, so the modem is dialled with it. */
function postBuildPrune(docker: Dockerode, query: PruneQuery): Promise<PruneAnswer> {
  const options = {
    path: '/build/prune?',
    method: 'POST',
    options: query,
    statusCodes: { 200: true, 400: 'bad parameter', 500: 'server error' },
  };
  return new Promise((resolve, reject) => {
    docker.modem.dial(options, (error: Error | null, data?: unknown) =>
      error ? reject(error) : resolve((data ?? {}) as PruneAnswer),
    );
  });
}

/** Bytes only the build cache holds: shared records' bytes belong to images. */
const unsharedBytes = (records: BuildCacheRecord[]) =>
  records.filter((r) => !r.shared).reduce((sum, r) => sum + r.size, 0);

export class BuildCacheService {
  /** @param budget the settings' budget in bytes, when one is set */
  constructor(
    private readonly docker: Dockerode,
    private readonly budget: () => number | undefined,
  ) {}

  async records(): Promise<BuildCacheRecord[]> {
    const df = (await this.docker.df()) as { BuildCache?: BuildCacheJson[] | null };
    return (df.BuildCache ?? []).map(toBuildCacheRecord);
  }

  async list(): Promise<BuildCacheList> {
    const records = await this.records();
    const budget = this.budget();
    return {
      records,
      total: unsharedBytes(records),
      reclaimable: unsharedBytes(records.filter((r) => !r.inUse)),
      ...(budget === undefined ? {} : { budget }),
    };
  }

  /** Removes exactly the records named; one that others build on or that is in use stays, and is named with why. */
  async pruneRecords(ids: string[]): Promise<BuildCachePruneResult> {
    const before = await this.records();
    const known = new Set(before.map((r) => r.id));
    const unknown = ids.filter((id) => !known.has(id));
    if (unknown.length) {
      throw new InvalidArgumentError('ids', `no build cache record ${unknown.map((id) => `"${id}"`).join(', ')}`);
    }
    return this.prune(before, ids, async () => {
      // The engine takes one id per prune (as a pattern: a whole id matches only itself); `all` lets records shared
      // with images go too. A record goes only once the records built on it are gone, so passes repeat while they remove.
      const deleted: string[] = [];
      let spaceReclaimed = 0;
      let left = [...new Set(ids)];
      for (let pass = 0; pass < left.length + 1 && left.length; pass += 1) {
        const removedBefore = deleted.length;
        for (const id of left) {
          const answer = await postBuildPrune(this.docker, { all: true, filters: JSON.stringify({ id: [id] }) });
          deleted.push(...(answer.CachesDeleted ?? []));
          spaceReclaimed += answer.SpaceReclaimed ?? 0;
        }
        left = left.filter((id) => !deleted.includes(id));
        if (deleted.length === removedBefore) break;
      }
      return { CachesDeleted: deleted, SpaceReclaimed: spaceReclaimed };
    });
  }

  async pruneOlder(hours: number): Promise<BuildCachePruneResult> {
    const query = { all: true, filters: JSON.stringify({ until: [`${Math.round(hours * 3600)}s`] }) };
    return this.prune(await this.records(), [], () => postBuildPrune(this.docker, query));
  }

  async pruneUnused(): Promise<BuildCachePruneResult> {
    return this.prune(await this.records(), [], () => postBuildPrune(this.docker, { all: true }));
  }

  /** Least recently used first, until at most `maxBytes` (default: the settings' budget) remain. */
  async applyBudget(maxBytes?: number): Promise<BuildCachePruneResult> {
    const budget = maxBytes ?? this.budget();
    if (budget === undefined) {
      throw new InvalidArgumentError('maxBytes', 'no budget given and none set in Settings (Build cache)');
    }
    return this.prune(await this.records(), [], () => postBuildPrune(this.docker, { 'keep-storage': budget }));
  }

  /** After a build Berth ran: the settings' budget applied, when one is set. */
  async afterBuild(): Promise<BuildCachePruneResult | undefined> {
    return this.budget() === undefined ? undefined : this.applyBudget();
  }

  /** Runs `prune` and names what it removed (from `before`) and which of `asked` it kept. */
  private async prune(
    before: BuildCacheRecord[],
    asked: string[],
    prune: () => Promise<PruneAnswer>,
  ): Promise<BuildCachePruneResult> {
    const known = new Map(before.map((r) => [r.id, r]));
    const result = await prune();
    const deleted = result.CachesDeleted ?? [];
    const removed = deleted.map((id) => {
      const record = known.get(id);
      return record ? { id, name: buildCacheName(record), size: record.size } : { id, name: id.slice(0, 12) };
    });
    const after = await this.records();
    const gone = new Set(deleted);
    const kept = asked.filter((id) => !gone.has(id)).map((id) => keptRecord(known.get(id), id, after));
    return { removed, spaceReclaimed: result.SpaceReclaimed ?? 0, kept, total: unsharedBytes(after) };
  }
}

/** Why the engine kept a record it was asked to remove. */
function keptRecord(record: BuildCacheRecord | undefined, id: string, after: BuildCacheRecord[]): BuildCacheKept {
  const name = record ? buildCacheName(record) : id.slice(0, 12);
  const children = after.filter((r) => r.parents.includes(id)).length;
  if (children > 0) {
    const what = children === 1 ? 'another record builds' : `${children} other records build`;
    return { id, name, reason: `${what} on it: select those too` };
  }
  if (record?.inUse) return { id, name, reason: 'a build is using it' };
  return { id, name, reason: 'the engine kept it' };
}
