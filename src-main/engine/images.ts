// Image operations on the Engine API: list, inspect, history, pull, push, tag, remove, prune, build.
import type { Readable } from 'node:stream';
import type Dockerode from 'dockerode';
import type { ImageDetail, ImageLayer, ImageRemoval, ImageSummary } from '../contract/dto/images';
import type { PruneItem } from '../contract/dto/system';
import type { BuildSpec } from '../contract/methods/images';
import {
  familiarImageReference,
  parseImageReference,
  repositoryOf,
  withDefaultTag,
  type ImageReference,
} from '../core/image-ref';
import { LineAssembler } from '../core/line-assembler';
import { Batcher } from '../core/batcher';
import { BERTH_IMAGE_FILTER, hasBerthImageLabel, isBerthContainer } from './berth-labels';
import { packBuildContext } from './build-context';
import { InvalidArgumentError, parseField } from './errors';
import type { EventHub } from './event-hub';
import { labelFilter } from './filters';
import { readJsonMessages } from './json-messages';
import { LayerProgressReporter } from './layer-progress';
import { readUnlessEngineLost } from './lost-engine';
import { toImageDetail, toImageLayer, toImageSummary } from './mappers/images';
import type { OperationRegistry } from './operations';

/**
 * The stored login for a registry as an image reference's domain names it ("docker.io", "127.0.0.1:5000"), as the
 * engine's X-Registry-Auth takes it; undefined when there is none. (Berth's logins give one: registries' CredentialLookup.)
 */
export type RegistryAuthLookup = (domain: string) => Promise<Dockerode.AuthConfigObject | undefined>;

/** Every stored login, each naming its registry as the engine does (`serveraddress`); a build's FROM may need any. */
export type RegistryAuthList = () => Promise<Dockerode.AuthConfigObject[]>;

/** Registries without credentials still need an X-Registry-Auth header for push. */
const ANONYMOUS_AUTH = { username: '', password: '' };

export class ImageService {
  constructor(
    private readonly docker: Dockerode,
    private readonly hub: EventHub,
    private readonly operations: OperationRegistry,
    /** The stored login for a registry (an image reference's domain); default none. */
    private readonly credentials: RegistryAuthLookup = async () => undefined,
    /** Every stored login, for the classic builder's pulls of FROM images; default none. */
    private readonly allCredentials: RegistryAuthList = async () => [],
  ) {}

  /**
   * Image id → the user's containers using it, leaving out the containers in `without`. Berth's
   * helper containers do not count: they only ever use the helper image, which no user prune takes.
   */
  private async containerCounts(without: ReadonlySet<string> = new Set()): Promise<Map<string, number>> {
    const counts = new Map<string, number>();
    for (const c of await this.docker.listContainers({ all: true })) {
      if (!without.has(c.Id) && !isBerthContainer(c.Labels)) counts.set(c.ImageID, (counts.get(c.ImageID) ?? 0) + 1);
    }
    return counts;
  }

  /** Berth's helper image is listed too, flagged `berthOwned`. */
  async list(all: boolean): Promise<ImageSummary[]> {
    const [images, counts] = await Promise.all([this.docker.listImages({ all }), this.containerCounts()]);
    return images.map((i) => toImageSummary(i, counts));
  }

  async inspect(id: string): Promise<ImageDetail> {
    return toImageDetail(await this.docker.getImage(id).inspect());
  }

  async history(id: string): Promise<ImageLayer[]> {
    const layers = (await this.docker.getImage(id).history()) as Parameters<typeof toImageLayer>[0][];
    return layers.map(toImageLayer);
  }

  private parseReference(field: string, text: string): ImageReference {
    return parseField(field, () => withDefaultTag(parseImageReference(text)));
  }

  async pull(reference: string, operation?: string): Promise<{ id: string; reference: string }> {
    const ref = this.parseReference('reference', reference);
    const name = familiarImageReference(ref);
    return this.operations.run(operation, async (op) => {
      const authconfig = await this.credentials(ref.domain);
      const stream = (await this.docker.createImage({
        fromImage: repositoryOf(ref),
        tag: ref.digest ?? ref.tag,
        ...(authconfig ? { authconfig } : {}),
        abortSignal: op.signal,
      })) as Readable;
      await this.follow(stream, op.signal, new LayerProgressReporter(this.hub, op.id, 'pull'));
      const info = await this.docker.getImage(name).inspect();
      return { id: info.Id, reference: name };
    });
  }

  async push(reference: string, operation?: string): Promise<{ reference: string; digest?: string }> {
    const ref = this.parseReference('reference', reference);
    if (ref.digest) throw new InvalidArgumentError('reference', 'push a tag, not a digest');
    const name = familiarImageReference(ref);
    return this.operations.run(operation, async (op) => {
      const stream = (await this.docker.getImage(repositoryOf(ref)).push({
        tag: ref.tag,
        authconfig: (await this.credentials(ref.domain)) ?? ANONYMOUS_AUTH,
        abortSignal: op.signal,
      } as Dockerode.ImagePushOptions)) as Readable;
      const aux = await this.follow(stream, op.signal, new LayerProgressReporter(this.hub, op.id, 'push'));
      const digest = typeof aux.Digest === 'string' ? aux.Digest : undefined;
      return digest ? { reference: name, digest } : { reference: name };
    });
  }

