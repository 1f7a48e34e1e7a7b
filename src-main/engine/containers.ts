// Container operations on the Engine API: list, run, lifecycle, top, commit, limits, copy in and out.
import { stat } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import type Dockerode from 'dockerode';
import { pack } from 'tar-fs';
import type { ContainerDetail, ContainerSummary, CreatedContainer, ProcessList } from '../contract/dto/containers';
import type { PruneItem } from '../contract/dto/system';
import type { RunSpec } from '../contract/methods/containers';
import { parseByteSize, parseCpus, parseMemorySwap } from '../core/bytes';
import { parseCommitChange } from '../core/commit-change';
import { familiarImageReference, parseImageReference, repositoryOf, withDefaultTag } from '../core/image-ref';
import { BERTH_CONTAINER_FILTER, isBerthContainer } from './berth-labels';
import { toCreateOptions } from './create-options';
import { engineErrorDetails, InvalidArgumentError, parseField } from './errors';
import { labelFilter } from './filters';
import { hideValuesInError, secretEnvValues } from './secret-env-errors';
import { copyArchiveToHost } from './host-copy';
import { toContainerDetail, toContainerSummary } from './mappers/containers';

/** Pulls an image when `run` finds it missing. */
export type ImagePuller = (reference: string, operation?: string) => Promise<unknown>;

export class ContainerService {
  constructor(
    private readonly docker: Dockerode,
    private readonly pull: ImagePuller,
  ) {}

  /** Berth's own short-lived helper containers are listed too, flagged `berthOwned`. */
  async list(all: boolean, ids?: string[]): Promise<ContainerSummary[]> {
    if (ids?.length === 0) return [];
    const list = await this.docker.listContainers(ids ? { all, filters: { id: ids } } : { all });
    return list.map(toContainerSummary);
  }

  async inspect(id: string): Promise<ContainerDetail> {
    return toContainerDetail(await this.docker.getContainer(id).inspect());
  }

  /** Create and (unless `start` is false) start; a container that fails to start is removed again. */
  async run(spec: RunSpec, start: boolean, operation?: string): Promise<CreatedContainer> {
    const options = toCreateOptions(spec, (name) => process.env[name]);
    const secrets = secretEnvValues(options);
    try {
      return await this.createAndStart(options, start, operation);
    } catch (error) {
      throw hideValuesInError(error, secrets);
    }
  }