  /** Reads a pull/push stream to its end, reporting progress; returns the last `aux` object. */
  private async follow(
    stream: Readable,
    signal: AbortSignal,
    reporter: LayerProgressReporter,
  ): Promise<Record<string, unknown>> {
    let aux: Record<string, unknown> = {};
    try {
      await readUnlessEngineLost(this.docker, signal, async () => {
        for await (const message of readJsonMessages(stream)) {
          if (message.aux) aux = message.aux;
          reporter.update(message);
        }
      });
    } finally {
      reporter.flush();
    }
    return aux;
  }

  async tag(id: string, reference: string): Promise<void> {
    const ref = this.parseReference('reference', reference);
    if (ref.digest) throw new InvalidArgumentError('reference', 'a tag cannot be a digest');
    await this.docker.getImage(id).tag({ repo: repositoryOf(ref), tag: ref.tag });
  }

  async remove(id: string, force: boolean, noPrune: boolean): Promise<ImageRemoval> {
    const result = (await this.docker.getImage(id).remove({ force, noprune: noPrune })) as Array<{
      Untagged?: string;
      Deleted?: string;
    }>;
    return {
      untagged: result.flatMap((r) => (r.Untagged ? [r.Untagged] : [])),
      deleted: result.flatMap((r) => (r.Deleted ? [r.Deleted] : [])),
    };
  }

  /**
   * Images a prune would remove: dangling (or, with `all`, any) top-level images no container
   * uses, counting the containers in `without` as already gone. Never Berth's helper image: a
   * prune of all images leaves what carries its label alone (on Berth's VM only the guest can make
   * it again with a shell), as the engine's label! filter does; untagged ones are anyone's to prune.
   */
  async prunable(all: boolean, labels: string[], without?: ReadonlySet<string>): Promise<PruneItem[]> {
    const filters: Record<string, string[]> = { ...labelFilter(labels) };
    if (!all) filters.dangling = ['true'];
    const [images, counts] = await Promise.all([this.docker.listImages({ filters }), this.containerCounts(without)]);
    return images
      .filter((i) => !counts.has(i.Id) && !(all && hasBerthImageLabel(i.Labels)))
      .map((i) => {
        const summary = toImageSummary(i, counts);
        return { id: i.Id, name: summary.repoTags[0] ?? '<none>', size: i.Size };
      });
  }

  async prune(all: boolean, labels: string[]): Promise<{ removed: PruneItem[]; spaceReclaimed: number }> {
    const candidates = new Map((await this.prunable(all, labels)).map((i) => [i.id, i]));
    const filters: Record<string, string[]> = { dangling: [all ? 'false' : 'true'], ...labelFilter(labels) };
    if (all) filters['label!'] = [BERTH_IMAGE_FILTER];
    const result = await this.docker.pruneImages({ filters });
    const deleted = (result.ImagesDeleted ?? []).flatMap((r) => (r.Deleted ? [r.Deleted] : []));
    const removed = deleted.filter((id) => candidates.has(id)).map((id) => candidates.get(id)!);
    return { removed, spaceReclaimed: result.SpaceReclaimed ?? 0 };
  }

  async build(spec: BuildSpec): Promise<{ id: string; tags: string[] }> {
    const tags = spec.tags.map((t, i) => familiarImageReference(this.parseReference(`tags[${i}]`, t)));
    const context = await packBuildContext(spec.context, spec.dockerfile);
    return this.operations.run(spec.operation, async (op) => {
      const options: Record<string, unknown> = {
        dockerfile: spec.dockerfile,
        t: tags,
        buildargs: spec.buildArgs,
        labels: spec.labels,
        nocache: spec.noCache,
        pull: spec.pull,
        rm: true,
        forcerm: true,
        abortSignal: op.signal,
      };
      if (spec.target) options.target = spec.target;
      const logins = await this.allCredentials();
      // X-Registry-Config: the engine picks the login for each FROM image's registry from this map.
      if (logins.length > 0) options.registryconfig = Object.fromEntries(logins.map((l) => [l.serveraddress, l]));
      const stream = (await this.docker.buildImage(context, options as Dockerode.ImageBuildOptions)) as Readable;
      let id: string | undefined;
      const output = new Batcher<string>((lines) => this.hub.emit('build.output', { operation: op.id, lines }));
      const lines = new LineAssembler();
      try {
        await readUnlessEngineLost(this.docker, op.signal, async () => {
          for await (const message of readJsonMessages(stream)) {
            if (typeof message.aux?.ID === 'string') id = message.aux.ID;
            const text = message.stream ?? (message.status ? `${message.status}\n` : '');
            for (const line of lines.push(text)) output.push(line);
            const built = /^Successfully built ([0-9a-f]+)/m.exec(text);
            if (built && !id) id = built[1];
          }
        });
        for (const line of lines.flush()) output.push(line);
      } finally {
        output.flush();
      }
      if (!id) throw new Error('the build finished without an image id');
      return { id: (await this.docker.getImage(id).inspect()).Id, tags };
    });
  }
}