  private async createAndStart(
    options: Dockerode.ContainerCreateOptions,
    start: boolean,
    operation?: string,
  ): Promise<CreatedContainer> {
    const container = await this.createPullingIfMissing(options, operation);
    if (start) {
      try {
        await container.start();
      } catch (error) {
        await container.remove({ force: true, v: true }).catch(() => undefined);
        throw error;
      }
    }
    const info = await container.inspect();
    return { id: info.Id, name: info.Name.replace(/^\//, ''), warnings: [] };
  }

  private async createPullingIfMissing(options: Dockerode.ContainerCreateOptions, operation?: string) {
    try {
      return await this.docker.createContainer(options);
    } catch (error) {
      const details = engineErrorDetails(error);
      if (details?.status !== 404 || !/no such image/i.test(details.message)) throw error;
      const ref = parseField('spec.image', () => withDefaultTag(parseImageReference(options.Image ?? '')));
      await this.pull(familiarImageReference(ref), operation);
      return this.docker.createContainer(options);
    }
  }

  async start(id: string): Promise<void> {
    await this.docker.getContainer(id).start();
  }

  async stop(id: string, timeout?: number): Promise<void> {
    await this.docker.getContainer(id).stop(timeout === undefined ? {} : { t: timeout });
  }

  async restart(id: string, timeout?: number): Promise<void> {
    await this.docker.getContainer(id).restart(timeout === undefined ? {} : { t: timeout });
  }

  async kill(id: string, signal?: string): Promise<void> {
    await this.docker.getContainer(id).kill(signal ? { signal } : {});
  }

  async pause(id: string): Promise<void> {
    await this.docker.getContainer(id).pause();
  }

  async unpause(id: string): Promise<void> {
    await this.docker.getContainer(id).unpause();
  }

  async rename(id: string, name: string): Promise<void> {
    await this.docker.getContainer(id).rename({ name });
  }

  async remove(id: string, force: boolean, volumes: boolean): Promise<void> {
    await this.docker.getContainer(id).remove({ force, v: volumes });
  }

  /**
   * Stopped containers (created, exited, dead) that a prune with these label filters would remove.
   * Berth's helper containers are never the user's to prune (an archive job's helper is "created").
   */
  async prunable(labels: string[]): Promise<PruneItem[]> {
    const list = await this.docker.listContainers({
      all: true,
      size: true,
      filters: { status: ['created', 'exited', 'dead'], ...labelFilter(labels) },
    });
    return list
      .filter((c) => !isBerthContainer(c.Labels))
      .map((c) => ({
        id: c.Id,
        name: toContainerSummary(c).name,
        size: (c as { SizeRw?: number }).SizeRw ?? 0,
      }));
  }

  async prune(labels: string[]): Promise<{ removed: PruneItem[]; spaceReclaimed: number }> {
    const candidates = new Map((await this.prunable(labels)).map((c) => [c.id, c]));
    const result = await this.docker.pruneContainers({
      filters: { ...labelFilter(labels), 'label!': [BERTH_CONTAINER_FILTER] },
    });
    const removed = (result.ContainersDeleted ?? []).map((id) => candidates.get(id) ?? { id, name: id.slice(0, 12) });
    return { removed, spaceReclaimed: result.SpaceReclaimed ?? 0 };
  }

  async top(id: string, psArgs?: string): Promise<ProcessList> {
    const result = (await this.docker.getContainer(id).top(psArgs ? { ps_args: psArgs } : {})) as {
      Titles?: string[];
      Processes?: string[][];
    };
    return { titles: result.Titles ?? [], processes: result.Processes ?? [] };
  }

  async commit(args: {
    id: string;
    reference?: string;
    comment?: string;
    author?: string;
    pause: boolean;
    changes: string[];
  }): Promise<{ id: string }> {
    const options: Record<string, unknown> = { pause: args.pause };
    if (args.reference) {
      const ref = parseField('reference', () => withDefaultTag(parseImageReference(args.reference ?? '')));
      if (ref.digest) throw new InvalidArgumentError('reference', 'cannot commit to a digest');
      options.repo = repositoryOf(ref);
      options.tag = ref.tag;
    }
    if (args.comment) options.comment = args.comment;
    if (args.author) options.author = args.author;
    const changes = args.changes.map((line, i) => parseField(`changes[${i}]`, () => parseCommitChange(line)));
    if (changes.length) options.changes = changes;
    const result = (await this.docker.getContainer(args.id).commit(options)) as { Id: string };
    return { id: result.Id };
  }

  /** `docker update`: limits apply to a running container at once. */
  async update(args: {
    id: string;
    memory?: string;
    /** Memory plus swap; "-1" for unlimited swap. */
    memorySwap?: string;
    cpus?: string;
    cpuShares?: number;
    restartPolicy?: string;
    restartMaxRetries?: number;
  }): Promise<{ warnings: string[] }> {
    const options: Record<string, unknown> = {};
    if (args.memory !== undefined) {
      const memory = parseField('memory', () => parseByteSize(args.memory ?? ''));
      options.Memory = memory;
      // Without a swap limit, keep swap at the engine's create-time default (twice the memory) so raising works.
      if (args.memorySwap === undefined) options.MemorySwap = memory * 2;
    }
    if (args.memorySwap !== undefined) {
      const swap = parseField('memorySwap', () => parseMemorySwap(args.memorySwap ?? ''));
      const memory = options.Memory as number | undefined;
      if (memory !== undefined && swap !== -1 && swap < memory)
        throw new InvalidArgumentError('memorySwap', 'must be at least the memory limit (memory + swap)');
      options.MemorySwap = swap;
    }
    if (args.cpus !== undefined) options.NanoCpus = parseField('cpus', () => parseCpus(args.cpus ?? ''));
    if (args.cpuShares !== undefined) options.CpuShares = args.cpuShares;
    if (args.restartPolicy) {
      options.RestartPolicy = { Name: args.restartPolicy, MaximumRetryCount: args.restartMaxRetries ?? 0 };
    }
    if (Object.keys(options).length === 0)
      throw new InvalidArgumentError(
        '',
        'nothing to update: give memory, memorySwap, cpus, cpuShares or restartPolicy',
      );
    const result = (await this.docker.getContainer(args.id).update(options)) as { Warnings?: string[] | null };
    return { warnings: result?.Warnings ?? [] };
  }

  /** Extracts `path` from the container into `hostDir`, like `docker cp ctr:path hostDir`. */
  copyFrom(id: string, path: string, hostDir: string): Promise<{ hostPath: string }> {
    return copyArchiveToHost(path, hostDir, () => this.docker.getContainer(id).getArchive({ path }));
  }

  /** Packs a host file or folder into the container folder `path`, like `docker cp hostPath ctr:path`. */
  async copyTo(id: string, hostPath: string, path: string): Promise<void> {
    const info = await stat(hostPath).catch(() => undefined);
    if (!info) throw new InvalidArgumentError('hostPath', `"${hostPath}" does not exist`);
    const name = basename(hostPath);
    const archive = pack(dirname(hostPath), {
      entries: [name],
    });
    await this.docker.getContainer(id).putArchive(archive, { path });
  }
}
